import 'reflect-metadata';
import { datasetFromEnv, startStack } from '../bin/stack';
import { BENCH_STACK_ENV, errorCount, gql, printTable, runMain, writeResult } from './lib';
import { README_PORTFOLIO_QUERY } from './operations';

/**
 * How long `npm start` takes to be ready at each DEMO_SCALE: generating the data set, then the simulators
 * (their stores and indexes), subgraphs and gateway, then the README's portfolio page cold and warm.
 * Usage: npm run bench:startup   (BENCH_SCALES, default 1,10,100)
 */

const SCALES = (process.env.BENCH_SCALES ?? '1,10,100').split(',').map(Number);

async function main(): Promise<void> {
  const rows = [];
  for (const scale of SCALES) {
    const env = { ...BENCH_STACK_ENV, DEMO_SCALE: String(scale) };
    let started = performance.now();
    const dataset = datasetFromEnv(env);
    const datasetMs = Math.round(performance.now() - started);
    started = performance.now();
    const stack = await startStack({ env, ports: 'random', dataset, http: { log: () => undefined } });
    const stackMs = Math.round(performance.now() - started);
    try {
      const cold = await gql(stack.gateway.url, README_PORTFOLIO_QUERY, { first: 25 });
      const warm = await gql(stack.gateway.url, README_PORTFOLIO_QUERY, { first: 25 });
      const errors = errorCount(`portfolio at ${scale}x`, cold) + errorCount(`portfolio at ${scale}x`, warm);
      rows.push({ scale, projects: dataset.projects.length, issues: dataset.issues.length, tickets: dataset.tickets.length, datasetMs, stackMs, readyMs: datasetMs + stackMs, coldMs: Math.round(cold.ms), warmMs: Math.round(warm.ms), errors });
    } finally {
      await stack.close();
    }
  }
  printTable(
    'Start-up by DEMO_SCALE: data set, then simulators + subgraphs + gateway, then the README portfolio page (25 projects)',
    ['scale', 'projects', 'issues', 'tickets', 'data set ms', 'stack ms', 'ready ms', 'first page ms', 'warm page ms', 'errors'],
    rows.map((r) => [`${r.scale}x`, r.projects, r.issues, r.tickets, r.datasetMs, r.stackMs, r.readyMs, r.coldMs, r.warmMs, r.errors]),
  );
  await writeResult('startup', { rows });
}

runMain(main);
