import { createKeyv } from '@keyv/redis';
import { startStack, type Stack } from '../../bin/stack';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

/**
 * Two replicas sharing the real Redis on 127.0.0.1:6379, with hour-long TTLs: the Jira webhook reaches only
 * the first, and the second's next query still sees the change, because the eviction is published and the
 * second drops its in-process entries too.
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NAMESPACE = `pmo-graph-replicas-${process.pid}-${Date.now()}`;
const HOUR = '3600';
const stacks: Stack[] = [];

afterAll(async () => {
  for (const stack of stacks.reverse()) await stack.close();
  const keyv = createKeyv(REDIS_URL, { namespace: NAMESPACE });
  await keyv.clear();
  await keyv.disconnect();
});

const ISSUE = /* GraphQL */ `query Issue($key: String!) { issue(key: $key) { id key summary } }`;

test('an event received by one replica is seen through the other', async () => {
  const dataset = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
  const shared = { REDIS_URL, CACHE_NAMESPACE: NAMESPACE, CACHE_TTL_ISSUES_SECONDS: HOUR, CACHE_TTL_PROJECTS_SECONDS: HOUR };
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
  for (const started = Date.now(); !(first.http.hearsReplicas && second.http.hearsReplicas); ) {
    if (Date.now() - started > 5_000) throw new Error(`Redis pub/sub at ${REDIS_URL} not subscribed within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }

  const issue = dataset.issues[0];
  await graphql(second.gateway.url, ISSUE, { key: issue.key });
  const jiraBefore = sims.jira!.totalRequests();
  expect((await graphql(second.gateway.url, ISSUE, { key: issue.key })).data).toEqual({ issue: { id: `Issue:${issue.key}`, key: issue.key, summary: issue.summary } });
  expect(sims.jira!.totalRequests()).toBe(jiraBefore);

  const response = await fetch(`${sims.jira!.url}/rest/api/3/issue/${issue.key}`, {
    method: 'PUT',
    headers: {
      authorization: `Basic ${Buffer.from(`${SIMULATOR_CREDENTIALS.jira.email}:${SIMULATOR_CREDENTIALS.jira.apiToken}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ fields: { summary: 'Changed where only the first replica hears of it' } }),
  });
  expect(response.status).toBe(204);
  await sims.jira!.webhooks!.settled();
  for (const started = Date.now(); second.http.metrics.cacheTierSnapshot().find((m) => m.upstream === 'jira')!.eventEvictions === 0; ) {
    if (Date.now() - started > 5_000) throw new Error('the second replica heard nothing');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const after = await graphql<{ issue: { summary: string } }>(second.gateway.url, ISSUE, { key: issue.key });
  expect(after.data?.issue.summary).toBe('Changed where only the first replica hears of it');
});
