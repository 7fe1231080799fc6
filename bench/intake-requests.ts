import 'reflect-metadata';
import { loadOperations } from '../apps/common/operations';
import { OPERATIONS_DIR, startStack, type Stack } from '../bin/stack';
import { BENCH_STACK_ENV } from './lib';

/**
 * Upstream requests and time for the intake and digest operations, cold (after a simulator reset, fresh
 * caches) and warm (the same again), through the real gateway against the simulators' demo backlog.
 * Usage: npm run bench:intake
 */

type UpstreamName = 'jira' | 'servicenow' | 'scim';
const UPSTREAMS: readonly UpstreamName[] = ['jira', 'servicenow', 'scim'];
const OPERATIONS: Array<[string, Record<string, unknown>]> = [
  ['IntakeCriteria', {}],
  ['Proposals', { first: 25 }],
  ['ProposalReview', { key: 'INTAKE-9' }],
  ['PortfolioRanking', {}],
  ['LeadershipDigest', {}],
];

async function measure(stack: Stack, document: string, variables: Record<string, unknown>) {
  for (const sim of Object.values(stack.simulators)) sim?.reset();
  const started = performance.now();
  const response = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document, variables }) });
  const body = (await response.json()) as { errors?: unknown[] };
  const ms = Math.round(performance.now() - started);
  const counts = UPSTREAMS.map((u) => Object.values(stack.simulators[u]!.requests()).reduce((a, b) => a + b, 0));
  return { ms, counts, errors: body.errors?.length ?? 0 };
}

async function main(): Promise<void> {
  const operations = loadOperations(OPERATIONS_DIR);
  console.log(`${'operation'.padEnd(18)} ${'run'.padEnd(5)} ${'jira'.padStart(5)} ${'servicenow'.padStart(10)} ${'scim'.padStart(5)} ${'ms'.padStart(6)} errors`);
  for (const [name, variables] of OPERATIONS) {
    // A stack of its own per operation, so "cold" means no cached upstream answer at all.
    const stack = await startStack({ env: BENCH_STACK_ENV, ports: 'random' });
    try {
      const document = operations.get(name)!.document;
      for (const run of ['cold', 'warm']) {
        const m = await measure(stack, document, variables);
        console.log(`${name.padEnd(18)} ${run.padEnd(5)} ${String(m.counts[0]).padStart(5)} ${String(m.counts[1]).padStart(10)} ${String(m.counts[2]).padStart(5)} ${String(m.ms).padStart(6)} ${m.errors}`);
      }
    } finally {
      await stack.close();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
