import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import { systemClock, type Clock } from '../../connectors/http/clock';
import { currentOperation, runInOperation } from '../../connectors/http/operation';
import { ANONYMOUS_DEMO_CALLER, type SubgraphRequest } from './caller';
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
  /** Served beside /graphql, before any body parser (the upstreams' webhooks, which need the raw body). */
  routes?: RequestHandler;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  close: () => Promise<void>;
}

export function createSubgraphServer<TContext extends BaseContext>(definition: SubgraphDefinition<TContext>): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: definition.schema,
    formatError: formatSubgraphError,
    // In every mode: a stack trace names server files; the log has it, keyed by the request id.
    includeStacktraceInErrorResponses: false,
    // No Apollo Studio here: federated traces would only cost time on every request.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginLandingPageDisabled(), staleNotices()],
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
  const server = createSubgraphServer(definition);
  await server.start();
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraph: definition.name });
  });
  if (options.routes) app.use(options.routes);
  app.use('/graphql', express.json({ limit: '2mb' }), operationScope(options), expressMiddleware(server, { context: async () => definition.context({ caller: ANONYMOUS_DEMO_CALLER, requestId: currentOperation()?.requestId }) }));
  const httpServer = http.createServer(app);
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
      await server.stop();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
