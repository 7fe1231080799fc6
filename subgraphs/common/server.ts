import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import { systemClock, type Clock } from '../../connectors/http/clock';
import { currentOperation, runInOperation } from '../../connectors/http/operation';
import type { HttpRuntime } from '../../connectors/http/runtime';
import { subgraphReadiness } from './readiness';
import { serverLifecycle, type DrainOptions } from './lifecycle';
import { createLogger, requestLogPlugin, type Logger } from './logging';
import { createMetricsRegistry, metricsHandler, registerUpstreamMetrics, subgraphMetricsPlugin, type Registry } from './metrics';
import { tracingMiddleware } from './tracing';
import { ANONYMOUS_DEMO_CALLER, type Caller, type SubgraphRequest } from './caller';
import { IDENTITY_HEADER, verifyCaller, type SubgraphIdentityOptions } from './identity';
import { codeForUpstreamKind, formatSubgraphError } from './errors';

/** The remaining time budget of the GraphQL operation, in ms, as the gateway sends it to each subgraph. */
export const DEADLINE_HEADER = 'x-pmo-deadline-ms';

export interface SubgraphDefinition<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  /** Builds the per-request context (fresh DataLoaders for every request) for the caller the gateway vouched for. */
  context: (request: SubgraphRequest) => TContext;
}

export interface SubgraphServerOptions {
  port?: number;
  host?: string;
  /** Longest an operation may take here; the gateway's remaining budget shortens it. Default 15 s. */
  deadlineMs?: number;
  /** The clock the deadline is measured on (the connectors' clock). */
  clock?: Clock;
  /** Whom to believe: the gateway's signed identity header (subgraphs/common/identity.ts). Default: auth off, no secret. */
  identity?: SubgraphIdentityOptions;
  /** The process's JSON logger (one line per request); default: from LOG_LEVEL. */
  logger?: Logger;
  /** The process's Prometheus registry, served at /metrics; default: one of its own. */
  metrics?: Registry;
  /** The connectors' HTTP runtime: its upstream counters go to /metrics, its cache and breakers to /ready. */
  http?: HttpRuntime;
  /** How a stop drains (subgraphs/common/lifecycle.ts). */
  drain?: DrainOptions;
  /** Served beside /graphql, before any body parser (the upstreams' webhooks, which need the raw body). */
  routes?: RequestHandler;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  close: () => Promise<void>;
}

export function createSubgraphServer<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  observers: ApolloServerPlugin<TContext>[] = [],
  logger?: Logger,
): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    ...(logger ? { logger } : {}),
    schema: definition.schema,
    formatError: formatSubgraphError,
    // In every mode: a stack trace names server files; the log has it, keyed by the request id.
    includeStacktraceInErrorResponses: false,
    // No Apollo Studio here: federated traces would only cost time on every request.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginLandingPageDisabled(), staleNotices(), ...observers],
  });
}

/**
 * Each request runs in its own operation scope (connectors/http/operation): the HTTP policy reads the
 * deadline and request id from it and records any answer it served stale from cache.
 */
function operationScope(options: SubgraphServerOptions): RequestHandler {
  const clock = options.clock ?? systemClock;
  const ownBudget = options.deadlineMs ?? 15_000;
  return (req, _res, next) => {
    const sent = Number(req.headers[DEADLINE_HEADER]);
    const budget = Number.isFinite(sent) && sent > 0 ? Math.min(ownBudget, sent) : ownBudget;
    const requestId = typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : undefined;
    runInOperation({ deadline: clock.now() + budget, requestId, stale: [] }, next);
  };
}

/**
 * The caller the gateway vouched for. A header that does not verify is refused in every mode (someone forged or
 * replayed it); no header is the anonymous demo caller with auth off, and a refusal with `AUTH_MODE=required`, so a
 * subgraph port called directly answers nothing.
 */
function callerOf(options: SubgraphIdentityOptions | undefined): RequestHandler {
  return (req, res, next) => {
    const raw = req.headers[IDENTITY_HEADER];
    const header = Array.isArray(raw) ? raw[0] : raw;
    if (!header && !options?.required) {
      res.locals.caller = ANONYMOUS_DEMO_CALLER;
      return next();
    }
    const verified = options?.secret ? verifyCaller(header, options.secret) : ({ ok: false, reason: 'no identity secret configured' } as const);
    if (verified.ok) {
      res.locals.caller = verified.caller;
      return next();
    }
    res.status(401).json({
      errors: [{ message: 'This subgraph answers only requests the gateway vouches for; send your query to the gateway', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  };
}

/** Puts `extensions.stale` on a response some of whose data came from cache because its upstream failed. */
function staleNotices<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const stale = currentOperation()?.stale;
          if (!stale?.length || response.body.kind !== 'single') return;
          const notices = stale.map(({ upstream, ageSeconds, kind }) => ({ upstream, ageSeconds, reason: codeForUpstreamKind(kind) }));
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, stale: notices };
        },
      };
    },
  };
}

/** Serves a subgraph at `/graphql` (plus `GET /health`) on its own port. */
export async function startSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  options: SubgraphServerOptions = {},
): Promise<RunningSubgraph> {
  const logger = (options.logger ?? createLogger()).child({ service: `subgraph-${definition.name}` });
  const metrics = options.metrics ?? createMetricsRegistry();
  if (options.http) registerUpstreamMetrics(metrics, options.http.metrics);
  const server = createSubgraphServer(definition, [requestLogPlugin(logger), subgraphMetricsPlugin(metrics, definition.name)], logger);
  await server.start();
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraph: definition.name });
  });
  if (options.routes) app.use(options.routes);
  const httpServer = http.createServer(app);
  // Longer than the gateway's idle-socket timeout, so the gateway never reuses a socket this side is closing.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const lifecycle = serverLifecycle(httpServer);
  app.get('/ready', subgraphReadiness(definition.name, lifecycle, options.http));
  app.get('/metrics', metricsHandler(metrics));
  app.use(
    '/graphql',
    callerOf(options.identity),
    express.json({ limit: '2mb' }),
    tracingMiddleware(definition.name),
    operationScope(options),
    expressMiddleware(server, {
      context: async ({ res }) => definition.context({ caller: res.locals.caller as Caller, requestId: currentOperation()?.requestId }),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    name: definition.name,
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    close: async () => {
      await lifecycle.drain(options.drain);
      await server.stop();
    },
  };
}
