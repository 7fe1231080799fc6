import nock from 'nock';
import { HttpClient } from '../../connectors/http/client';
import { ManualClock } from '../../connectors/http/clock';
import type { UpstreamConfig } from '../../connectors/http/config';
import { UpstreamError } from '../../connectors/http/errors';
import { runInOperation, type OperationScope } from '../../connectors/http/operation';
import { defaultPolicy, type ResiliencePolicy } from '../../connectors/http/policy';
import { HttpRuntime, type UpstreamLogEvent } from '../../connectors/http/runtime';
import projectSearch from '../fixtures/jira-project-search.json';
import rateLimited from '../fixtures/jira-error-429.json';
import { useNock } from '../support/nock';

/**
 * The shared HTTP policy against nock: retries, Retry-After, the retry budget, the breaker, pacing, the
 * cache (TTL, stale-while-revalidate, stale-if-error, invalidation), deadlines, metrics and logs. Every wait
 * runs on a ManualClock, so nothing here sleeps.
 */

const SITE = 'https://northfield.atlassian.net';
const SEARCH = '/rest/api/3/project/search';

useNock();

let clock: ManualClock;
let logs: UpstreamLogEvent[];
let runtime: HttpRuntime;

beforeEach(() => {
  clock = new ManualClock();
  logs = [];
  runtime = new HttpRuntime({ clock, random: () => 0.5, log: (event) => logs.push(event) });
});

function policy(change: (p: ResiliencePolicy) => void = () => undefined): ResiliencePolicy {
  const p = defaultPolicy('jira');
  change(p);
  return p;
}

function client(p: ResiliencePolicy = policy(), password = 'api-token'): HttpClient {
  const config: UpstreamConfig = {
    name: 'jira',
    baseUrl: SITE,
    auth: { type: 'basic', username: 'pmo@northfield.edu', password },
    timeoutMs: 2000,
    resilience: p,
    runtime,
  };
  return new HttpClient(config);
}

const metrics = () => runtime.metrics.snapshot().find((m) => m.upstream === 'jira')!;
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (error: unknown) => error as UpstreamError);

describe('retries', () => {
  it('retries an idempotent read on 503 with jittered exponential backoff, then succeeds', async () => {
    nock(SITE).get(SEARCH).reply(503).get(SEARCH).reply(502).get(SEARCH).reply(200, projectSearch);
    const { data } = await client().get(SEARCH);
    expect(data).toEqual(projectSearch);
    // random() = 0.5 → half of 200·2^0 and of 200·2^1.
    expect(clock.sleeps).toEqual([100, 200]);
    expect(metrics()).toMatchObject({ requests: 3, retries: 2, errors: { server: 2 } });
  });

  it('does not retry a 500 or a 4xx', async () => {
    nock(SITE).get(SEARCH).reply(500);
    expect((await failure(client().get(SEARCH))).kind).toBe('server');
    nock(SITE).get(SEARCH).reply(400, { errorMessages: ['bad'] });
    expect((await failure(client().get(SEARCH))).kind).toBe('badRequest');
    expect(metrics().retries).toBe(0);
  });

  it('never retries a write', async () => {
    nock(SITE).put('/rest/api/3/project/IAM/properties/pmo.profile').reply(503);
    nock(SITE).post('/rest/api/3/issue').reply(503);
    expect((await failure(client().put('/rest/api/3/project/IAM/properties/pmo.profile', { phase: 'Delivery' }))).status).toBe(503);
    expect((await failure(client().post('/rest/api/3/issue', { fields: {} }))).status).toBe(503);
    expect(metrics()).toMatchObject({ requests: 2, retries: 0 });
  });

  it('treats Jira search POSTs as reads: retried', async () => {
    nock(SITE).post('/rest/api/3/search/approximate-count', { jql: 'project = IAM' }).reply(503).post('/rest/api/3/search/approximate-count').reply(200, { count: 7 });
    expect((await client().post('/rest/api/3/search/approximate-count', { jql: 'project = IAM' })).data).toEqual({ count: 7 });
    expect(metrics().retries).toBe(1);
  });

  it('waits out Retry-After given in seconds, pausing the whole upstream', async () => {
    const seen: number[] = [];
    clock.onSleep = () => void seen.push(nock.pendingMocks().length);
    nock(SITE)
      .get(SEARCH)
      .reply(429, rateLimited, { 'retry-after': '2', 'ratelimit-reason': 'jira-burst-based' })
      .get(SEARCH)
      .reply(200, projectSearch);
    await client().get(SEARCH);
    expect(clock.sleeps).toEqual([2000]);
    expect(seen).toEqual([1]); // the second answer was still unused while the wait ran
    expect(logs.find((l) => l.event === 'retry')).toMatchObject({ status: 429, delayMs: 2000, message: 'RateLimit-Reason jira-burst-based' });
  });

  it('reads Retry-After as an HTTP date, and X-RateLimit-Reset when there is no Retry-After', async () => {
    const in3s = new Date(clock.now() + 3000).toUTCString();
    const in5s = new Date(clock.now() + 3000 + 5000).toISOString();
    nock(SITE)
      .get(SEARCH)
      .reply(429, rateLimited, { 'retry-after': in3s })
      .get(SEARCH)
      .reply(429, rateLimited, { 'x-ratelimit-reset': in5s })
      .get(SEARCH)
      .reply(200, projectSearch);
    await client().get(SEARCH);
    expect(clock.sleeps).toEqual([3000, 5000]);
  });

  it('does not wait for a Retry-After beyond the limit: the caller gets the rate limit with its delay and reason', async () => {
    nock(SITE).get(SEARCH).reply(429, rateLimited, { 'retry-after': '120', 'ratelimit-reason': 'jira-quota-tenant-based' });
    const error = await failure(client().get(SEARCH));
    expect(error).toMatchObject({ kind: 'rateLimit', retryAfterMs: 120_000, details: expect.objectContaining({ rateLimitReason: 'jira-quota-tenant-based' }) });
    expect(clock.sleeps).toEqual([]);
  });

  it('spends a retry budget, so an outage cannot multiply load', async () => {
    const p = policy((x) => {
      x.retry.budgetTokens = 1;
      x.retry.budgetRatio = 0;
      x.breaker.failureThreshold = 100;
    });
    const http = client(p);
    nock(SITE).get(SEARCH).times(3).reply(503);
    await failure(http.get(SEARCH)); // the one token pays for one retry; the second is refused
    await failure(http.get(SEARCH)); // no token left: no retry at all
    expect(metrics()).toMatchObject({ requests: 3, retries: 1, retryBudgetExhausted: 2 });
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, fails fast during the cool-down, then closes on a good probe', async () => {
    const p = policy((x) => {
      x.retry.maxRetries = 0;
      x.breaker = { failureThreshold: 2, cooldownMs: 30_000 };
    });
    const http = client(p);
    nock(SITE).get(SEARCH).times(2).reply(503);
    await failure(http.get(SEARCH));
    await failure(http.get(SEARCH));
    expect(metrics().breaker).toEqual({ state: 'open', opened: 1 });

    const fastFail = await failure(http.get(SEARCH)); // no nock rule: nothing may be sent
    expect(fastFail).toMatchObject({ kind: 'circuitOpen', retryAfterMs: 30_000 });

    clock.advance(30_000);
    nock(SITE).get(SEARCH).reply(200, projectSearch);
    await http.get(SEARCH);
    expect(metrics().breaker).toEqual({ state: 'closed', opened: 1 });
    expect(logs.map((l) => l.event).filter((e) => e.startsWith('breaker'))).toEqual(['breakerOpen', 'breakerHalfOpen', 'breakerClosed']);
  });

  it('re-opens when the probe fails', async () => {
    const http = client(policy((x) => {
      x.retry.maxRetries = 0;
      x.breaker = { failureThreshold: 1, cooldownMs: 1000 };
    }));
    nock(SITE).get(SEARCH).times(2).reply(503);
    await failure(http.get(SEARCH));
    clock.advance(1000);
    await failure(http.get(SEARCH));
    expect(metrics().breaker).toEqual({ state: 'open', opened: 2 });
    expect((await failure(http.get(SEARCH))).kind).toBe('circuitOpen');
  });
});

describe('pacing', () => {
  it('keeps at most maxConcurrency requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    nock(SITE)
      .get(/\/rest\/api\/3\/project\/P\d/)
      .times(6)
      .reply(async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return [200, []];
      });
    const http = client(policy((x) => (x.pacing.maxConcurrency = 2)));
    await Promise.all([1, 2, 3, 4, 5, 6].map((i) => http.get(`/rest/api/3/project/P${i}`)));
    expect(most).toBe(2);
  });

  it('spaces requests to the configured rate, and halves it while Jira says it is near its limit', async () => {
    const http = client(policy((x) => (x.pacing = { ...x.pacing, requestsPerSecond: 10, burst: 1 })));
    nock(SITE).get('/rest/api/3/project/A').reply(200, {}).get('/rest/api/3/project/B').reply(200, {}, { 'x-ratelimit-nearlimit': 'true' });
    nock(SITE).get('/rest/api/3/project/C').reply(200, {});
    await http.get('/rest/api/3/project/A');
    await http.get('/rest/api/3/project/B');
    await http.get('/rest/api/3/project/C');
    expect(clock.sleeps).toEqual([100, 200]);
  });
});

describe('cache', () => {
  it('answers a repeated read from cache within its TTL, per credentials, and again from upstream after it', async () => {
    nock(SITE).get(SEARCH).query(true).times(2).reply(200, projectSearch);
    const http = client();
    await http.get(SEARCH, { maxResults: 50 });
    await http.get(SEARCH, { maxResults: 50 });
    expect(metrics().cache).toMatchObject({ hits: 1, misses: 1 });
    // Another identity never sees this one's entries.
    await client(policy(), 'another-token').get(SEARCH, { maxResults: 50 });
    expect(metrics().requests).toBe(2);

    clock.advance(300_000 + 60_000); // projects TTL + stale-while-revalidate
    nock(SITE).get(SEARCH).query(true).reply(200, projectSearch);
    await http.get(SEARCH, { maxResults: 50 });
    expect(metrics().requests).toBe(3);
  });

  it('serves a just-expired value at once and refreshes it in the background (stale-while-revalidate)', async () => {
    const http = client();
    nock(SITE).get(SEARCH).reply(200, { values: ['old'] });
    await http.get(SEARCH);
    clock.advance(300_000 + 1);
    nock(SITE).get(SEARCH).reply(200, { values: ['new'] });
    expect((await http.get(SEARCH)).data).toEqual({ values: ['old'] });
    // The background refresh is a real (nock) exchange: poll until it has replaced the entry.
    let data: unknown = { values: ['old'] };
    for (let i = 0; i < 1000 && JSON.stringify(data).includes('old'); i++) {
      await new Promise((resolve) => setImmediate(resolve));
      data = (await http.get(SEARCH)).data;
    }
    expect(data).toEqual({ values: ['new'] });
    expect(metrics().cache.revalidations).toBe(1);
  });

  it('serves the last good value when the upstream fails (stale-if-error) and notes it in the operation', async () => {
    const http = client(policy((x) => (x.retry.maxRetries = 0)));
    nock(SITE).get(SEARCH).reply(200, projectSearch);
    await http.get(SEARCH);
    clock.advance(30 * 60_000);
    nock(SITE).get(SEARCH).reply(503);
    const scope: OperationScope = { stale: [] };
    const { data } = await runInOperation(scope, () => http.get(SEARCH));
    expect(data).toEqual(projectSearch);
    expect(scope.stale).toEqual([{ upstream: 'jira', ageSeconds: 1800, kind: 'server' }]);
    expect(metrics().cache.staleServed).toBe(1);

    clock.advance(60 * 60_000); // past stale-if-error: the failure shows
    nock(SITE).get(SEARCH).reply(503);
    expect((await failure(http.get(SEARCH))).kind).toBe('server');
  });

  it('never caches a write, and a successful write invalidates its resource class', async () => {
    const http = client();
    nock(SITE).get(SEARCH).reply(200, { values: ['before'] });
    await http.get(SEARCH);
    nock(SITE).put('/rest/api/3/project/IAM/properties/pmo.profile').times(2).reply(200, {});
    await http.put('/rest/api/3/project/IAM/properties/pmo.profile', { phase: 'Closure' });
    await http.put('/rest/api/3/project/IAM/properties/pmo.profile', { phase: 'Closure' });
    nock(SITE).get(SEARCH).reply(200, { values: ['after'] });
    expect((await http.get(SEARCH)).data).toEqual({ values: ['after'] });
    expect(metrics().cache.invalidations).toBe(2);
  });

  it('does not cache errors or accepted non-2xx answers', async () => {
    const http = client(policy((x) => (x.retry.maxRetries = 0)));
    nock(SITE).get('/rest/api/3/project/NOPE').times(2).reply(404, { errorMessages: ['No project'] });
    await http.get('/rest/api/3/project/NOPE', undefined, { acceptStatuses: [404] });
    await http.get('/rest/api/3/project/NOPE', undefined, { acceptStatuses: [404] });
    expect(metrics().requests).toBe(2);
  });
});

describe('deadline, logs and the plain client', () => {
  it('gives up on a hung request when the operation deadline comes, not at the request timeout', async () => {
    const real = new HttpRuntime({ random: () => 0.5, log: (event) => logs.push(event) });
    const http = new HttpClient({ name: 'jira', baseUrl: SITE, auth: { type: 'none' }, timeoutMs: 10_000, resilience: policy(), runtime: real });
    nock(SITE).get(SEARCH).delay(5_000).reply(200, {});
    const started = Date.now();
    const error = await failure(runInOperation({ deadline: Date.now() + 100, stale: [] }, () => http.get(SEARCH)));
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
    nock.abortPendingRequests();
  });

  it('does not send at all once the deadline has passed', async () => {
    const error = await failure(runInOperation({ deadline: clock.now(), stale: [] }, () => client().get(SEARCH)));
    expect(error.kind).toBe('timeout');
    expect(metrics().requests).toBe(0);
  });

  it("logs the upstream's request id and the operation's request id with a failure", async () => {
    nock(SITE).get(SEARCH).reply(400, { errorMessages: ['bad'] }, { 'x-arequestid': 'b6f1a2c3' });
    await failure(runInOperation({ requestId: 'op-42', stale: [] }, () => client().get(SEARCH)));
    expect(logs).toContainEqual(expect.objectContaining({ event: 'failure', status: 400, upstreamRequestId: 'b6f1a2c3', requestId: 'op-42' }));
  });

  it('without a resilience policy makes exactly the calls asked: no retry, no cache', async () => {
    const http = new HttpClient({ name: 'jira', baseUrl: SITE, auth: { type: 'none' }, timeoutMs: 2000 });
    nock(SITE).get(SEARCH).reply(503).get(SEARCH).reply(200, {}).get(SEARCH).reply(200, {});
    expect((await failure(http.get(SEARCH))).status).toBe(503);
    await http.get(SEARCH);
    await http.get(SEARCH);
    const { requests, errors } = http.metrics;
    expect({ requests, errors }).toEqual({ requests: 3, errors: { server: 1 } });
  });

  it('without a resilience policy a 429 does not hold the next call', async () => {
    const http = new HttpClient({ name: 'jira', baseUrl: SITE, auth: { type: 'none' }, timeoutMs: 2000 });
    nock(SITE).get(SEARCH).reply(429, rateLimited, { 'retry-after': '3600' }).get(SEARCH).reply(200, {});
    expect((await failure(http.get(SEARCH))).retryAfterMs).toBe(3_600_000);
    expect((await http.get(SEARCH)).status).toBe(200);
  });

  it('exposes per-upstream metrics: requests, errors by kind, retries, cache, breaker, latency', async () => {
    nock(SITE).get(SEARCH).reply(503).get(SEARCH).reply(200, projectSearch);
    const http = client();
    await http.get(SEARCH);
    await http.get(SEARCH);
    expect(runtime.metrics.snapshot()).toEqual([
      {
        upstream: 'jira',
        requests: 2,
        errors: { server: 1 },
        retries: 1,
        retryBudgetExhausted: 0,
        rateLimited: 0,
        pacedWaitMs: 0,
        cache: { hits: 1, misses: 1, staleServed: 0, revalidations: 0, invalidations: 0 },
        breaker: { state: 'closed', opened: 0 },
        latencyMs: expect.objectContaining({ count: 2, buckets: expect.objectContaining({ '+Inf': 2 }) }),
      },
    ]);
  });
});
