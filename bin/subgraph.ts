import { ConfigError, loadUpstreamConfigs } from '../connectors/config';
import { loadAuthConfig, requireSharedSecret } from '../gateway/auth/config';
import { HttpRuntime } from '../connectors/http/runtime';
import { drainFromEnv } from '../subgraphs/common/lifecycle';
import { createLogger, upstreamLogger } from '../subgraphs/common/logging';
import { startTracing } from '../subgraphs/common/tracing';
import { fail, onShutdown } from './shutdown';
import { portOf, startSubgraphByName, subgraphSettings, SUBGRAPHS, UPSTREAM_OF, type SubgraphName } from './stack';

const UPSTREAM_VARIABLE = { jira: 'JIRA_BASE_URL', servicenow: 'SERVICENOW_URL', scim: 'SCIM_BASE_URL' } as const;

/** `npm run start:subgraph -- <projects|people|tickets>`: one subgraph as its own process (for deployment). */
async function main(): Promise<void> {
  const name = process.argv[2] as SubgraphName | undefined;
  if (!name || !SUBGRAPHS.includes(name)) {
    throw new ConfigError(`usage: npm run start:subgraph -- <${SUBGRAPHS.join('|')}>`);
  }
  const upstreamName = UPSTREAM_OF[name];
  const upstream = loadUpstreamConfigs()[upstreamName];
  if (!upstream) {
    throw new ConfigError(
      `${UPSTREAM_VARIABLE[upstreamName]} is not set. Point it at the real system, or run \`npm run start:simulators\` and use the settings it prints.`,
    );
  }
  const auth = loadAuthConfig();
  requireSharedSecret(auth, `${name} subgraph`);
  const tracing = startTracing({ serviceName: `pmo-subgraph-${name}` });
  const logger = createLogger();
  // This process's upstream policy state (breaker, pacer, cache, counters), its events logged as JSON.
  const http = new HttpRuntime({ cache: upstream.cacheStore, log: upstreamLogger(logger) });
  // Connect to Redis now (its client connects lazily), so the first requests already share the cache.
  await http.cacheStatus();
  const subgraph = await startSubgraphByName(name, { ...upstream, runtime: http }, subgraphSettings(process.env, false), {
    port: portOf(name, process.env),
    host: process.env.HOST || '0.0.0.0',
    logger,
    http,
    drain: drainFromEnv(),
    identity: { secret: auth.identitySecret, required: auth.mode === 'required' },
  });
  console.log(`subgraph ${name}: http://localhost:${subgraph.port}/graphql (upstream ${upstream.baseUrl})`);
  onShutdown(async () => {
    await subgraph.close();
    await http.close();
    await tracing?.shutdown();
  });
}

main().catch(fail);
