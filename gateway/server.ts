import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import express from 'express';
import { getOperationAST, Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import { createGraphClient } from '../apps/common/graph-client';
import { loadOperations } from '../apps/common/operations';
import { readManifest } from '../apps/persisted/manifest';
import { appsRouter } from '../apps';
import { EXPLORER_ASSET_PATH, explorerAssets, explorerPage, wantsExplorer } from './explorer';
import { IDENTITY_HEADER, signCaller } from '../subgraphs/common/identity';
import { demoJwks, demoPrivateKey } from './auth/demo-issuer';
import { demoJwtSettings, loadAuthConfig, type AuthConfig, type JwtSettings } from './auth/config';
import { auditSink, loadAuditConfig, useAuditLog, type AuditConfig, type AuditSink } from './plugins/audit';
import { callerIdentifier, useAuth } from './plugins/auth';
import { loadOperationLimits, useOperationLimits, type OperationLimits } from './plugins/limits';
import { persistedOnlyForApiKeysFromEnv, usePersistedDocuments } from './plugins/persisted-documents';
import { useRateLimit } from './plugins/rate-limit';
import { useSubgraphFetchSignal } from './plugins/fetch-signal';
import { requestIdOf, useSubgraphContract } from './plugins/subgraph-contract';
import { useMetrics } from './plugins/metrics';
import { assignRequestId, engineLogger, useRequestLog } from './plugins/request-log';
import { useTracing } from './plugins/tracing';
import { serverLifecycle, type DrainOptions } from '../subgraphs/common/lifecycle';
import { createLogger, type Logger } from '../subgraphs/common/logging';
import { createMetricsRegistry, metricsHandler, type Registry } from '../subgraphs/common/metrics';
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
  /** Who may call, and the secret the subgraphs verify the caller with. Default: from the environment. */
  auth?: AuthConfig;
  /** Depth, alias, token, directive, cost and rate limits, and introspection. Default: from the environment. */
  limits?: OperationLimits;
  /** The demo issuer's key file (gateway/auth/demo-issuer.ts), when the demo issuer is on. */
  demoIssuerKeyFile?: string;
  /** Shared rate-limit budget across replicas. */
  redisUrl?: string;
  /** Where audit records go: AUDIT_LOG_FILE, or the gateway's log. Default: from the environment. */
  audit?: AuditConfig;
  /** Identical queries in flight from the same caller share one execution (`INFLIGHT_DEDUP`, default on). */
  inflightDedup?: boolean;
  /** Operations: the process's JSON logger, its Prometheus registry (/metrics), how a stop drains. */
  logger?: Logger;
  metrics?: Registry;
  drain?: DrainOptions;
}

export interface RunningGateway {
  url: string;
  port: number;
  /** How callers authenticate here, for the start-up banner. */
  auth: { mode: AuthConfig['mode']; demoIssuer: boolean; idpIssuer?: string; apiKeys: number };
  close: () => Promise<void>;
}

/** Largest request body the gateway reads; larger ones are refused before parsing. */
const MAX_BODY_BYTES = 1024 * 1024;

interface PluginSettings {
  auth: AuthConfig;
  issuers: JwtSettings[];
  limits: OperationLimits;
  rateLimit?: GatewayPlugin;
  audit: AuditSink;
}

/** The gateway's plugins, in order: each cross-cutting concern of ours is one file under gateway/plugins/. */
function gatewayPlugins(options: GatewayOptions, settings: PluginSettings, ops: { logger: Logger; metrics: Registry }, wallboard?: WallboardCache): GatewayPlugin[] {
  return [
    useTracing(),
    useSubgraphContract({ operationDeadlineMs: options.operationDeadlineMs ?? 15_000 }),
    useSubgraphFetchSignal(),
    ...useOperationLimits(settings.limits),
    usePersistedDocuments({ manifest: readManifest(options.operationsDir), persistedOnlyForApiKeys: persistedOnlyForApiKeysFromEnv() }),
    // Before the auth plugin: it sees every mutation field asked for, refused ones included.
    useAuditLog(settings.audit, requestIdOf),
    useAuth({ config: settings.auth, issuers: settings.issuers }),
    ...(settings.rateLimit ? [settings.rateLimit] : []),
    useRequestLog({ logger: ops.logger }),
    useMetrics({ registry: ops.metrics }),
    // Whole responses per caller for wallboards (RESPONSE_CACHE_TTL_SECONDS); after auth, which refuses first.
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
  const ops = { logger: (options.logger ?? createLogger()).child({ service: 'gateway' }), metrics: options.metrics ?? createMetricsRegistry() };
  const auth = options.auth ?? loadAuthConfig();
  const limits = options.limits ?? loadOperationLimits();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const lifecycle = serverLifecycle(httpServer);
  // Node refuses oversized headers (a 100 kB token) before Express sees them; say so in JSON, like every refusal.
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const [status, reason, code, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'REQUEST_HEADERS_TOO_LARGE', 'Request headers are too large']
        : [400, 'Bad Request', 'BAD_REQUEST', 'Malformed HTTP request'];
    const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  // Listen first: the demo issuer's JWKS lives at this gateway's own address.
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const ownUrl = `${base}/graphql`;

  const demoKey = auth.demoIssuer && options.demoIssuerKeyFile ? demoPrivateKey(options.demoIssuerKeyFile) : undefined;
  const issuers = [...(auth.jwt ? [auth.jwt] : []), ...(demoKey ? [demoJwtSettings(base)] : [])];
  const rateLimit = limits.rateLimitPerMinute ? useRateLimit({ perMinute: limits.rateLimitPerMinute, redisUrl: options.redisUrl }) : undefined;
  const settings: PluginSettings = { auth, issuers, limits, rateLimit: rateLimit?.plugin, audit: auditSink(options.audit ?? loadAuditConfig(), ops.logger) };
  const wallboard = wallboardCacheFromEnv(callerIdentifier({ config: auth, issuers }));
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
    logging: engineLogger(ops.logger),
    ...(limits.introspection ? {} : { disableIntrospection: { disableIf: () => true } }),
    // List-size-aware cost from the schema's @cost/@listSize, estimated per subgraph request and summed.
    ...(limits.maxCost ? { demandControl: { maxCost: limits.maxCost, includeExtensionMetadata: false } } : {}),
    // Identical queries in flight from one caller (same credentials, same document and variables) run once:
    // the engine's inbound dedup, keyed on the credential headers only (not request ids), and never a mutation.
    ...((options.inflightDedup ?? process.env.INFLIGHT_DEDUP !== 'false')
      ? {
          inboundInflightRequestDeduplication: {
            shouldIncludeHeader: (name: string) => name === 'authorization' || name === 'x-api-key',
            enabled: (args: { document: DocumentNode; operationName?: string | null }) => getOperationAST(args.document, args.operationName ?? undefined)?.operation === 'query',
          },
        }
      : {}),
    plugins: () => gatewayPlugins(options, settings, ops, wallboard),
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const readiness = (): Record<string, string> =>
    auth.identitySecret ? { [IDENTITY_HEADER]: signCaller({ subject: 'gateway:readiness', kind: 'service', scopes: [] }, auth.identitySecret) } : {};
  app.get('/metrics', metricsHandler(ops.metrics));
  app.get('/ready', async (_req, res) => {
    if (lifecycle.draining) return void res.status(503).json({ status: 'draining' });
    const checks = await Promise.all(
      Object.entries(routes).map(async ([name, url]) => [name, await probe(url, options.readinessTimeoutMs ?? 2000, readiness())] as const),
    );
    const ready = checks.every(([, ok]) => ok === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', subgraphs: Object.fromEntries(checks) });
  });
  if (demoKey) {
    const jwks = demoJwks(demoKey);
    app.get('/auth/demo/jwks.json', (_req, res) => {
      res.set('cache-control', 'public, max-age=300').json(jwks);
    });
  }
  app.use(webhookForwarding(routes, { onAccepted: () => wallboard?.clear() }));
  app.use(EXPLORER_ASSET_PATH, explorerAssets());
  app.get('/graphql', (req, res, next) => {
    if (!wantsExplorer(req)) return next();
    res.type('html').send(explorerPage('/graphql', auth.mode));
  });
  app.get('/', (req, res, next) => (wantsExplorer(req) ? res.redirect('/graphql') : next()));
  app.use(appsRouter(createGraphClient(() => ownUrl, loadOperations(options.operationsDir))));
  app.use('/graphql', (req, res, next) => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (length <= MAX_BODY_BYTES) return next();
    res.status(413).json({ errors: [{ message: `Request body is larger than ${MAX_BODY_BYTES} bytes`, extensions: { code: 'REQUEST_TOO_LARGE' } }] });
  });
  app.use('/graphql', assignRequestId(), runtime);

  return {
    url: ownUrl,
    port,
    auth: { mode: auth.mode, demoIssuer: !!demoKey, ...(auth.jwt ? { idpIssuer: auth.jwt.issuer } : {}), apiKeys: auth.apiKeys.length },
    close: async () => {
      await lifecycle.drain(options.drain);
      await runtime.dispose();
      await rateLimit?.close();
      await wallboard?.close();
    },
  };
}

/** A subgraph is ready when it answers `{ __typename }`. */
async function probe(url: string, timeoutMs: number, identity: Record<string, string>): Promise<string> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...identity },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok ? 'ok' : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
