import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStack, type Stack } from '../../bin/stack';
import { demoPrivateKey, mintDemoToken } from '../../gateway/auth/demo-issuer';

/**
 * Identical queries in flight from one caller share one execution (the engine's inbound dedup, keyed on the
 * credential headers, not on request ids): counted as the gateway's fetches to subgraphs. Another caller's
 * identical query runs on its own, since its answer may differ by scope.
 */
jest.setTimeout(60_000);

const keyFile = path.join(mkdtempSync(path.join(tmpdir(), 'pmo-dedup-')), 'demo.pem');
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ ports: 'random', env: { DEMO_ISSUER_KEY_FILE: keyFile, RATE_LIMIT_PER_MINUTE: '0' } });
});
afterAll(() => stack?.close());

const QUERY = '{ projects(first: 5) { edges { node { key issueStats { open } lead { displayName } } } } }';
const subgraphFetches = async () => {
  const metric = (await stack.metrics.getSingleMetricAsString('pmo_gateway_subgraph_requests_total')).split('\n');
  return metric.filter((l) => l.startsWith('pmo_gateway_subgraph_requests_total{')).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
};
const tokens = new Map<string, string>();
const tokenOf = (who: string) => tokens.get(who) ?? tokens.set(who, mintDemoToken(demoPrivateKey(keyFile), { email: `${who}@northfield.edu`, scopes: [] })).get(who)!;
const ask = (who: string, requestId: string) =>
  fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenOf(who)}`, 'x-request-id': requestId },
    body: JSON.stringify({ query: QUERY }),
  }).then((r) => r.json() as Promise<{ data?: unknown; errors?: unknown }>);

test('eight identical concurrent queries of one caller cost the subgraphs at most two executions; two callers, two', async () => {
  let before = await subgraphFetches();
  const one = await ask('solo', 's0');
  const single = (await subgraphFetches()) - before;
  expect(single).toBeGreaterThan(0);

  before = await subgraphFetches();
  const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => ask('wallboard', `r${i}`)));
  expect(answers.every((a) => JSON.stringify(a) === JSON.stringify(one))).toBe(true);
  const together = (await subgraphFetches()) - before;
  // Without dedup this is 8 × single (16 here); with it the eight share at most two executions (one may have
  // started before the others arrived).
  expect(together).toBeLessThanOrEqual(2 * single);

  before = await subgraphFetches();
  await Promise.all([ask('ana', 'a0'), ask('ben', 'b0')]);
  expect((await subgraphFetches()) - before).toBe(2 * single);
});
