import { onShutdown, fail } from './shutdown';
import { SUBGRAPHS, startStack, type UpstreamName } from './stack';
import { startTracing } from '../subgraphs/common/tracing';

/** `npm start`: the whole product in one process, with a simulator for every upstream not configured. */
async function main(): Promise<void> {
  const tracing = startTracing({ serviceName: 'pmo-graph' });
  const stack = await startStack({ ports: 'env' });
  const lines = [
    '',
    `PMO Graph is up: http://localhost:${stack.gateway.port}/graphql  (open it in a browser for the explorer)`,
    `  health  http://localhost:${stack.gateway.port}/health   ready  http://localhost:${stack.gateway.port}/ready   metrics  http://localhost:${stack.gateway.port}/metrics`,
    ...SUBGRAPHS.map((name) => `  subgraph ${name.padEnd(9)} ${stack.subgraphs[name].url}`),
    ...(Object.keys(stack.upstreams) as UpstreamName[]).map((name) => {
      const sim = stack.simulators[name];
      return `  upstream ${name.padEnd(10)} ${stack.upstreams[name].baseUrl}${sim ? '  (simulator with demo data)' : ''}`;
    }),
    'Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
  onShutdown(async () => {
    await stack.close();
    await tracing?.shutdown();
  });
}

main().catch(fail);
