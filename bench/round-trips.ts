import 'reflect-metadata';
import { startStack } from '../bin/stack';
import { generateDataset } from '../simulators/data/dataset';
import { BENCH_STACK_ENV, errorCount, gql, printTable, ratio, runMain, UPSTREAMS, writeResult } from './lib';
import { OPERATIONS } from './operations';

/**
 * Part 1: the HTTP requests each upstream receives for each named operation, cold (a fresh stack: empty caches)
 * and warm (the same operation again on that stack), beside the lower bound of dependent request levels.
 * Usage: npm run bench:round-trips
 */

async function main(): Promise<void> {
  const dataset = generateDataset({ scale: 1 });
  const rows = [];
  for (const op of OPERATIONS) {
    const stack = await startStack({ env: BENCH_STACK_ENV, ports: 'random', dataset });
    try {
      const passes: Array<Record<string, Record<string, number>>> = [];
      let errors = 0;
      for (const pass of ['cold', 'warm']) {
        for (const sim of Object.values(stack.simulators)) sim!.reset();
        errors += errorCount(`${op.name} (${pass})`, await gql(stack.gateway.url, op.query, op.variables));
        passes.push(Object.fromEntries(UPSTREAMS.map((u) => [u, stack.simulators[u]!.requests()])));
      }
      const total = (byRoute: Record<string, number>) => Object.values(byRoute).reduce((a, b) => a + b, 0);
      for (const upstream of UPSTREAMS) {
        rows.push({
          operation: op.name,
          upstream,
          cold: total(passes[0][upstream]),
          warm: total(passes[1][upstream]),
          levels: op.levels[upstream],
          errors,
          coldRoutes: passes[0][upstream],
          warmRoutes: passes[1][upstream],
        });
      }
    } finally {
      await stack.close();
    }
  }
  printTable(
    'Upstream round trips per operation (DEMO_SCALE=1): requests received, cold and warm, beside the dependent request levels',
    ['operation', 'upstream', 'cold', 'warm', 'levels (bound)', 'cold / bound', 'warm / bound', 'errors'],
    rows.map((r) => [r.operation, r.upstream, r.cold, r.warm, r.levels, ratio(r.cold, r.levels), ratio(r.warm, r.levels), r.errors]),
    2,
  );
  console.log('Cold requests by route:');
  for (const r of rows) if (r.cold) console.log(`  ${r.operation} → ${r.upstream}: ${Object.entries(r.coldRoutes).map(([route, n]) => `${route} ×${n}`).join(', ')}`);
  await writeResult('round-trips', { scale: 1, bounds: OPERATIONS.map(({ name, levels, criticalPath, bound }) => ({ name, levels, criticalPath, bound })), rows });
}

runMain(main);
