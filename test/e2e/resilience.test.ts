import { startStack, type Stack, type StackOptions } from '../../bin/stack';
import { ManualClock } from '../../connectors/http/clock';
import type { UpstreamLogEvent } from '../../connectors/http/runtime';
import { generateDataset, type Dataset } from '../../simulators/data/dataset';

/**
 * What a client sees when an upstream is slow, rate-limited or down, through the whole product: gateway →
 * subgraphs → connectors → simulators with injected faults. Backoff, Retry-After, cool-downs and cache ages
 * run on a ManualClock; only the hung-directory test spends real time (its short operation deadline).
 */

const DASHBOARD = /* GraphQL */ `
  {
    projects(first: 5) {
      edges { node { key name lead { displayName title } incidents(first: 3) { totalCount edges { node { number } } } } }
    }
    people(first: 3) { edges { node { email displayName } } }
  }
`;

const PORTFOLIO = /* GraphQL */ `
  { projects(first: 5) { edges { node { key name lead { displayName title } incidents(first: 3) { totalCount } } } } }
`;

interface Body {
  data?: {
    projects: { edges: Array<{ node: { key: string; name: string; lead: { displayName: string | null } | null; incidents: { totalCount: number } | null } }> } | null;
    people: { edges: Array<{ node: { email: string; displayName: string | null } }> } | null;
  };
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  extensions?: { stale?: Array<{ upstream: string; ageSeconds: number; reason: string }> };
}

let dataset: Dataset;
beforeAll(() => {
  dataset = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
});

const stacks: Stack[] = [];
afterEach(async () => {
  for (const stack of stacks.splice(0)) await stack.close();
});

async function start(env: NodeJS.ProcessEnv = {}, http?: StackOptions['http']): Promise<Stack> {
  const quiet = (_event: UpstreamLogEvent) => undefined;
  const stack = await startStack({ env, ports: 'random', dataset, http: { log: quiet, random: () => 0.5, ...http } });
  stacks.push(stack);
  return stack;
}

async function query(stack: Stack, source = DASHBOARD): Promise<Body> {
  const response = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: source }) });
  return (await response.json()) as Body;
}

const total = (stack: Stack, upstream: 'jira' | 'servicenow' | 'scim') => stack.simulators[upstream]!.totalRequests();
const resetCounts = (stack: Stack) => Object.values(stack.simulators).forEach((sim) => sim?.reset());
const codesOf = (body: Body) => [...new Set(body.errors?.map((e) => `${e.extensions?.code} ${e.extensions?.upstream}`))];

test('ServiceNow down: projects and people still answer, ticket fields are null with UPSTREAM_UNAVAILABLE', async () => {
  const clock = new ManualClock();
  const stack = await start({}, { clock });
  stack.simulators.servicenow!.setFaults({ errorRate: 1, errorStatus: 503 });

  const body = await query(stack);
  expect(body.data!.projects!.edges).toHaveLength(5);
  expect(body.data!.projects!.edges.every((e) => e.node.name && e.node.incidents === null)).toBe(true);
  expect(body.data!.projects!.edges.some((e) => e.node.lead?.displayName)).toBe(true);
  expect(body.data!.people!.edges).toHaveLength(3);
  expect(codesOf(body)).toEqual(['UPSTREAM_UNAVAILABLE servicenow']);
  expect(body.errors!.every((e) => e.path?.includes('incidents'))).toBe(true);
  expect(body.errors![0].message).toMatch(/^ServiceNow is unavailable/);
  // One batched call, retried twice with backoff (on the manual clock), then given up.
  expect(total(stack, 'servicenow')).toBe(3);
  expect(clock.sleeps).toEqual([100, 200]);
});

test('Jira down: the portfolio is null with UPSTREAM_UNAVAILABLE, the directory part of the same query still answers', async () => {
  const stack = await start({}, { clock: new ManualClock() });
  stack.simulators.jira!.setFaults({ errorRate: 1, errorStatus: 503 });

  const body = await query(stack);
  expect(body.data!.projects).toBeNull();
  expect(body.data!.people!.edges).toHaveLength(3);
  expect(body.data!.people!.edges.every((e) => e.node.displayName)).toBe(true);
  expect(codesOf(body)).toEqual(['UPSTREAM_UNAVAILABLE jira']);
});

test('Jira answers 429 with Retry-After: 2 — the query succeeds after the wait, and Jira saw nothing before it', async () => {
  const clock = new ManualClock();
  const stack = await start({}, { clock });
  const jira = stack.simulators.jira!;
  jira.setFaults({ rateLimitRate: 1, retryAfterSeconds: 2 });
  const duringWait: number[] = [];
  clock.onSleep = (ms) => {
    duringWait.push(ms, jira.totalRequests());
    jira.setFaults({ rateLimitRate: 0 });
  };

  const body = await query(stack);
  expect(body.errors).toBeUndefined();
  expect(body.data!.projects!.edges).toHaveLength(5);
  // The only wait was Retry-After's 2 s, entered after Jira's first (429) answer; the retry came after it.
  expect(duringWait).toEqual([2000, 1]);
  expect(jira.totalRequests()).toBe(2);
  expect(stack.http.metrics.snapshot().find((m) => m.upstream === 'jira')).toMatchObject({ rateLimited: 1, retries: 1 });
});

test('a hung directory: the operation returns by its deadline with UPSTREAM_TIMEOUT, other fields answered', async () => {
  const stack = await start({ OPERATION_DEADLINE_MS: '1500', SCIM_TIMEOUT_MS: '10000' });
  stack.simulators.scim!.setFaults({ hangRate: 1 });

  const started = Date.now();
  // Without the root \`people\` field: it is non-null, so a directory failure there nulls the whole response.
  const body = await query(stack, PORTFOLIO);
  const elapsed = Date.now() - started;

  expect(elapsed).toBeLessThan(5_000); // the per-request timeout (10 s) never came into play
  expect(body.data!.projects!.edges).toHaveLength(5);
  expect(body.data!.projects!.edges.every((e) => e.node.incidents !== null)).toBe(true);
  expect(codesOf(body)).toContain('UPSTREAM_TIMEOUT scim');
  expect(codesOf(body).every((code) => code.endsWith(' scim'))).toBe(true);
});

test('the breaker opens after repeated failures, fails fast without calling, then closes after a good probe', async () => {
  const clock = new ManualClock();
  const stack = await start({ SERVICENOW_BREAKER_FAILURES: '3', SERVICENOW_BREAKER_COOLDOWN_MS: '30000', CACHE_ENABLED: 'false' }, { clock });
  const servicenow = stack.simulators.servicenow!;
  servicenow.setFaults({ errorRate: 1, errorStatus: 503 });
  const snapshot = () => stack.http.metrics.snapshot().find((m) => m.upstream === 'servicenow')!;

  await query(stack); // three failed attempts open the circuit
  expect(snapshot().breaker).toEqual({ state: 'open', opened: 1 });

  resetCounts(stack);
  const fastFail = await query(stack);
  expect(servicenow.totalRequests()).toBe(0);
  expect(codesOf(fastFail)).toEqual(['UPSTREAM_UNAVAILABLE servicenow']);
  expect(fastFail.errors![0].extensions).toMatchObject({ kind: 'circuitOpen', retryAfterSeconds: 30 });

  servicenow.setFaults({ errorRate: 0 });
  clock.advance(30_000);
  const recovered = await query(stack);
  expect(recovered.errors).toBeUndefined();
  expect(servicenow.totalRequests()).toBe(1); // the probe
  expect(snapshot().breaker).toEqual({ state: 'closed', opened: 1 });
});

test('stale-if-error: with ServiceNow down, the last good tickets are served and marked stale in the extensions', async () => {
  const clock = new ManualClock();
  // The default TTL for a real ServiceNow (a simulated one, sending events, gets 15 minutes).
  const stack = await start({ CACHE_TTL_TICKETS_SECONDS: '30' }, { clock });
  const warm = await query(stack);
  expect(warm.errors).toBeUndefined();

  clock.advance(120_000); // tickets: fresh 30 s + revalidated 60 s, both past; projects and people: still fresh
  stack.simulators.servicenow!.setFaults({ errorRate: 1, errorStatus: 503 });
  resetCounts(stack);
  const body = await query(stack);

  expect(body.errors).toBeUndefined();
  expect(body.data).toEqual(warm.data);
  expect(body.extensions?.stale).toEqual([{ upstream: 'servicenow', ageSeconds: 120, reason: 'UPSTREAM_UNAVAILABLE' }]);
  expect(total(stack, 'servicenow')).toBe(3); // it was tried (with retries) before the old value was used
  expect(total(stack, 'jira') + total(stack, 'scim')).toBe(0); // projects and people are still fresh
});
