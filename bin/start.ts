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
    ...authBanner(stack.gateway.auth, stack.gateway.port),
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

/** Says loudly how callers get in: with AUTH_MODE=off anyone reaching the port holds every scope. */
function authBanner(auth: { mode: string; demoIssuer: boolean; idpIssuer?: string; apiKeys: number }, port: number): string[] {
  const lines = [''];
  if (auth.mode === 'off') {
    lines.push('  !! AUTH_MODE=off: requests without credentials run as the anonymous demo caller with EVERY scope.');
    lines.push('  !! Set AUTH_MODE=required (the default with NODE_ENV=production) before anyone else can reach this port.');
  } else {
    lines.push('  auth: AUTH_MODE=required; a request without a valid token or API key gets 401.');
  }
  if (auth.idpIssuer) lines.push(`  tokens from ${auth.idpIssuer} are accepted`);
  if (auth.apiKeys) lines.push(`  ${auth.apiKeys} API key(s) configured`);
  if (auth.demoIssuer) {
    lines.push('  try a role with a demo token (it is checked like an IdP token):');
    lines.push('    TOKEN=$(npm run -s token -- --email ana.lopez@northfield.edu --scopes people:sensitive,status:write)');
    lines.push(`    curl -H "authorization: Bearer $TOKEN" -H "content-type: application/json" -d \'{"query":"{ people(first: 2) { edges { node { displayName phone } } } }"}\' http://localhost:${port}/graphql`);
  }
  lines.push('');
  return lines;
}
