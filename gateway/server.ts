import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import { createGraphClient } from '../apps/common/graph-client';
import { loadOperations } from '../apps/common/operations';
import { appsRouter } from '../apps';
import { EXPLORER_ASSET_PATH, explorerAssets, explorerPage, wantsExplorer } from './explorer';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides of the supergraph's routing URLs, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  port?: number;
  host?: string;
  readinessTimeoutMs?: number;
  /** Longest a GraphQL operation may take; subgraphs get the remaining budget with every fetch. Default 15 s. */
  operationDeadlineMs?: number;
  /** The folder of named operations the apps run (operations/ at the repository root). */
  operationsDir: string;
}

export interface RunningGateway {
  url: string;
  port: number;
  close: () => Promise<void>;
}

/** The subgraphs' header for the operation's remaining time budget (subgraphs/common/server.ts). */
const DEADLINE_HEADER = 'x-pmo-deadline-ms';

interface StaleNotice {
  upstream: string;
  ageSeconds: number;
  reason: string;
}

interface GatewayContext {
  requestId: string;
  /** Epoch ms by which the operation must answer. */
  deadline: number;
  /** Subgraph answers served from cache because their upstream failed, passed on to the client. */
  stale: StaleNotice[];
}

type SubgraphResponseContext = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0];

/** The one place that decides what a subgraph request carries from the client request, and reads back from it. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!context.requestId) return;
    request.http?.headers.set('x-request-id', context.requestId);
    request.http?.headers.set(DEADLINE_HEADER, String(Math.max(1, context.deadline - Date.now())));
  }

  override didReceiveResponse({ response, context }: SubgraphResponseContext): SubgraphResponseContext['response'] {
    const stale = response.extensions?.stale;
    if (context.stale && Array.isArray(stale)) context.stale.push(...(stale as StaleNotice[]));
    return response;
  }
}

/** `extensions.stale` on the client's response: which systems' data is the last good value rather than live. */
function staleNotices(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (!contextValue.stale?.length || response.body.kind !== 'single') return;
          const byUpstream = new Map<string, StaleNotice>();
          for (const notice of contextValue.stale) {
            const seen = byUpstream.get(notice.upstream);
            if (!seen || seen.ageSeconds < notice.ageSeconds) byUpstream.set(notice.upstream, notice);
          }
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, stale: [...byUpstream.values()] };
        },
      };
    },
  };
}

/** Routing URL of each subgraph as the supergraph declares it, with overrides applied. */
export function subgraphRoutes(supergraphSdl: string, overrides: Record<string, string> = {}): Record<string, string> {
  const routes: Record<string, string> = {};
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const join = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = join && stringArgument(join, 'name');
      const url = join && stringArgument(join, 'url');
      if (name && url) routes[name] = overrides[name] ?? url;
    }
  }
  return routes;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/** Serves the composed supergraph at /graphql (POST and GET), the explorer at the same URL, /health and /ready. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const routes = subgraphRoutes(options.supergraphSdl, options.subgraphUrls);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource({ url: routes[name] ?? url }),
  });
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    // Stack traces of the gateway's own plumbing tell a client nothing; the subgraphs log what went wrong.
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDrainHttpServer({ httpServer }), staleNotices()],
  });
  await server.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(routes).map(async ([name, url]) => [name, await probe(url, options.readinessTimeoutMs ?? 2000)] as const),
    );
    const ready = checks.every(([, ok]) => ok === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', subgraphs: Object.fromEntries(checks) });
  });
  app.use(EXPLORER_ASSET_PATH, explorerAssets());
  app.get('/graphql', (req, res, next) => {
    if (!wantsExplorer(req)) return next();
    res.type('html').send(explorerPage('/graphql'));
  });
  app.get('/', (req, res, next) => (wantsExplorer(req) ? res.redirect('/graphql') : next()));
  let ownUrl = '';
  app.use(appsRouter(createGraphClient(() => ownUrl, loadOperations(options.operationsDir))));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req }) => ({
        requestId: typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'] ? req.headers['x-request-id'] : randomUUID(),
        deadline: Date.now() + (options.operationDeadlineMs ?? 15_000),
        stale: [],
      }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  ownUrl = `http://127.0.0.1:${port}/graphql`;
  return {
    url: ownUrl,
    port,
    close: async () => {
      await server.stop();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** A subgraph is ready when it answers `{ __typename }`. */
async function probe(url: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok ? 'ok' : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
