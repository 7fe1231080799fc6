import { startStack, type Stack } from '../../bin/stack';
import { generateDataset, type Dataset } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

/**
 * The whole product over HTTP: simulators → connectors → subgraphs → gateway, on free ports. Values are checked
 * against the data set the simulators serve, so every join (Jira → directory, ServiceNow → Jira project) is real.
 */

const PORTFOLIO = /* GraphQL */ `
  query Portfolio($first: Int!) {
    projects(first: $first) {
      totalCount
      edges {
        node {
          key
          name
          phase
          lead { email displayName title department }
          team { role person { email displayName } }
          incidents(first: 3) { totalCount edges { node { number state priority } } }
        }
      }
    }
  }
`;

interface PortfolioData {
  projects: {
    totalCount: number;
    edges: Array<{
      node: {
        key: string;
        name: string;
        phase: string | null;
        lead: { email: string; displayName: string | null; title: string | null; department: string | null } | null;
        team: Array<{ role: string; person: { email: string; displayName: string | null } }>;
        incidents: { totalCount: number; edges: Array<{ node: { number: string; state: string; priority: string } }> } | null;
      };
    }>;
  };
}

let stack: Stack;
let data: Dataset;

beforeAll(async () => {
  data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
  // Cache off: the request counts below are what a query costs cold.
  stack = await startStack({ env: { CACHE_ENABLED: 'false' }, ports: 'random', dataset: data });
});

afterAll(async () => {
  await stack?.close();
});

const resetCounts = () => Object.values(stack.simulators).forEach((sim) => sim?.reset());
const counts = () => Object.fromEntries(Object.entries(stack.simulators).map(([name, sim]) => [name, sim!.totalRequests()]));

test('one query joins Jira projects, directory people and ServiceNow incidents', async () => {
  const { data: result, errors } = await graphql<PortfolioData>(stack.gateway.url, PORTFOLIO, { first: 5 });
  expect(errors).toBeUndefined();
  const sorted = [...data.projects].sort((a, b) => a.key.localeCompare(b.key));
  expect(result!.projects.totalCount).toBe(data.projects.length);
  expect(result!.projects.edges.map((e) => e.node.key)).toEqual(sorted.slice(0, 5).map((p) => p.key));

  for (const { node } of result!.projects.edges) {
    const project = data.projects.find((p) => p.key === node.key)!;
    expect(node.name).toBe(project.name);
    expect(node.phase).toBe(project.phase);

    const lead = data.people.find((p) => p.scimId === project.leadId)!;
    if (lead.jiraEmailHidden) {
      expect(node.lead).toBeNull();
    } else {
      expect(node.lead).toEqual({ email: lead.email, displayName: lead.displayName, title: lead.title, department: lead.department });
    }

    const teamEmails = project.team.map((m) => data.people.find((p) => p.scimId === m.personId)!.email);
    for (const email of teamEmails) {
      const member = node.team.find((m) => m.person.email === email);
      expect(member).toBeDefined();
      expect(member!.person.displayName).toBe(data.people.find((p) => p.email === email)!.displayName);
    }

    const linked = data.tickets
      .filter((t) => t.table === 'incident' && (t.correlationId === project.key || t.correlationId.startsWith(`${project.key}-`)))
      .sort((a, b) => b.openedAt.localeCompare(a.openedAt) || a.number.localeCompare(b.number));
    expect(node.incidents!.totalCount).toBe(linked.length);
    expect(node.incidents!.edges.map((e) => e.node.number)).toEqual(linked.slice(0, 3).map((t) => t.number));
  }
});

test('Jira and ServiceNow requests do not grow with the number of projects on the page', async () => {
  // Once-per-process discovery (the directory's ServiceProviderConfig, Jira's /field) is not a per-query cost.
  await graphql(stack.gateway.url, '{ person(email: "nobody@northfield.edu") { email } }');
  resetCounts();
  await graphql(stack.gateway.url, PORTFOLIO, { first: 5 });
  const five = counts();
  resetCounts();
  const { data: result } = await graphql<PortfolioData>(stack.gateway.url, PORTFOLIO, { first: 25 });
  const twentyFive = counts();
  // One project page from Jira (PMO profile and lead included), one batched incident query from ServiceNow.
  expect(five).toMatchObject({ jira: 1, servicenow: 1 });
  expect(twentyFive).toMatchObject({ jira: 1, servicenow: 1 });
  // The directory is asked once per 50 distinct people for each place a Person appears (lead, team).
  const people = new Set(result!.projects.edges.flatMap((e) => e.node.team.map((m) => m.person.email)));
  expect(twentyFive.scim).toBeLessThanOrEqual(2 * Math.ceil(people.size / 50));
  expect(five.scim).toBeLessThanOrEqual(2);
});

test('a person joins their projects from Jira and their manager from the directory', async () => {
  const project = data.projects.find((p) => p.phase === 'EXECUTING')!;
  const member = data.people.find((p) => p.scimId === project.team[1].personId)!;
  const manager = data.people.find((p) => p.scimId === member.managerId)!;
  const { data: result, errors } = await graphql<{
    person: { displayName: string; manager: { email: string; displayName: string }; projects: Array<{ role: string; project: { key: string } }> };
  }>(stack.gateway.url, `query($email: String!) { person(email: $email) { displayName manager { email displayName } projects { role project { key } } } }`, {
    email: member.email.toUpperCase(),
  });
  expect(errors).toBeUndefined();
  expect(result!.person.displayName).toBe(member.displayName);
  expect(result!.person.manager).toEqual({ email: manager.email, displayName: manager.displayName });
  const expected = data.projects.filter((p) => p.team.some((m) => m.personId === member.scimId)).map((p) => p.key).sort();
  expect(result!.person.projects.map((m) => m.project.key).sort()).toEqual(expected);
  expect(result!.person.projects.find((m) => m.project.key === project.key)!.role).toBe(project.team[1].role);
});

test('bad input gets BAD_USER_INPUT, not a crash', async () => {
  const tooMany = await graphql(stack.gateway.url, '{ projects(first: 500) { totalCount } }');
  expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const badKey = await graphql(stack.gateway.url, '{ project(key: "X\\" OR project = \\"Y") { key } }');
  expect(badKey.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('health, readiness and the offline explorer are served beside /graphql', async () => {
  const base = stack.gateway.url.replace(/\/graphql$/, '');
  expect((await fetch(`${base}/health`)).status).toBe(200);
  const ready = await fetch(`${base}/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready', subgraphs: { projects: 'ok', people: 'ok', tickets: 'ok' } });
  const page = await fetch(stack.gateway.url, { headers: { accept: 'text/html' } });
  const html = await page.text();
  expect(html).toContain('/explorer-assets/graphiql.min.js');
  expect(html).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\.(com|net|org|io)\//i);
  const script = await fetch(`${base}/explorer-assets/graphiql.min.js`);
  expect(script.status).toBe(200);
  expect((await script.text()).length).toBeGreaterThan(100_000);
});
