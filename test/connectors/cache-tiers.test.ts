import nock from 'nock';
import { HttpClient } from '../../connectors/http/client';
import { ManualClock } from '../../connectors/http/clock';
import { mapOnce } from '../../connectors/http/memo';
import { defaultPolicy } from '../../connectors/http/policy';
import { HttpRuntime, type HttpRuntimeOptions } from '../../connectors/http/runtime';
import projectSearch from '../fixtures/jira-project-search.json';
import { useNock } from '../support/nock';

/**
 * The two cache tiers: the in-process tier (parsed answers, bounded by entries and by size) in front of the
 * keyv store, invalidation reaching both, coalescing of identical concurrent reads, and their counters. The
 * Redis case shares the real Redis on 127.0.0.1:6379 between two runtimes, as two replicas would.
 */

const SITE = 'https://northfield.atlassian.net';
const SEARCH = '/rest/api/3/project/search';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

useNock();

const runtimes: HttpRuntime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.close()));
});

function runtime(options: HttpRuntimeOptions = {}): HttpRuntime {
  const created = new HttpRuntime({ clock: new ManualClock(), random: () => 0.5, log: () => undefined, ...options });
  runtimes.push(created);
  return created;
}

function client(on: HttpRuntime, password = 'api-token'): HttpClient {
  return new HttpClient({
    name: 'jira',
    baseUrl: SITE,
    auth: { type: 'basic', username: 'pmo@northfield.edu', password },
    timeoutMs: 2000,
    resilience: defaultPolicy('jira'),
    runtime: on,
  });
}

const tiers = (on: HttpRuntime) => on.metrics.cacheTierSnapshot().find((m) => m.upstream === 'jira')!;

it('answers a repeated read from the in-process tier: the same parsed object, nothing parsed or mapped again', async () => {
  nock(SITE).get(SEARCH).reply(200, projectSearch);
  const on = runtime();
  const http = client(on);
  const first = await http.get<object>(SEARCH);
  const second = await http.get<object>(SEARCH);
  expect(second.data).toBe(first.data);
  let mapped = 0;
  const map = () => ({ count: ++mapped });
  expect(mapOnce(first.data, 'projects', map)).toBe(mapOnce(second.data, 'projects', map));
  expect(mapped).toBe(1);
  expect(tiers(on)).toMatchObject({ localHits: 1, sharedHits: 0, misses: 1, localEvictions: 0 });
});

it('bounds the in-process tier by entries, dropping the least recently used and counting it', async () => {
  const on = runtime({ cache: { namespace: 'bounded', maxEntries: 2 } });
  const http = client(on);
  nock(SITE).get(SEARCH).query({ startAt: '0' }).times(2).reply(200, projectSearch);
  nock(SITE).get(SEARCH).query({ startAt: '1' }).reply(200, projectSearch);
  nock(SITE).get(SEARCH).query({ startAt: '2' }).reply(200, projectSearch);
  for (const startAt of [0, 1, 2]) await http.get(SEARCH, { startAt });
  // The first page was dropped to make room, so it is asked for again.
  await http.get(SEARCH, { startAt: 0 });
  expect(tiers(on)).toMatchObject({ localHits: 0, misses: 4, localEvictions: 2 });
});

it('bounds the in-process tier by size', async () => {
  const size = JSON.stringify(projectSearch).length;
  const on = runtime({ localCache: { maxBytes: Math.floor(size * 1.5) } });
  const http = client(on);
  nock(SITE).get(SEARCH).query({ startAt: '0' }).times(2).reply(200, projectSearch);
  nock(SITE).get(SEARCH).query({ startAt: '1' }).reply(200, projectSearch);
  await http.get(SEARCH, { startAt: 0 });
  await http.get(SEARCH, { startAt: 1 });
  await http.get(SEARCH, { startAt: 0 });
  expect(tiers(on)).toMatchObject({ localEvictions: 2, misses: 3 });
});

it('a successful write orphans the in-process entries of its resource class', async () => {
  const on = runtime();
  const http = client(on);
  nock(SITE).get(SEARCH).times(2).reply(200, projectSearch);
  nock(SITE).put('/rest/api/3/project/IAM').reply(200, {});
  await http.get(SEARCH);
  await http.put('/rest/api/3/project/IAM', { name: 'IAM' });
  await http.get(SEARCH);
  expect(tiers(on)).toMatchObject({ localHits: 0, misses: 2 });
});

it('shares one upstream call between identical concurrent reads of one identity, not across identities', async () => {
  const on = runtime({ cache: null });
  nock(SITE).get(SEARCH).times(2).delay(50).reply(200, projectSearch);
  const same = client(on);
  const other = client(on, 'another-token');
  const answers = await Promise.all([same.get(SEARCH), same.get(SEARCH), client(on).get(SEARCH), other.get(SEARCH)]);
  expect(answers[1].data).toBe(answers[0].data);
  expect(answers[2].data).toBe(answers[0].data);
  expect(answers[3].data).not.toBe(answers[0].data);
  expect(on.metrics.snapshot()[0].requests).toBe(2);
});

describe('with Redis as the shared tier', () => {
  // Each test its own namespace, so that what one stored in Redis does not answer the next.
  let namespace = '';
  beforeEach(() => {
    namespace = `pmo-cache-tiers-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  });
  const replica = () => runtime({ cache: { redisUrl: REDIS_URL, namespace, maxEntries: 100 } });

  it('a second replica answers from Redis, then from its own memory; a write in one reaches the other', async () => {
    const a = replica();
    const b = replica();
    nock(SITE).get(SEARCH).times(2).reply(200, projectSearch);
    nock(SITE).put('/rest/api/3/project/IAM').reply(200, {});
    await client(a).get(SEARCH);
    expect((await client(b).get(SEARCH)).data).toEqual(projectSearch);
    await client(b).get(SEARCH);
    expect(tiers(b)).toMatchObject({ sharedHits: 1, localHits: 1, misses: 0 });
    // A write through replica B orphans what replica A holds in memory.
    await client(b).put('/rest/api/3/project/IAM', { name: 'IAM' });
    await client(a).get(SEARCH);
    expect(tiers(a)).toMatchObject({ localHits: 0, misses: 2 });
  });

  it("an event received by one replica drops another replica's in-process entry at once, through Redis pub/sub", async () => {
    const a = replica();
    const b = replica();
    await until(() => a.hearsReplicas && b.hearsReplicas);
    nock(SITE).get(SEARCH).times(2).reply(200, projectSearch);
    await client(a).get(SEARCH);
    await client(b).get(SEARCH);
    await client(b).get(SEARCH);
    expect(tiers(b)).toMatchObject({ sharedHits: 1, localHits: 1 });
    expect(await a.invalidate('jira', ['project:*'], 'event')).toBe(1);
    await until(() => tiers(b).eventEvictions === 1);
    await client(b).get(SEARCH);
    expect(tiers(b)).toMatchObject({ localHits: 1, misses: 1 });
  });

  it("an event about one project leaves other replicas' entries of other projects in place", async () => {
    const a = replica();
    const b = replica();
    await until(() => a.hearsReplicas && b.hearsReplicas);
    nock(SITE).get(SEARCH).query({ keys: 'SOC' }).reply(200, projectSearch);
    nock(SITE).get(SEARCH).query({ keys: 'IAM' }).times(2).reply(200, projectSearch);
    await client(b).get(SEARCH, { keys: ['SOC'] });
    await client(b).get(SEARCH, { keys: ['IAM'] });
    await a.invalidate('jira', ['project:IAM', 'project:*'], 'event');
    await until(() => tiers(b).eventEvictions === 1);
    await client(b).get(SEARCH, { keys: ['SOC'] });
    await client(b).get(SEARCH, { keys: ['IAM'] });
    expect(tiers(b)).toMatchObject({ localHits: 1, misses: 3 });
  });
});

/** Waits for something another connection does (a Redis subscription, a published message), 5 s at most. */
async function until(condition: () => boolean): Promise<void> {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > 5_000) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
