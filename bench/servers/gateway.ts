import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { ApolloGateway } from '@apollo/gateway';
import { loadOperationLimits } from '../../gateway/plugins/limits';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { OPERATIONS_DIR, readSupergraph, type UpstreamName } from '../../bin/stack';
import { startGateway } from '../../gateway/server';
import { createMonolith, type MonolithContext } from './monolith';

/**
 * One server under test, in a process of its own: `ours` (gateway/server.ts as configured), `apollo-gateway`
 * (stock @apollo/gateway in Apollo Server, the engine we left), `hive` / `hive-nodedup` (Hive Gateway with the
 * Rust query planner out of the box, in-flight deduplication on / off) or
 * `monolith` (one non-federated schema over the same connectors: the limit). Subgraph URLs come from
 * BENCH_SUBGRAPHS, simulator URLs (for the monolith) from BENCH_SIMULATORS, both JSON. Prints {"url": …}.
 */

export const GATEWAY_KINDS = ['ours', 'apollo-gateway', 'hive', 'hive-nodedup', 'monolith'] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];

/** The supergraph with each subgraph's routing URL replaced (Hive Gateway reads them from the SDL). */
function routeSupergraph(sdl: string, urls: Record<string, string>): string {
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole));
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

async function startHive(subgraphs: Record<string, string>, dedup: boolean): Promise<string> {
  const runtime = createGatewayRuntime({
    supergraph: routeSupergraph(await readSupergraph(), subgraphs),
    transports: { http: httpTransport },
    unifiedGraphHandler,
    // Both kinds of in-flight deduplication: identical concurrent client requests share one execution
    // (inbound), identical concurrent subgraph requests share one fetch (outbound, on by default).
    inboundInflightRequestDeduplication: dedup,
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: dedup } } },
    logging: 'error',
  });
  return listen(http.createServer(runtime));
}

async function startApolloGateway(subgraphs: Record<string, string>): Promise<string> {
  // Stock @apollo/gateway refuses a supergraph with the SECURITY features (that is why we left it): the peer runs
  // the same supergraph with @requiresScopes taken out.
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: withoutSecurityFeatures(routeSupergraph(await readSupergraph(), subgraphs)) }) });
  await server.start();
  const app = express();
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(server));
  return listen(http.createServer(app));
}

export function withoutSecurityFeatures(sdl: string): string {
  return sdl
    .replace(/^\s*@link\(url: "https:\/\/specs\.apollo\.dev\/(requiresScopes|authenticated|policy)\/[^)]*\)\s*$/gm, '')
    .replace(/\s@requiresScopes\(scopes: \[[^@\n]*?\]\]\)/g, '')
    .replace(/^directive @requiresScopes[^\n]*$/gm, '')
    .replace(/^scalar requiresScopes__Scope\s*$/gm, '');
}

async function startMonolith(simulators: Record<UpstreamName, string>): Promise<string> {
  const monolith = await createMonolith(simulators);
  const server = new ApolloServer<MonolithContext>({ schema: monolith.schema });
  await server.start();
  const app = express();
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(server, { context: async () => monolith.context() }));
  return listen(http.createServer(app));
}

async function main(): Promise<void> {
  const kind = process.argv[2] as GatewayKind;
  const subgraphs = JSON.parse(process.env.BENCH_SUBGRAPHS ?? '{}') as Record<string, string>;
  let url: string;
  switch (kind) {
    case 'ours':
      // As configured by default (AUTH_MODE=off, every limit on) except the per-client rate limit (the bench is one
      // client sending thousands of requests a minute on purpose) and inbound dedup.
      url = (
        await startGateway({
          supergraphSdl: await readSupergraph(),
          subgraphUrls: subgraphs,
          port: 0,
          host: '127.0.0.1',
          operationsDir: OPERATIONS_DIR,
          limits: { ...loadOperationLimits(), rateLimitPerMinute: 0 },
          // Every request executed: the load is one query repeated, which inbound dedup would mostly skip.
          inflightDedup: false,
        })
      ).url;
      break;
    case 'apollo-gateway':
      url = await startApolloGateway(subgraphs);
      break;
    case 'hive':
    case 'hive-nodedup':
      url = await startHive(subgraphs, kind === 'hive');
      break;
    case 'monolith':
      url = await startMonolith(JSON.parse(process.env.BENCH_SIMULATORS ?? '{}') as Record<UpstreamName, string>);
      break;
    default:
      throw new Error(`unknown gateway kind ${String(kind)}; one of ${GATEWAY_KINDS.join(', ')}`);
  }
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  process.once('SIGTERM', () => process.exit(0));
  // The coordinator holds our stdin open: when it goes away, so do we.
  process.stdin.on('end', () => process.exit(0)).resume();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
