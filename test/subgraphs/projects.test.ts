import { JiraClient } from '../../connectors/jira';
import { simulatorConfig } from '../../bin/stack';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { generateDataset } from '../../simulators/data/dataset';
import { jiraSimulator } from '../../simulators/jira';
import { createProjectsSubgraph } from '../../subgraphs/projects';
import { loadProjectsOptions } from '../../subgraphs/projects/config';
import { execute } from '../support/subgraph';

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator(jiraSimulator(data));
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** The subgraph's clock is the simulator's: the end of the data set's day. */
const options = { ...loadProjectsOptions({}), now: () => new Date('2026-11-26T23:59:59.999Z') };
const subgraph = () => createProjectsSubgraph(new JiraClient(simulatorConfig('jira', sim.url)), options);
const person = (id: string) => data.people.find((p) => p.scimId === id)!;

test('projects pages the portfolio in key order with PMO metadata, lead and team from one Jira request', async () => {
  const sorted = [...data.projects].sort((a, b) => a.key.localeCompare(b.key));
  const query = `query($after: String) { projects(first: 10, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { key phase priority plannedEnd lead { email } sponsor { email } team { role allocation person { email } } } }
  } }`;
  const first = await execute(await subgraph(), query);
  expect(first.errors).toBeUndefined();
  expect(first.data!.projects.totalCount).toBe(data.projects.length);
  expect(first.data!.projects.edges.map((e: any) => e.node.key)).toEqual(sorted.slice(0, 10).map((p) => p.key));
  expect(sim.totalRequests()).toBe(1);

  const second = await execute(await subgraph(), query, { after: first.data!.projects.pageInfo.endCursor });
  expect(second.data!.projects.edges.map((e: any) => e.node.key)).toEqual(sorted.slice(10, 20).map((p) => p.key));

  for (const { node } of first.data!.projects.edges) {
    const project = data.projects.find((p) => p.key === node.key)!;
    const lead = person(project.leadId);
    expect(node).toMatchObject({ phase: project.phase, priority: project.priority, plannedEnd: project.plannedEnd });
    expect(node.lead).toEqual(lead.jiraEmailHidden ? null : { email: lead.email });
    expect(node.sponsor).toEqual({ email: person(project.sponsorId).email });
    for (const member of project.team) {
      expect(node.team).toContainEqual({ role: member.role, allocation: member.allocation, person: { email: person(member.personId).email } });
    }
  }
});

test('filtering by phase reads the portfolio and keeps only that phase', async () => {
  const { data: result } = await execute(await subgraph(), '{ projects(filter: { phase: [CLOSED] }, first: 50) { totalCount edges { node { key phase } } } }');
  const closed = data.projects.filter((p) => p.phase === 'CLOSED').map((p) => p.key).sort();
  expect(result!.projects.totalCount).toBe(closed.length);
  expect(result!.projects.edges.map((e: any) => e.node.key)).toEqual(closed);
});

test('Project.issues pages by key through Jira enhanced search, with totalCount', async () => {
  const project = data.projects.find((p) => p.phase === 'EXECUTING')!;
  const issues = data.issues.filter((i) => i.projectKey === project.key);
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const { data: result, errors }: any = await execute(await subgraph(), `query($key: String!, $after: String) {
      project(key: $key) { issues(first: 40, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { key statusCategory assignee { email } } } } }
    }`, { key: project.key, after });
    expect(errors).toBeUndefined();
    expect(result.project.issues.totalCount).toBe(issues.length);
    seen.push(...result.project.issues.edges.map((e: any) => e.node.key));
    if (!result.project.issues.pageInfo.hasNextPage) break;
    after = result.project.issues.pageInfo.endCursor;
  }
  expect(seen).toEqual(issues.map((i) => i.key));
});

test('_entities resolves Project and Issue references, and Person memberships across the portfolio', async () => {
  const project = data.projects[3];
  const issue = data.issues.find((i) => i.projectKey === project.key && i.parentKey)!;
  const member = person(project.team[1].personId);
  const { data: result, errors } = await execute(await subgraph(), `query($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Project { key name milestones { name released } }
      ... on Issue { key summary parent { key } project { key } }
      ... on Person { email projects { role project { key } } }
    }
  }`, {
    representations: [
      { __typename: 'Project', key: project.key },
      { __typename: 'Issue', key: issue.key },
      { __typename: 'Person', email: member.email.toUpperCase() },
    ],
  });
  expect(errors).toBeUndefined();
  const [p, i, m] = result!._entities;
  expect(p).toEqual({ key: project.key, name: project.name, milestones: project.versions.map((v) => ({ name: v.name, released: v.released })) });
  expect(i).toEqual({ key: issue.key, summary: issue.summary, parent: { key: issue.parentKey }, project: { key: project.key } });
  expect(m.email).toBe(member.email);
  const expected = data.projects.filter((x) => x.team.some((t) => t.personId === member.scimId)).map((x) => x.key).sort();
  expect(m.projects.map((x: any) => x.project.key).sort()).toEqual(expected);
});

test('hostile keys are BAD_USER_INPUT and never reach Jira', async () => {
  const { errors } = await execute(await subgraph(), '{ issue(key: "SISR-1\\" OR project = \\"IAM") { key } }');
  expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(sim.totalRequests()).toBe(0);
});
