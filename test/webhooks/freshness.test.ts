import { startStack, type Stack } from '../../bin/stack';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset, type Dataset } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

/**
 * Freshness by events, end to end: TTLs of an hour, so only an event can make a change visible. Data changes
 * in the simulators through their own REST APIs (a Jira issue edit and transition, a ServiceNow record
 * update), the simulators post the signed webhook to the gateway as the real systems would, the gateway
 * forwards it to the owning subgraph, and the next query sees the change, while what the event did not touch
 * is still answered from cache.
 */

const HOUR = '3600';
let stack: Stack;
let dataset: Dataset;

beforeAll(async () => {
  dataset = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
  stack = await startStack({
    env: { CACHE_TTL_ISSUES_SECONDS: HOUR, CACHE_TTL_TICKETS_SECONDS: HOUR, CACHE_TTL_PROJECTS_SECONDS: HOUR, CACHE_TTL_PEOPLE_SECONDS: HOUR },
    ports: 'random',
    dataset,
  });
});

afterAll(() => stack?.close());

const jiraAuth = `Basic ${Buffer.from(`${SIMULATOR_CREDENTIALS.jira.email}:${SIMULATOR_CREDENTIALS.jira.apiToken}`).toString('base64')}`;
const snowAuth = `Basic ${Buffer.from(`${SIMULATOR_CREDENTIALS.servicenow.username}:${SIMULATOR_CREDENTIALS.servicenow.password}`).toString('base64')}`;

const ISSUE = /* GraphQL */ `
  query Issue($key: String!) { issue(key: $key) { id key summary status statusCategory } }
`;
const PROJECT_ISSUES = /* GraphQL */ `
  query ProjectIssues($key: String!) { project(key: $key) { id issueStats { open byStatusCategory { toDo inProgress done } } } }
`;
const TICKET = /* GraphQL */ `
  query Ticket($number: String!) { ticket(number: $number) { id number state shortDescription } }
`;

const jiraRequests = () => stack.simulators.jira!.totalRequests();
const snowRequests = () => stack.simulators.servicenow!.totalRequests();

async function jira(method: string, path: string, body: unknown): Promise<number> {
  const response = await fetch(`${stack.simulators.jira!.url}${path}`, {
    method,
    headers: { authorization: jiraAuth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  await stack.simulators.jira!.webhooks!.settled();
  return response.status;
}

it('a Jira issue edited in Jira shows in the next query; other projects stay cached', async () => {
  const [mine, other] = dataset.projects;
  const issue = dataset.issues.find((i) => i.projectKey === mine.key && i.statusCategory === 'new')!;
  const before = await graphql(stack.gateway.url, ISSUE, { key: issue.key });
  expect(before.errors).toBeUndefined();
  const otherStats = await graphql(stack.gateway.url, PROJECT_ISSUES, { key: other.key });
  const mineStats = await graphql(stack.gateway.url, PROJECT_ISSUES, { key: mine.key });

  expect(await jira('PUT', `/rest/api/3/issue/${issue.key}`, { fields: { summary: 'Renamed in Jira' } })).toBe(204);
  expect(await jira('POST', `/rest/api/3/issue/${issue.key}/transitions`, { transition: { id: '10002' } })).toBe(204);

  const after = await graphql<{ issue: { summary: string; statusCategory: string } }>(stack.gateway.url, ISSUE, { key: issue.key });
  expect(after.data?.issue).toMatchObject({ summary: 'Renamed in Jira', statusCategory: 'DONE' });
  const mineAfter = await graphql<{ project: { issueStats: { byStatusCategory: { done: number } } } }>(stack.gateway.url, PROJECT_ISSUES, { key: mine.key });
  const doneBefore = (mineStats.data as { project: { issueStats: { byStatusCategory: { done: number } } } }).project.issueStats.byStatusCategory.done;
  expect(mineAfter.data?.project.issueStats.byStatusCategory.done).toBe(doneBefore + 1);

  // The other project's reads were not touched by the event: answered with no Jira request.
  const sent = jiraRequests();
  expect(await graphql(stack.gateway.url, PROJECT_ISSUES, { key: other.key })).toEqual(otherStats);
  expect(jiraRequests()).toBe(sent);
  const deliveries = stack.simulators.jira!.webhooks!.deliveries;
  expect(deliveries.slice(-2)).toEqual([{ event: 'jira:issue_updated', status: 202 }, { event: 'jira:issue_updated', status: 202 }]);
});

it('a ServiceNow record updated on the instance shows in the next query', async () => {
  const ticket = dataset.tickets.find((t) => t.table === 'incident')!;
  const before = await graphql<{ ticket: { shortDescription: string } }>(stack.gateway.url, TICKET, { number: ticket.number });
  expect(before.data?.ticket.shortDescription).toBe(ticket.shortDescription);
  const sent = snowRequests();
  expect(await graphql(stack.gateway.url, TICKET, { number: ticket.number })).toEqual(before);
  expect(snowRequests()).toBe(sent);

  const response = await fetch(`${stack.simulators.servicenow!.url}/api/now/table/incident/${ticket.sysId}`, {
    method: 'PATCH',
    headers: { authorization: snowAuth, 'content-type': 'application/json' },
    body: JSON.stringify({ short_description: 'Updated on the instance' }),
  });
  expect(response.status).toBe(200);
  await stack.simulators.servicenow!.webhooks!.settled();
  const after = await graphql<{ ticket: { shortDescription: string } }>(stack.gateway.url, TICKET, { number: ticket.number });
  expect(after.data?.ticket.shortDescription).toBe('Updated on the instance');
  expect(stack.http.metrics.cacheTierSnapshot().find((m) => m.upstream === 'servicenow')).toMatchObject({ eventsReceived: 1, eventsRejected: 0 });
});

it('without the event the hour-long TTL hides the same kind of change (the control)', async () => {
  const issue = dataset.issues.filter((i) => i.projectKey === dataset.projects[2].key)[0];
  const hooks = stack.simulators.jira!.webhooks!;
  const registered = hooks.registered.map(({ url }) => url);
  await graphql(stack.gateway.url, ISSUE, { key: issue.key });
  hooks.clear();
  try {
    expect(await jira('PUT', `/rest/api/3/issue/${issue.key}`, { fields: { summary: 'Nobody was told' } })).toBe(204);
    const after = await graphql<{ issue: { summary: string } }>(stack.gateway.url, ISSUE, { key: issue.key });
    expect(after.data?.issue.summary).not.toBe('Nobody was told');
  } finally {
    for (const url of registered) hooks.register({ url, secret: SIMULATOR_CREDENTIALS.jira.webhookSecret });
  }
});

it('the gateway passes refusals back with their reason, and evicts nothing for them', async () => {
  const body = JSON.stringify({ webhookEvent: 'jira:issue_updated', timestamp: Date.now(), issue: { key: 'X-1' } });
  const response = await fetch(stack.gateway.url.replace(/\/graphql$/, '/webhooks/jira'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature': 'sha256=00', 'x-atlassian-webhook-identifier': 'forged' },
    body,
  });
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({ error: 'bad signature' });
});
