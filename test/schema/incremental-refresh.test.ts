import { simulatorConfig } from '../../bin/stack';
import { JiraClient } from '../../connectors/jira';
import { ScimClient } from '../../connectors/scim';
import { ServiceNowClient } from '../../connectors/servicenow';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { generateDataset } from '../../simulators/data/dataset';
import { jiraSimulator } from '../../simulators/jira';
import { scimSimulator } from '../../simulators/scim';
import { resourceMeta } from '../../simulators/scim/resource';
import { serviceNowSimulator } from '../../simulators/servicenow';
import { createPeopleSubgraph } from '../../subgraphs/people';
import { createProjectsSubgraph } from '../../subgraphs/projects';
import { loadProjectsOptions } from '../../subgraphs/projects/config';
import { createTicketsSubgraph } from '../../subgraphs/tickets';
import { execute } from '../support/subgraph';

/**
 * Incremental refresh reads half-open windows [updatedSince, updatedBefore): consecutive windows tile, so a
 * refresh that walks them (Power BI's RangeStart/RangeEnd) sees every update exactly once.
 */

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
const BOUNDS = ['2026-10-01T00:00:00.000Z', '2026-10-15T00:00:00.000Z', '2026-11-01T00:00:00.000Z'];
let jira: RunningSimulator;
let snow: RunningSimulator;
let directory: RunningSimulator;

beforeAll(async () => {
  [jira, snow, directory] = await Promise.all([startSimulator(jiraSimulator(data)), startSimulator(serviceNowSimulator(data)), startSimulator(scimSimulator(data))]);
});
afterAll(async () => {
  await Promise.all([jira.close(), snow.close(), directory.close()]);
});

async function allPages(run: (after: string | null) => Promise<any>): Promise<string[]> {
  const keys: string[] = [];
  for (let after: string | null = null; ; ) {
    const page = await run(after);
    keys.push(...page.edges.map((e: any) => e.node.key ?? e.node.number));
    if (!page.pageInfo.hasNextPage) return keys;
    after = page.pageInfo.endCursor;
  }
}

test('Query.issues: two consecutive windows hold exactly the issues updated in their union, none twice', async () => {
  const options = { ...loadProjectsOptions({}), now: () => new Date('2026-11-26T23:59:59.999Z') };
  const subgraph = await createProjectsSubgraph(new JiraClient(simulatorConfig('jira', jira.url)), options);
  const window = (since: string, before: string) =>
    allPages(async (after) => {
      const result = await execute(subgraph, `query($since: DateTime, $before: DateTime, $after: String) {
        issues(updatedSince: $since, updatedBefore: $before, first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { key } } } }`,
      { since, before, after });
      expect(result.errors).toBeUndefined();
      return result.data!.issues;
    });
  const [first, second] = [await window(BOUNDS[0], BOUNDS[1]), await window(BOUNDS[1], BOUNDS[2])];
  const expected = data.issues.filter((i) => i.projectKey !== options.statusReports.projectKey && i.updated >= BOUNDS[0] && i.updated < BOUNDS[2]).map((i) => i.key);
  expect(first.length).toBeGreaterThan(0);
  expect(second.length).toBeGreaterThan(0);
  expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
  expect([...first, ...second].sort()).toEqual(expected.sort());
});

test('Query.incidents: the same tiling on sys_updated_on', async () => {
  const subgraph = await createTicketsSubgraph(new ServiceNowClient(simulatorConfig('servicenow', snow.url)), { maxRowsPerBatch: 5000, now: () => new Date('2026-11-26T12:00:00Z') });
  const window = (since: string, before: string) =>
    allPages(async (after) => {
      const result = await execute(subgraph, `query($since: DateTime, $before: DateTime, $after: String) {
        incidents(updatedSince: $since, updatedBefore: $before, first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { number } } } }`,
      { since, before, after });
      expect(result.errors).toBeUndefined();
      return result.data!.incidents;
    });
  const glide = (iso: string) => iso.replace('T', ' ').slice(0, 19);
  const [first, second] = [await window(BOUNDS[0], BOUNDS[1]), await window(BOUNDS[1], BOUNDS[2])];
  const expected = data.tickets.filter((t) => t.table === 'incident' && t.updatedAt >= glide(BOUNDS[0]) && t.updatedAt < glide(BOUNDS[2])).map((t) => t.number);
  expect(first.length).toBeGreaterThan(0);
  expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
  expect([...first, ...second].sort()).toEqual(expected.sort());
});

test('Person.assignedTickets: the same tiling across every table', async () => {
  const subgraph = await createTicketsSubgraph(new ServiceNowClient(simulatorConfig('servicenow', snow.url)), { maxRowsPerBatch: 5000 });
  const counts = new Map<string, number>();
  for (const t of data.tickets) if (t.assignedToId) counts.set(t.assignedToId, (counts.get(t.assignedToId) ?? 0) + 1);
  const busiest = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const email = data.people.find((p) => p.scimId === busiest)!.email;
  const window = (since: string, before: string) =>
    allPages(async (after) => {
      const result = await execute(subgraph, `query($reps: [_Any!]!, $since: DateTime, $before: DateTime, $after: String) {
        _entities(representations: $reps) { ... on Person { assignedTickets(updatedSince: $since, updatedBefore: $before, first: 200, after: $after) {
          pageInfo { hasNextPage endCursor } edges { node { number } } } } } }`,
      { reps: [{ __typename: 'Person', email }], since, before, after });
      expect(result.errors).toBeUndefined();
      return result.data!._entities[0].assignedTickets;
    });
  const glide = (iso: string) => iso.replace('T', ' ').slice(0, 19);
  const bounds = ['2025-12-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z', '2026-11-26T00:00:00.000Z'];
  const [first, second] = [await window(bounds[0], bounds[1]), await window(bounds[1], bounds[2])];
  const expected = data.tickets.filter((t) => t.assignedToId === busiest && t.updatedAt >= glide(bounds[0]) && t.updatedAt < glide(bounds[2])).map((t) => t.number);
  expect(expected.length).toBeGreaterThan(0);
  expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
  expect([...first, ...second].sort()).toEqual(expected.sort());
});

test('Query.people: the same tiling on SCIM meta.lastModified', async () => {
  const subgraph = await createPeopleSubgraph(new ScimClient(simulatorConfig('scim', directory.url)), { exposeSensitiveFields: false });
  const window = (since: string, before: string) =>
    allPages(async (after) => {
      const result = await execute(subgraph, `query($since: DateTime, $before: DateTime, $after: String) {
        people(updatedSince: $since, updatedBefore: $before, first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { key: email } } } }`,
      { since, before, after });
      expect(result.errors).toBeUndefined();
      return result.data!.people;
    });
  const bounds = ['2025-06-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'];
  const [first, second] = [await window(bounds[0], bounds[1]), await window(bounds[1], bounds[2])];
  const expected = data.people
    .filter((p) => p.inDirectory)
    .filter((p) => {
      const modified = resourceMeta('User', p.scimId, data.anchor).lastModified;
      return Date.parse(modified) >= Date.parse(bounds[0]) && Date.parse(modified) < Date.parse(bounds[2]);
    })
    .map((p) => p.email);
  expect(first.length).toBeGreaterThan(0);
  expect(second.length).toBeGreaterThan(0);
  expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
  expect([...first, ...second].sort()).toEqual(expected.sort());
});

test('a malformed bound is refused with a GraphQL error code, not a crash', async () => {
  const subgraph = await createTicketsSubgraph(new ServiceNowClient(simulatorConfig('servicenow', snow.url)), { maxRowsPerBatch: 5000 });
  const result = await execute(subgraph, '{ incidents(updatedBefore: "yesterday") { totalCount } }');
  expect(result.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
});
