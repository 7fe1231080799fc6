import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startStack } from '../bin/stack';

/**
 * Counts the HTTP requests each upstream receives for named dashboard operations, through the real gateway
 * and subgraphs against the simulators. Prints a table and writes bench/results/upstream-requests.json.
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

async function main(): Promise<void> {
  const stack = await startStack({ env: { DEMO_SCALE: process.env.DEMO_SCALE ?? '1', DEMO_ANCHOR_DATE: process.env.DEMO_ANCHOR_DATE }, ports: 'random' });
  const rows: Array<Record<string, unknown>> = [];
  try {
    for (const [name, query] of Object.entries(OPERATIONS)) {
      for (const sim of Object.values(stack.simulators)) sim?.reset();
      const started = performance.now();
      const response = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await response.json()) as { errors?: unknown[] };
      const ms = Math.round(performance.now() - started);
      const byUpstream = Object.fromEntries(Object.entries(stack.simulators).map(([upstream, sim]) => [upstream, sim!.requests()]));
      rows.push({ operation: name, ms, errors: body.errors?.length ?? 0, ...Object.fromEntries(Object.entries(byUpstream).map(([u, r]) => [u, Object.values(r).reduce((a, b) => a + b, 0)])), detail: byUpstream });
    }
  } finally {
    await stack.close();
  }
  console.log('\nUpstream HTTP requests per operation (cold: no cache), DEMO_SCALE=%s\n', process.env.DEMO_SCALE ?? '1');
  console.log(`${'operation'.padEnd(32)} ${'jira'.padStart(5)} ${'servicenow'.padStart(10)} ${'scim'.padStart(5)} ${'ms'.padStart(6)} errors`);
  for (const row of rows) {
    console.log(`${String(row.operation).padEnd(32)} ${String(row.jira).padStart(5)} ${String(row.servicenow).padStart(10)} ${String(row.scim).padStart(5)} ${String(row.ms).padStart(6)} ${row.errors}`);
  }
  console.log('\nBy route:');
  for (const row of rows) console.log(`  ${row.operation}: ${JSON.stringify(row.detail)}`);
  const file = path.join(__dirname, 'results', 'upstream-requests.json');
  await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, scale: process.env.DEMO_SCALE ?? '1', rows }, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
