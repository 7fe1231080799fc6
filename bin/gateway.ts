import { loadGatewayConfig } from '../gateway/config';
import { startGateway } from '../gateway/server';
import { fail, onShutdown } from './shutdown';
import { OPERATIONS_DIR, readSupergraph } from './stack';

/** `npm run start:gateway`: the gateway alone, routing to the subgraphs named in supergraph.graphql (or PROJECTS_URL …). */
async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const gateway = await startGateway({
    supergraphSdl: await readSupergraph(),
    subgraphUrls: config.subgraphUrls,
    port: config.port,
    host: config.host,
    readinessTimeoutMs: config.readinessTimeoutMs,
    operationDeadlineMs: config.operationDeadlineMs,
    operationsDir: OPERATIONS_DIR,
  });
  console.log(`gateway: http://localhost:${gateway.port}/graphql`);
  onShutdown(gateway.close);
}

main().catch(fail);
