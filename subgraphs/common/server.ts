import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { formatSubgraphError } from './errors';

export interface SubgraphDefinition<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  /** Builds the per-request context (fresh DataLoaders for every request). */
  context: () => TContext;
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
    // No Apollo Studio here: federated traces would only cost time on every request.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginLandingPageDisabled()],
  });
}

/** Serves a subgraph at `/graphql` (plus `GET /health`) on its own port. */
export async function startSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  options: { port?: number; host?: string } = {},
): Promise<RunningSubgraph> {
  const server = createSubgraphServer(definition);
  await server.start();
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraph: definition.name });
  });
  app.use('/graphql', express.json({ limit: '2mb' }), expressMiddleware(server, { context: async () => definition.context() }));
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
