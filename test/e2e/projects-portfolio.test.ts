import { startStack, type Stack } from '../../bin/stack';
import { generateDataset, type Dataset } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

/**
 * The PMO portfolio page from one gateway query, over the simulators: phase, lead, latest RAG, delivery health
 * with reasons, open and blocked issue counts, and the next milestone, for every project on the page.
 */

const PORTFOLIO = /* GraphQL */ `
  query Portfolio($first: Int!, $milestones: Boolean!) {
    projects(first: $first) {
      totalCount
      edges {
        node {
          key
          name
          phase
          lead { email displayName }
          latestStatus { overall statusDate }
          statusFreshness { daysSinceLastReport stale }
          deliveryHealth { overall schedule scope reasons }
          issueStats { open blocked overdue }
          nextMilestone @include(if: $milestones) { name releaseDate overdue progress { done total } }
        }
      }
    }
  }
`;

interface Node {
  key: string;
  phase: string | null;
  lead: { email: string; displayName: string | null } | null;
  latestStatus: { overall: string; statusDate: string } | null;
  deliveryHealth: { overall: string; schedule: string; scope: string; reasons: string[] } | null;
  issueStats: { open: number; blocked: number; overdue: number } | null;
  nextMilestone?: { name: string; progress: { done: number; total: number } | null } | null;
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

const jira = () => stack.simulators.jira!;

test('the page costs a handful of Jira requests, not one per project, apart from the versions behind nextMilestone', async () => {
  // Cold (first in this stack, so nothing comes from the connector cache): every project on one page.
  jira().reset();
  const page = await graphql(stack.gateway.url, PORTFOLIO, { first: 32, milestones: false });
  expect(page.errors).toBeUndefined();
  // The portfolio (one /project/search), the story points field, three key-only category counts (5000 issues
  // a page), the overdue-or-blocked open work (five searches side by side, 100 issues a page), and every
  // project's status reports (one search).
  const keys = (page.data as { projects: { edges: Array<{ node: { key: string } }> } }).projects.edges.map((e) => e.node.key);
  const troubled = (some: string[]) =>
    data.issues.filter(
      (i) => some.includes(i.projectKey) && i.statusCategory !== 'done' && ((i.dueDate !== null && i.dueDate < '2026-11-26') || i.blockedBy.length > 0),
    ).length;
  let troubledSearches = 0;
  const per = Math.ceil(keys.length / 5);
  for (let i = 0; i < keys.length; i += per) troubledSearches += Math.max(1, Math.ceil(troubled(keys.slice(i, i + per)) / 100));
  expect(jira().requests()).toEqual({
    'GET /rest/api/3/project/search': 1,
    'GET /rest/api/3/field': 1,
    'GET /rest/api/3/search/jql': 3 + troubledSearches + 1,
  });

  // The next milestone needs each project's versions: Jira has no multi-project versions endpoint.
  jira().reset();
  const withMilestones = await graphql(stack.gateway.url, PORTFOLIO, { first: 32, milestones: true });
  expect(withMilestones.errors).toBeUndefined();
  expect(jira().requests()['GET /rest/api/3/project/:idOrKey/version']).toBe(32);
});

test('one query draws the portfolio page from Jira, the directory and the reports project', async () => {
  jira().reset();
  const { data: result, errors } = await graphql<{ projects: { totalCount: number; edges: Array<{ node: Node }> } }>(stack.gateway.url, PORTFOLIO, {
    first: 50,
    milestones: true,
  });
  expect(errors).toBeUndefined();
  // The PMO reports project is Jira's, not the portfolio's.
  expect(result!.projects.totalCount).toBe(data.projects.length);
  expect(result!.projects.edges.map((e) => e.node.key)).not.toContain('PMO');
  for (const { node } of result!.projects.edges) {
    const project = data.projects.find((p) => p.key === node.key)!;
    expect(node.phase).toBe(project.phase);
    const latest = [...project.statusReports].sort((a, b) => b.statusDate.localeCompare(a.statusDate))[0];
    expect(node.latestStatus).toEqual(latest ? { overall: latest.overall, statusDate: latest.statusDate } : null);
    const open = data.issues.filter((i) => i.projectKey === project.key && i.statusCategory !== 'done');
    expect(node.issueStats!.open).toBe(open.length);
    expect(node.deliveryHealth!.overall === 'GREEN').toBe(node.deliveryHealth!.reasons.length === 0);
    const unreleased = project.versions.filter((v) => !v.released);
    expect(node.nextMilestone === null).toBe(unreleased.length === 0);
  }
});

test('a status report submitted through the gateway is filed in Jira and becomes the latest', async () => {
  const project = data.projects.find((p) => p.phase === 'EXECUTING')!;
  const submitted = await graphql<{ submitStatusReport: { id: string; overall: string; url: string } }>(
    stack.gateway.url,
    `mutation($key: String!) { submitStatusReport(projectKey: $key, input: { overall: RED, schedule: RED, summary: "Vendor slipped two weeks." }) { id overall url } }`,
    { key: project.key },
  );
  expect(submitted.errors).toBeUndefined();
  expect(submitted.data!.submitStatusReport).toMatchObject({ id: expect.stringMatching(/^PMO-\d+$/), overall: 'RED' });
  const read = await graphql<{ project: { latestStatus: { id: string; summary: string } } }>(
    stack.gateway.url,
    'query($key: String!) { project(key: $key) { latestStatus { id summary } } }',
    { key: project.key },
  );
  expect(read.data!.project.latestStatus).toEqual({ id: submitted.data!.submitStatusReport.id, summary: 'Vendor slipped two weeks.' });
  const bad = await graphql(stack.gateway.url, 'mutation { submitStatusReport(projectKey: "NOPE", input: { overall: GREEN, summary: "x" }) { id } }');
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});
