import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import express from 'express';
import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import { createGraphClient } from '../apps/common/graph-client';
import { loadOperations } from '../apps/common/operations';
import { readManifest } from '../apps/persisted/manifest';
import { appsRouter } from '../apps';
import { EXPLORER_ASSET_PATH, explorerAssets, explorerPage, wantsExplorer } from './explorer';
import { persistedOnlyForApiKeysFromEnv, usePersistedDocuments } from './plugins/persisted-documents';
import { useSubgraphContract } from './plugins/subgraph-contract';
import { wallboardCacheFromEnv, type WallboardCache } from './plugins/response-cache';
import { webhookForwarding } from './webhooks';

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

/** Largest request body the gateway reads; larger ones are refused before parsing. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The gateway's plugins, in order: each cross-cutting concern of ours is one file under gateway/plugins/. */
function gatewayPlugins(options: GatewayOptions, wallboard?: WallboardCache): GatewayPlugin[] {
  return [
    useSubgraphContract({ operationDeadlineMs: options.operationDeadlineMs ?? 15_000 }),
    usePersistedDocuments({ manifest: readManifest(options.operationsDir), persistedOnlyForApiKeys: persistedOnlyForApiKeysFromEnv() }),
    ...(wallboard?.plugins ?? []),
  ];
}

/** The supergraph with each subgraph's routing URL replaced (the engine reads them from the SDL). */
export function routeSupergraph(sdl: string, routes: Record<string, string>): string {
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) =>
    routes[name] ? `@join__graph(name: "${name}", url: "${routes[name]}")` : whole,
  );
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

/**
 * Serves the composed supergraph at /graphql (Hive Gateway's runtime with the Rust query planner, GraphQL over
 * HTTP per the spec), the explorer at the same URL, the apps beside it, /health and /ready.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const routes = subgraphRoutes(options.supergraphSdl, options.subgraphUrls);
  const wallboard = wallboardCacheFromEnv();
  const runtime = createGatewayRuntime({
    supergraph: routeSupergraph(options.supergraphSdl, routes),
    transports: { http: httpTransport },
    unifiedGraphHandler,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    // Browsers send no custom header on a "simple" cross-site request; requiring one stops CSRF on GET.
    csrfPrevention: { requestHeaders: ['x-graphql-client-name', 'graphql-preflight', 'apollo-require-preflight', 'x-api-key', 'authorization'] },
    maskedErrors: true,
    logging: 'error',
    plugins: () => gatewayPlugins(options, wallboard),
  });
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

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
  app.use(webhookForwarding(routes, { onAccepted: () => wallboard?.clear() }));
  app.use(EXPLORER_ASSET_PATH, explorerAssets());
  app.get('/graphql', (req, res, next) => {
    if (!wantsExplorer(req)) return next();
    res.type('html').send(explorerPage('/graphql'));
  });
  app.get('/', (req, res, next) => (wantsExplorer(req) ? res.redirect('/graphql') : next()));
  let ownUrl = '';
  app.use(appsRouter(createGraphClient(() => ownUrl, loadOperations(options.operationsDir))));
  app.use('/graphql', (req, res, next) => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (length <= MAX_BODY_BYTES) return next();
    res.status(413).json({ errors: [{ message: `Request body is larger than ${MAX_BODY_BYTES} bytes`, extensions: { code: 'REQUEST_TOO_LARGE' } }] });
  });
  app.use('/graphql', runtime);

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
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await runtime.dispose();
      await wallboard?.close();
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
