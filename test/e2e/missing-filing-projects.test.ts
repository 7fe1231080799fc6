import { startStack, type Stack } from '../../bin/stack';
import { generateDataset, type DemoIssue } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

/**
 * A deployment whose Jira has neither the reports project nor the intake project it is configured with (the PMO
 * has not created them yet). Cross-project lists leave those projects out with `project not in (…)` / `project
 * != …`, which Jira rejects with a 400 naming the unknown project; leaving out a project that does not exist
 * leaves out nothing, so the lists and a person's open work must still be there.
 */

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    env: { PROJECTS_PMO_PROJECT_KEY: 'REPORTS', PROJECTS_INTAKE_PROJECT_KEY: 'IDEAS' },
    ports: 'random',
    dataset: data,
  });
});

afterAll(async () => {
  await stack?.close();
});

const byKey = (a: DemoIssue, b: DemoIssue) => a.projectKey.localeCompare(b.projectKey) || Number(a.key.split('-')[1]) - Number(b.key.split('-')[1]);

const CROSS_PROJECT = /* GraphQL */ `
  query CrossProject($email: String!) {
    bugs: issues(filter: { type: ["Bug"] }, first: 20) { totalCount edges { node { key } } }
    person(email: $email) {
      assignedIssues(filter: { statusCategory: [TO_DO, IN_PROGRESS] }, first: 100) { totalCount edges { node { key } } }
      allocation { openIssues }
    }
  }
`;

it('lists issues across projects and a person’s open assigned work', async () => {
  const openOf = (scimId: string) => data.issues.filter((i) => i.assigneeId === scimId && i.statusCategory !== 'done');
  const assignee = data.people.find((p) => p.inDirectory && !p.jiraEmailHidden && openOf(p.scimId).length >= 5 && openOf(p.scimId).length <= 100)!;
  const bugs = data.issues.filter((i) => i.type === 'Bug').sort(byKey);
  const open = openOf(assignee.scimId).sort(byKey);

  const { data: result, errors } = await graphql<any>(stack.gateway.url, CROSS_PROJECT, { email: assignee.email });

  expect(errors).toBeUndefined();
  expect(bugs.length).toBeGreaterThan(20);
  expect(result.bugs.totalCount).toBe(bugs.length);
  expect(result.bugs.edges.map((e: any) => e.node.key)).toEqual(bugs.slice(0, 20).map((i) => i.key));
  expect(result.person.assignedIssues.totalCount).toBe(open.length);
  expect(result.person.assignedIssues.edges.map((e: any) => e.node.key)).toEqual(open.map((i) => i.key));
  expect(result.person.allocation.openIssues).toBe(open.length);
});
