import { startStack, SUBGRAPHS, type Stack } from '../../bin/stack';
import { generateDataset } from '../../simulators/data/dataset';
import { post, readmeQueries, sample } from './support';

/**
 * `curl /metrics` after the README's queries: the gateway's series per operation and per subgraph, each
 * subgraph's per operation, the upstream policy's per upstream (requests, errors by kind, latency, retries, 429s,
 * pacing, breaker state), the cache by tier and the process's own. Label sets stay bounded.
 */

const dataset = generateDataset();
let stack: Stack;
let text: string;

beforeAll(async () => {
  stack = await startStack({ ports: 'random', dataset, env: { CACHE_ENABLED: 'true' } });
  for (const round of [1, 2]) {
    for (const { name, query, variables } of readmeQueries(dataset)) {
      const { status, body } = await post(stack.gateway.url, query, variables);
      expect([name, round, status, body.errors]).toEqual([name, round, 200, undefined]);
    }
  }
  // One failure of each kind the series should count: a bad argument, and an upstream answering 429.
  await post(stack.gateway.url, 'query BadKey { project(key: "no such key!") { id } }');
  stack.simulators.servicenow!.setFaults({ rateLimitRate: 1, retryAfterSeconds: 0 });
  await post(stack.gateway.url, 'query Tickets { incidents(first: 3) { totalCount } }');
  stack.simulators.servicenow!.setFaults({ rateLimitRate: 0 });
  text = await (await fetch(stack.gateway.url.replace('/graphql', '/metrics'))).text();
});

afterAll(() => stack?.close());

test('/metrics is Prometheus text with the process metrics', async () => {
  const response = await fetch(stack.gateway.url.replace('/graphql', '/metrics'));
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  expect(text).toContain('# TYPE pmo_gateway_request_duration_seconds histogram');
});

test('the gateway counts each README operation by name, with its latency histogram and errors by code', () => {
  for (const { name } of readmeQueries(dataset)) {
    expect([name, sample(text, 'pmo_gateway_requests_total', { operation: name })]).toEqual([name, 2]);
    expect([name, sample(text, 'pmo_gateway_request_duration_seconds_count', { operation: name })]).toEqual([name, 2]);
    expect(sample(text, 'pmo_gateway_request_duration_seconds_bucket', { operation: name, le: '+Inf' })).toBe(2);
  }
  expect(sample(text, 'pmo_gateway_errors_total', { operation: 'BadKey', code: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
});

test('per subgraph: the gateway fetches and each subgraph its own requests, named after the client operation', () => {
  for (const subgraph of SUBGRAPHS) {
    expect([subgraph, sample(text, 'pmo_gateway_subgraph_requests_total', { subgraph })! > 0]).toEqual([subgraph, true]);
    expect(sample(text, 'pmo_gateway_subgraph_duration_seconds_count', { subgraph })).toBeGreaterThan(0);
  }
  expect(sample(text, 'pmo_subgraph_requests_total', { subgraph: 'projects', operation: 'ProjectDelivery' })).toBe(2);
  expect(sample(text, 'pmo_subgraph_request_duration_seconds_count', { subgraph: 'people', operation: 'PersonProfile' })).toBe(2);
  expect(sample(text, 'pmo_subgraph_errors_total', { subgraph: 'projects', operation: 'BadKey', code: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
});

test('per upstream: requests, latency, breaker state, errors by kind, 429s, retries and pacing waits', () => {
  for (const upstream of ['jira', 'servicenow', 'scim']) {
    expect([upstream, sample(text, 'pmo_upstream_requests_total', { upstream })! > 0]).toEqual([upstream, true]);
    expect(sample(text, 'pmo_upstream_request_duration_seconds_count', { upstream })).toBe(sample(text, 'pmo_upstream_requests_total', { upstream }));
    expect(sample(text, 'pmo_upstream_request_duration_seconds_bucket', { upstream, le: '+Inf' })).toBe(sample(text, 'pmo_upstream_requests_total', { upstream }));
    expect(sample(text, 'pmo_upstream_breaker_state', { upstream, state: 'closed' })).toBe(1);
    expect(sample(text, 'pmo_upstream_pacing_wait_seconds_total', { upstream })).toBeGreaterThanOrEqual(0);
  }
  expect(sample(text, 'pmo_upstream_rate_limited_total', { upstream: 'servicenow' })).toBeGreaterThan(0);
  expect(sample(text, 'pmo_upstream_errors_total', { upstream: 'servicenow', kind: 'rateLimit' })).toBeGreaterThan(0);
  expect(sample(text, 'pmo_upstream_retries_total', { upstream: 'servicenow' })).toBeGreaterThan(0);
});

test('the cache by tier: the second round of README queries hit the in-process tier', () => {
  expect(sample(text, 'pmo_cache_hits_total', { upstream: 'jira', tier: 'local' })).toBeGreaterThan(0);
  expect(sample(text, 'pmo_cache_hits_total', { upstream: 'jira', tier: 'shared' })).toBe(0);
  expect(sample(text, 'pmo_cache_misses_total', { upstream: 'jira' })).toBeGreaterThan(0);
  for (const name of ['pmo_webhook_events_total', 'pmo_webhook_events_rejected_total', 'pmo_cache_event_evictions_total', 'pmo_cache_local_evictions_total']) {
    expect([name, sample(text, name, { upstream: 'jira' })]).toEqual([name, 0]);
  }
});

test('each subgraph serves /metrics and /ready too', async () => {
  for (const subgraph of SUBGRAPHS) {
    const base = stack.subgraphs[subgraph].url.replace('/graphql', '');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(sample(metrics, 'pmo_subgraph_requests_total', { subgraph, operation: 'PortfolioPage' }) ?? sample(metrics, 'pmo_subgraph_requests_total', { subgraph })).toBeGreaterThan(0);
    const ready = await fetch(`${base}/ready`);
    expect([subgraph, ready.status, ((await ready.json()) as { status: string }).status]).toEqual([subgraph, 200, 'ready']);
  }
});

test('operation names are a bounded label: a client inventing names gets `other`, not a series per request', async () => {
  for (let i = 0; i < 220; i++) await post(stack.gateway.url, `query Invented${i} { __typename }`);
  const after = await (await fetch(stack.gateway.url.replace('/graphql', '/metrics'))).text();
  const names = new Set([...after.matchAll(/^pmo_gateway_requests_total\{operation="([^"]+)"\}/gm)].map((m) => m[1]));
  expect(names.size).toBeLessThanOrEqual(201);
  expect(sample(after, 'pmo_gateway_requests_total', { operation: 'other' })).toBeGreaterThan(0);
  expect(after).not.toContain('__typename');
});
