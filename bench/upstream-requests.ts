import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startStack, type Stack } from '../bin/stack';
import { BENCH_STACK_ENV } from './lib';

/**
 * Counts the HTTP requests each upstream receives for named dashboard operations, through the real gateway
 * and subgraphs against the simulators: cold (no cache), warm (the same operation again), and the walking
 * skeleton with each upstream down. Prints the tables and writes bench/results/upstream-requests.json.
 * Usage: npm run bench:requests   (DEMO_SCALE=10 for the larger portfolio)
 */

const OPERATIONS: Record<string, string> = {
  'walking-skeleton (5 projects)': `{ projects(first: 5) { edges { node { key name lead { displayName title department }
    team { person { displayName } role } incidents(first: 3) { edges { node { number state } } } } } } }`,
  'walking-skeleton (25 projects)': `{ projects(first: 25) { edges { node { key name lead { displayName title department }
    team { person { displayName } role } incidents(first: 3) { edges { node { number state } } } } } } }`,
  'project detail': `{ project(key: "IAM") { name milestones { name releaseDate overdue } issues(first: 50) { totalCount edges { node { key status assignee { displayName } } } }
    changes(first: 5) { edges { node { number state plannedStart } } } team { role person { displayName title manager { displayName } } } } }`,
  'department staffing': `{ people(department: "Information Security", first: 50) { totalCount edges { node { displayName title manager { displayName }
    projects { role project { key name phase } } } } } }`,
};

type UpstreamName = 'jira' | 'servicenow' | 'scim';
const UPSTREAMS: readonly UpstreamName[] = ['jira', 'servicenow', 'scim'];

interface Measurement {
  ms: number;
  counts: Record<UpstreamName, number>;
  byRoute: Record<UpstreamName, Record<string, number>>;
  errors: Array<{ path?: unknown[]; extensions?: Record<string, unknown> }>;
  stale: unknown;
}

async function measure(stack: Stack, query: string): Promise<Measurement> {
  for (const sim of Object.values(stack.simulators)) sim?.reset();
  const started = performance.now();
  const response = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { errors?: Measurement['errors']; extensions?: { stale?: unknown } };
  const ms = Math.round(performance.now() - started);
  const byRoute = Object.fromEntries(UPSTREAMS.map((u) => [u, stack.simulators[u]!.requests()])) as Measurement['byRoute'];
  const counts = Object.fromEntries(UPSTREAMS.map((u) => [u, Object.values(byRoute[u]).reduce((a, b) => a + b, 0)])) as Measurement['counts'];
  return { ms, counts, byRoute, errors: body.errors ?? [], stale: body.extensions?.stale };
}

const row = (label: string, m: Measurement) =>
  `${label.padEnd(32)} ${String(m.counts.jira).padStart(5)} ${String(m.counts.servicenow).padStart(10)} ${String(m.counts.scim).padStart(5)} ${String(m.ms).padStart(6)} ${m.errors.length}`;
const HEADER = `${'operation'.padEnd(32)} ${'jira'.padStart(5)} ${'servicenow'.padStart(10)} ${'scim'.padStart(5)} ${'ms'.padStart(6)} errors`;

/** One line per distinct error: its code, the system it names, and the fields (paths without indexes) it nulled. */
function errorSummary(errors: Measurement['errors']): string[] {
  const seen = new Map<string, number>();
  for (const error of errors) {
    const field = (error.path ?? []).filter((p) => typeof p === 'string').join('.');
    const key = `${error.extensions?.code} (${error.extensions?.upstream ?? error.extensions?.serviceName}) at ${field}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].map(([key, n]) => `${n} × ${key}`);
}

async function main(): Promise<void> {
  const base = { ...BENCH_STACK_ENV, DEMO_SCALE: process.env.DEMO_SCALE ?? '1', DEMO_ANCHOR_DATE: process.env.DEMO_ANCHOR_DATE };
  const cold: Array<[string, Measurement]> = [];
  const warm: Array<[string, Measurement]> = [];
  const down: Array<[string, Measurement]> = [];

  // Cold: cache off, so every operation pays its full price whatever ran before it.
  let stack = await startStack({ env: { ...base, CACHE_ENABLED: 'false' }, ports: 'random' });
  try {
    for (const [name, query] of Object.entries(OPERATIONS)) cold.push([name, await measure(stack, query)]);
  } finally {
    await stack.close();
  }
  // Warm: the same operation again right after it ran once (everything within its TTL).
  stack = await startStack({ env: base, ports: 'random' });
  try {
    for (const [name, query] of Object.entries(OPERATIONS)) {
      await measure(stack, query);
      warm.push([name, await measure(stack, query)]);
    }
  } finally {
    await stack.close();
  }
  // Each upstream down (every request answered 503), cold cache: what a dashboard sees.
  const skeleton = OPERATIONS['walking-skeleton (5 projects)'];
  for (const upstream of UPSTREAMS) {
    stack = await startStack({ env: { ...base, CACHE_ENABLED: 'false' }, ports: 'random' });
    try {
      stack.simulators[upstream]!.setFaults({ errorRate: 1, errorStatus: 503 });
      down.push([`${upstream} down`, await measure(stack, skeleton)]);
    } finally {
      await stack.close();
    }
  }

  console.log('\nUpstream HTTP requests per operation, DEMO_SCALE=%s\n', base.DEMO_SCALE);
  console.log(`cold (no cache)\n${HEADER}`);
  for (const [name, m] of cold) console.log(row(name, m));
  console.log(`\nwarm (the same operation again, cache on)\n${HEADER}`);
  for (const [name, m] of warm) console.log(row(name, m));
  console.log(`\nwalking-skeleton (5 projects) with one upstream answering 503 to everything (cache cold)\n${HEADER}`);
  for (const [name, m] of down) {
    console.log(row(name, m));
    for (const line of errorSummary(m.errors)) console.log(`    ${line}`);
  }
  console.log('\nBy route (cold):');
  for (const [name, m] of cold) console.log(`  ${name}: ${JSON.stringify(m.byRoute)}`);
  const file = path.join(__dirname, 'results', 'upstream-requests.json');
  const rows = (list: Array<[string, Measurement]>) =>
    list.map(([operation, m]) => ({ operation, ms: m.ms, errors: m.errors.length, ...m.counts, detail: m.byRoute, ...(m.errors.length ? { errorSummary: errorSummary(m.errors) } : {}) }));
  await writeFile(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, scale: base.DEMO_SCALE, rows: rows(cold), warm: rows(warm), upstreamDown: rows(down) }, null, 2)}\n`,
  );
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
