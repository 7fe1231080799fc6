import net from 'node:net';
import { createKeyv } from '@keyv/redis';
import { startStack, type Stack } from '../../bin/stack';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

/**
 * REDIS_URL: two gateway stacks (as two replicas would be) share one cache in the real Redis on
 * 127.0.0.1:6379. The second stack talks to the first one's simulators with the same credentials, so a
 * query the first one warmed costs the second no upstream call at all.
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NAMESPACE = `pmo-graph-test-${process.pid}-${Date.now()}`;

const DASHBOARD = /* GraphQL */ `
  {
    projects(first: 5) {
      edges { node { key name lead { displayName title department } team { role person { displayName } } incidents(first: 3) { totalCount edges { node { number state } } } } }
    }
  }
`;

/** Fails at once with a clear message, rather than hanging, when Redis is not there. */
async function requireRedis(): Promise<void> {
  const { hostname, port } = new URL(REDIS_URL);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1000);
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`These tests need Redis at ${REDIS_URL} (${why}). Start it, e.g. \`redis-server --daemonize yes --port 6379 --save ""\`, or set TEST_REDIS_URL.`));
    };
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('timeout', () => fail('no answer within 1 s'));
    socket.once('error', (error) => fail(error.message));
  });
}

const stacks: Stack[] = [];

beforeAll(requireRedis);

afterAll(async () => {
  for (const stack of stacks.reverse()) await stack.close();
  const keyv = createKeyv(REDIS_URL, { namespace: NAMESPACE });
  await keyv.clear();
  await keyv.disconnect();
});

test('a second stack sharing the Redis cache answers a warmed query with zero upstream calls', async () => {
  const dataset = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
  const shared = { REDIS_URL, CACHE_NAMESPACE: NAMESPACE };
  const first = await startStack({ env: shared, ports: 'random', dataset });
  stacks.push(first);
  const sims = first.simulators;
  const second = await startStack({
    env: {
      ...shared,
      JIRA_BASE_URL: sims.jira!.url,
      JIRA_EMAIL: SIMULATOR_CREDENTIALS.jira.email,
      JIRA_API_TOKEN: SIMULATOR_CREDENTIALS.jira.apiToken,
      SERVICENOW_URL: sims.servicenow!.url,
      SERVICENOW_USERNAME: SIMULATOR_CREDENTIALS.servicenow.username,
      SERVICENOW_PASSWORD: SIMULATOR_CREDENTIALS.servicenow.password,
      SCIM_BASE_URL: `${sims.scim!.url}/scim/v2`,
      SCIM_TOKEN: SIMULATOR_CREDENTIALS.scim.token,
    },
    ports: 'random',
  });
  stacks.push(second);
  expect(Object.values(second.simulators).every((sim) => sim === undefined)).toBe(true);

  const warm = await graphql(first.gateway.url, DASHBOARD);
  expect(warm.errors).toBeUndefined();
  const cold = Object.values(sims).reduce((sum, sim) => sum + sim!.totalRequests(), 0);
  expect(cold).toBeGreaterThan(0);

  Object.values(sims).forEach((sim) => sim!.reset());
  const fromCache = await graphql(second.gateway.url, DASHBOARD);
  expect(fromCache).toEqual(warm);
  expect(Object.fromEntries(Object.entries(sims).map(([name, sim]) => [name, sim!.totalRequests()]))).toEqual({ jira: 0, servicenow: 0, scim: 0 });
  expect(second.http.metrics.snapshot().every((m) => m.requests === 0 && m.cache.misses === 0)).toBe(true);
});
