import { startStack, type Stack } from '../../bin/stack';
import { generateDataset, type Dataset, type DemoTicket } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

/**
 * The ServiceNow side of the graph through the gateway: a page of projects with their open incidents, next
 * changes, ticket statistics and operational health, in a number of ServiceNow requests that does not depend on
 * the number of projects.
 */

const OPERATIONS = /* GraphQL */ `
  query Operations($first: Int!) {
    projects(first: $first) {
      edges {
        node {
          key
          incidents(first: 3, filter: { state: [NEW, IN_PROGRESS, ON_HOLD] }) { totalCount edges { node { number state priority } } }
          changes(first: 3, filter: { state: [NEW, ASSESS, AUTHORIZE, SCHEDULED] }) { totalCount edges { node { number state risk riskLabel plannedStart } } }
          ticketStats { openIncidents p1Open p2Open changesNext14Days failedChangesLast30Days openProblems }
          operationalHealth { rag reasons }
        }
      }
    }
  }
`;

interface Stats {
  openIncidents: number;
  p1Open: number;
  p2Open: number;
  changesNext14Days: number;
  failedChangesLast30Days: number;
  openProblems: number;
}

interface OperationsData {
  projects: {
    edges: Array<{
      node: {
        key: string;
        incidents: { totalCount: number; edges: Array<{ node: { number: string } }> };
        changes: { totalCount: number; edges: Array<{ node: { number: string; risk: string; riskLabel: string } }> };
        ticketStats: Stats;
        operationalHealth: { rag: string; reasons: string[] };
      };
    }>;
  };
}

let stack: Stack;
let data: Dataset;

beforeAll(async () => {
  data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
  stack = await startStack({ env: {}, ports: 'random', dataset: data });
});

afterAll(async () => {
  await stack?.close();
});

const servicenow = () => stack.simulators.servicenow!;
const DAY = 86_400_000;
const glide = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
const linked = (key: string) => (t: DemoTicket) => t.correlationId === key || t.correlationId.startsWith(`${key}-`);
const newestFirst = (a: DemoTicket, b: DemoTicket) => b.openedAt.localeCompare(a.openedAt) || a.number.localeCompare(b.number);

/** The statistics the data set implies, with the windows measured from `now`. */
function expectedStats(key: string, now: number): Stats {
  const mine = data.tickets.filter(linked(key));
  const incidents = mine.filter((t) => t.table === 'incident' && ['1', '2', '3'].includes(t.state));
  const changes = mine.filter((t) => t.table === 'change_request');
  return {
    openIncidents: incidents.length,
    p1Open: incidents.filter((t) => t.priority === '1').length,
    p2Open: incidents.filter((t) => t.priority === '2').length,
    changesNext14Days: changes.filter((t) => !['3', '4'].includes(t.state) && t.startDate! >= glide(now) && t.startDate! < glide(now + 14 * DAY)).length,
    failedChangesLast30Days: changes.filter((t) => t.closeCode === 'unsuccessful' && t.endDate! >= glide(now - 30 * DAY) && t.endDate! <= glide(now)).length,
    openProblems: mine.filter((t) => t.table === 'problem' && ['101', '102', '103', '104'].includes(t.state)).length,
  };
}

test('a page of 25 projects with open incidents, next changes and ticketStats costs 6 ServiceNow requests, as does a page of 5', async () => {
  const measure = async (first: number) => {
    servicenow().reset();
    const before = Date.now();
    const result = await graphql<OperationsData>(stack.gateway.url, OPERATIONS, { first });
    return { result, before, after: Date.now(), requests: servicenow().requests() };
  };
  const five = await measure(5);
  const { result, before, after, requests } = await measure(25);
  // Two Table API reads (incidents, changes: one per 40 projects each) and four Aggregate API counts (one per
  // statistics group per 40 projects); operationalHealth reuses the counts.
  expect(result.errors).toBeUndefined();
  expect(requests).toEqual({ 'GET /api/now/table/:table': 2, 'GET /api/now/stats/:table': 4 });
  expect(five.requests).toEqual(requests);

  expect(result.errors).toBeUndefined();
  const edges = result.data!.projects.edges;
  expect(edges).toHaveLength(25);
  for (const { node } of edges) {
    const open = data.tickets.filter((t) => t.table === 'incident' && linked(node.key)(t) && ['1', '2', '3'].includes(t.state)).sort(newestFirst);
    expect(node.incidents.totalCount).toBe(open.length);
    expect(node.incidents.edges.map((e) => e.node.number)).toEqual(open.slice(0, 3).map((t) => t.number));
    const next = data.tickets.filter((t) => t.table === 'change_request' && linked(node.key)(t) && ['-5', '-4', '-3', '-2'].includes(t.state)).sort(newestFirst);
    expect(node.changes.totalCount).toBe(next.length);
    expect(node.changes.edges.map((e) => e.node.number)).toEqual(next.slice(0, 3).map((t) => t.number));
    // The windows move with the clock: the answer matches the data set as of some instant during the query.
    expect([expectedStats(node.key, before), expectedStats(node.key, after)]).toContainEqual(node.ticketStats);
    const stats = node.ticketStats;
    const health = node.operationalHealth;
    if (stats.p1Open > 0) expect(health.rag).toBe('RED');
    else if (stats.failedChangesLast30Days > 0 || stats.p2Open >= 3 || stats.openProblems >= 3) expect(health.rag).toBe('AMBER');
    else expect(health).toEqual({ rag: 'GREEN', reasons: [] });
    if (health.rag !== 'GREEN') expect(health.reasons[0]).toMatch(new RegExp(`^${health.rag}: \\d+ `));
  }
  expect(edges.some((e) => e.node.ticketStats.changesNext14Days > 0)).toBe(true);
  expect(new Set(edges.map((e) => e.node.operationalHealth.rag)).size).toBeGreaterThan(1);
});

test('Query.incidents pages through the gateway, and a hostile assignmentGroup cannot widen it', async () => {
  const group = data.tickets.find((t) => t.table === 'incident')!.assignmentGroup;
  const inGroup = data.tickets.filter((t) => t.table === 'incident' && t.assignmentGroup === group).sort(newestFirst);
  const query = 'query($g: String) { incidents(first: 5, filter: { assignmentGroup: $g }) { totalCount edges { node { number assignmentGroup } } } }';
  const fair = await graphql<{ incidents: { totalCount: number; edges: Array<{ node: { number: string; assignmentGroup: string } }> } }>(stack.gateway.url, query, { g: group });
  expect(fair.errors).toBeUndefined();
  expect(fair.data!.incidents.totalCount).toBe(inGroup.length);
  expect(fair.data!.incidents.edges.map((e) => e.node.number)).toEqual(inGroup.slice(0, 5).map((t) => t.number));

  servicenow().reset();
  const hostile = await graphql(stack.gateway.url, query, { g: `${group}^ORactive=true` });
  expect(hostile.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(hostile.data?.incidents ?? null).toBeNull();
  expect(servicenow().totalRequests()).toBe(0);
});

test('a person from the directory gets their ServiceNow tickets, though ServiceNow spells the email differently', async () => {
  const person = data.people.find((p) => p.inDirectory && p.snowEmail !== p.email && data.tickets.some((t) => t.assignedToId === p.scimId))!;
  const mine = data.tickets.filter((t) => t.assignedToId === person.scimId).sort(newestFirst);
  const { data: result, errors } = await graphql<{ person: { displayName: string; assignedTickets: { totalCount: number; edges: Array<{ node: { __typename: string; number: string } }> } } }>(
    stack.gateway.url,
    'query($email: String!) { person(email: $email) { displayName assignedTickets(first: 50) { totalCount edges { node { __typename number } } } } }',
    { email: person.email },
  );
  expect(errors).toBeUndefined();
  expect(result!.person.displayName).toBe(person.displayName);
  expect(result!.person.assignedTickets.totalCount).toBe(mine.length);
  expect(result!.person.assignedTickets.edges.map((e) => e.node.number)).toEqual(mine.slice(0, 50).map((t) => t.number));
});
