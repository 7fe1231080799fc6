import 'reflect-metadata';
import { startStack } from '../bin/stack';
import { generateDataset } from '../simulators/data/dataset';
import { BENCH_STACK_ENV, errorCount, gql, percentile, printTable, ratio, runMain, writeResult } from './lib';
import { OPERATIONS } from './operations';

/**
 * Part 2: cold latency of each named operation with every simulator answering after LATENCY_MS, beside the
 * critical-path bound (sequential upstream levels × LATENCY_MS).
 *
 * Cold means an empty upstream cache, so every sample gets a fresh stack. Before the measured request, a
 * warm-up request that reads none of the measured data opens the connections and runs each connector's
 * once-per-process discovery (SCIM ServiceProviderConfig, Jira's field list): what is left is the cost of the
 * operation itself on a running deployment whose cache does not hold its data.
 * Usage: npm run bench:latency   (BENCH_LATENCY_SAMPLES, default 10)
 */

const LATENCY_MS = 100;
const SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 10);
const WARM_UP = `{ person(email: "nobody@example.invalid") { displayName } issue(key: "NOPE-1") { key } ticket(number: "INC9999999") { number } }`;

async function main(): Promise<void> {
  const dataset = generateDataset({ scale: 1 });
  const env = { ...BENCH_STACK_ENV, JIRA_SIMULATOR_LATENCY_MS: String(LATENCY_MS), SERVICENOW_SIMULATOR_LATENCY_MS: String(LATENCY_MS), SCIM_SIMULATOR_LATENCY_MS: String(LATENCY_MS) };
  const rows = [];
  for (const op of OPERATIONS) {
    const samples: number[] = [];
    let errors = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const stack = await startStack({ env, ports: 'random', dataset });
      try {
        await gql(stack.gateway.url, WARM_UP);
        const result = await gql(stack.gateway.url, op.query, op.variables);
        errors += errorCount(op.name, result);
        samples.push(result.ms);
      } finally {
        await stack.close();
      }
    }
    const bound = op.criticalPath * LATENCY_MS;
    const p50 = Math.round(percentile(samples, 50));
    const p95 = Math.round(percentile(samples, 95));
    rows.push({ operation: op.name, samples: samples.map(Math.round), p50, p95, criticalPath: op.criticalPath, boundMs: bound, errors });
  }
  printTable(
    `Cold latency with ${LATENCY_MS} ms per upstream request (${SAMPLES} samples each, a fresh stack per sample), beside the critical path`,
    ['operation', 'p50 ms', 'p95 ms', 'critical path (levels)', 'bound ms', 'p50 / bound', 'p95 / bound', 'errors'],
    rows.map((r) => [r.operation, r.p50, r.p95, r.criticalPath, r.boundMs, ratio(r.p50, r.boundMs), ratio(r.p95, r.boundMs), r.errors]),
  );
  await writeResult('latency', { latencyMs: LATENCY_MS, samplesPerOperation: SAMPLES, rows });
}

runMain(main);
