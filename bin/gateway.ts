import { loadAuthConfig, requireSharedSecret } from '../gateway/auth/config';
import { demoKeyFile } from '../gateway/auth/demo-issuer';
import { loadGatewayConfig } from '../gateway/config';
import { startGateway } from '../gateway/server';
import { drainFromEnv } from '../subgraphs/common/lifecycle';
import { createLogger } from '../subgraphs/common/logging';
import { startTracing } from '../subgraphs/common/tracing';
import { fail, onShutdown } from './shutdown';
import { OPERATIONS_DIR, ROOT, readSupergraph } from './stack';

/** `npm run start:gateway`: the gateway alone, routing to the subgraphs named in supergraph.graphql (or PROJECTS_URL …). */
async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const auth = loadAuthConfig();
  requireSharedSecret(auth, 'gateway');
  const tracing = startTracing({ serviceName: 'pmo-gateway' });
  const gateway = await startGateway({
    supergraphSdl: await readSupergraph(),
    subgraphUrls: config.subgraphUrls,
    port: config.port,
    host: config.host,
    readinessTimeoutMs: config.readinessTimeoutMs,
    operationDeadlineMs: config.operationDeadlineMs,
    operationsDir: OPERATIONS_DIR,
    auth,
    demoIssuerKeyFile: demoKeyFile(ROOT),
    redisUrl: process.env.REDIS_URL?.trim() || undefined,
    logger: createLogger(),
    drain: drainFromEnv(),
  });
  console.log(`gateway: http://localhost:${gateway.port}/graphql`);
  onShutdown(async () => {
    await gateway.close();
    await tracing?.shutdown();
  });
}

main().catch(fail);
