import { startStack, type Stack } from '../../bin/stack';
import { generateDataset, type Dataset } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

/**
 * The people side through the gateway: a department's people with their managers (directory) and their
 * projects with roles (Jira, via Person.projects), and what that costs the directory.
 */

const DEPARTMENT_PEOPLE = /* GraphQL */ `
  query DepartmentPeople($department: String!, $first: Int!) {
    people(department: $department, first: $first) {
      totalCount
      edges { node { email displayName manager { email displayName } projects { role project { key } } } }
    }
  }
`;

const DEPARTMENTS = /* GraphQL */ `
  query Departments($first: Int!) {
    departments {
      name headcount
      head { email }
      people(first: $first) { edges { node { email manager { email } projects { role project { key } } } } }
    }
  }
`;

interface Node {
  email: string;
  manager: { email: string } | null;
  projects: Array<{ role: string; project: { key: string } }> | null;
}

let stack: Stack;
let data: Dataset;

beforeAll(async () => {
  data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
  // Cold counts: with the shared HTTP cache on, a repeated read would not reach the directory at all.
  stack = await startStack({ env: { CACHE_ENABLED: 'false' }, ports: 'random', dataset: data });
  // The connector reads /ServiceProviderConfig once, on its first look-up; keep it out of the counts below.
  await graphql(stack.gateway.url, '{ person(email: "nobody@northfield.edu") { email } }');
});

afterAll(async () => {
  await stack?.close();
});

const scim = () => stack.simulators.scim!;
const person = (id: string) => data.people.find((p) => p.scimId === id)!;

/** Managers from the directory, projects and roles from Jira, for each node, checked against the data set. */
function expectJoined(node: Node): void {
  const member = data.people.find((p) => p.email === node.email)!;
  expect(node.manager?.email ?? null).toBe(member.managerId ? person(member.managerId).email : null);
  const memberships = data.projects.flatMap((p) => p.team.filter((t) => t.personId === member.scimId).map((t) => ({ role: t.role, project: { key: p.key } })));
  const byKey = (a: { project: { key: string } }, b: { project: { key: string } }) => a.project.key.localeCompare(b.project.key) || 0;
  expect([...(node.projects ?? [])].sort(byKey)).toEqual(memberships.sort(byKey));
}

test("a department's people come with their managers and projects, at the same directory cost for 5 or 30 people", async () => {
  const department = 'Information Security';
  const members = data.people.filter((p) => p.inDirectory && p.department === department);
  const costs: Array<Record<string, number>> = [];
  for (const first of [5, 30]) {
    scim().reset();
    const { data: result, errors } = await graphql<{ people: { totalCount: number; edges: Array<{ node: Node }> } }>(stack.gateway.url, DEPARTMENT_PEOPLE, { department, first });
    costs.push(scim().requests());
    expect(errors).toBeUndefined();
    expect(result!.people.totalCount).toBe(members.length);
    expect(result!.people.edges.map((e) => e.node.email)).toEqual(members.slice(0, first).map((p) => p.email));
    result!.people.edges.forEach((e) => expectJoined(e.node));
  }
  // The page, then every manager on it in one batched search.
  expect(costs).toEqual([{ 'POST /scim/v2/Users/.search': 2 }, { 'POST /scim/v2/Users/.search': 2 }]);
});

test('every department with its head and people costs one directory read, whatever the page size', async () => {
  const costs: number[] = [];
  for (const first of [3, 50]) {
    scim().reset();
    const { data: result, errors } = await graphql<{ departments: Array<{ name: string; headcount: number; head: { email: string } | null; people: { edges: Array<{ node: Node }> } }> }>(
      stack.gateway.url,
      DEPARTMENTS,
      { first },
    );
    costs.push(scim().totalRequests());
    expect(errors).toBeUndefined();
    for (const department of result!.departments) {
      const members = data.people.filter((p) => p.inDirectory && p.department === department.name);
      expect(department.headcount).toBe(members.filter((p) => p.active).length);
      expect(department.head?.email).toBe(members.find((p) => p.title.startsWith('Director') || p.managerId === null)!.email);
      expect(department.people.edges.map((e) => e.node.email)).toEqual(members.slice(0, first).map((p) => p.email));
      department.people.edges.forEach((e) => expectJoined(e.node));
    }
  }
  const directory = data.people.filter((p) => p.inDirectory).length;
  expect(costs).toEqual([Math.ceil(directory / 200), Math.ceil(directory / 200)]);
});

test('sensitive fields pass through the gateway (demo default) and an email in any case finds the person', async () => {
  const member = data.people.find((p) => p.inDirectory && p.active && p.managerId)!;
  const { data: result, errors } = await graphql<{ person: { email: string; employeeNumber: string; costCenter: string } }>(
    stack.gateway.url,
    'query($email: String!) { person(email: $email) { email employeeNumber costCenter } }',
    { email: member.email.toUpperCase() },
  );
  expect(errors).toBeUndefined();
  expect(result!.person).toEqual({ email: member.email, employeeNumber: member.employeeNumber, costCenter: member.costCenter });
});
