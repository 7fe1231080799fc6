import { startStack, type Stack } from '../../bin/stack';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset, type Dataset } from '../../simulators/data/dataset';
import { GRAPH_BASE_PATH, msGraphSimulator } from '../../simulators/msgraph';
import { graphql } from '../support/graphql';

/** The people subgraph over Microsoft Graph (DIRECTORY_SOURCE=msgraph), through the gateway, on the Graph simulator. */

let stack: Stack;
let graph: RunningSimulator;
let data: Dataset;

beforeAll(async () => {
  data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
  graph = await startSimulator(msGraphSimulator(data));
  stack = await startStack({
    env: {
      CACHE_ENABLED: 'false',
      DIRECTORY_SOURCE: 'msgraph',
      MSGRAPH_BASE_URL: `${graph.url}${GRAPH_BASE_PATH}`,
      MSGRAPH_TOKEN: SIMULATOR_CREDENTIALS.msgraph.token,
    },
    ports: 'random',
    dataset: data,
  });
});

afterAll(async () => {
  await stack?.close();
  await graph?.close();
});

const byId = (id: string | null) => data.people.find((p) => p.scimId === id);

test('no SCIM simulator runs: the directory is Graph', () => {
  expect(stack.simulators.scim).toBeUndefined();
  expect(stack.upstreams.scim.name).toBe('msgraph');
});

test('person(email) in any case with its manager: one $batch for the person, one for the manager', async () => {
  const member = data.people.find((p) => p.inDirectory && p.managerId && byId(p.managerId)?.inDirectory && byId(byId(p.managerId)!.managerId))!;
  graph.reset();
  const { data: result, errors } = await graphql<{ person: { email: string; displayName: string; department: string; manager: { email: string; displayName: string } } }>(
    stack.gateway.url,
    'query($email: String!) { person(email: $email) { email displayName department manager { email displayName } } }',
    { email: member.email.toUpperCase() },
  );
  expect(errors).toBeUndefined();
  const manager = byId(member.managerId)!;
  expect(result!.person).toEqual({ email: member.email, displayName: member.displayName, department: member.department, manager: { email: manager.email, displayName: manager.displayName } });
  // The person (manager id from $expand), then the manager by id: one $batch each.
  expect(graph.requests()).toEqual({ 'POST /v1.0/$batch': 2 });
});

test("a department's people with their managers and totalCount: one Graph request for the page and one for the managers", async () => {
  const department = 'Information Security';
  const members = data.people.filter((p) => p.inDirectory && p.department === department);
  const costs: Array<Record<string, number>> = [];
  for (const first of [5, 30]) {
    graph.reset();
    const { data: result, errors } = await graphql<{ people: { totalCount: number; edges: Array<{ node: { email: string; manager: { email: string } | null } }> } }>(
      stack.gateway.url,
      'query($department: String!, $first: Int!) { people(department: $department, first: $first) { totalCount edges { node { email manager { email } } } } }',
      { department, first },
    );
    costs.push(graph.requests());
    expect(errors).toBeUndefined();
    expect(result!.people.totalCount).toBe(members.length);
    expect(result!.people.edges.map((e) => e.node.email)).toEqual(members.slice(0, first).map((p) => p.email));
    for (const { node } of result!.people.edges) {
      const member = data.people.find((p) => p.email === node.email)!;
      const manager = byId(member.managerId);
      expect(node.manager?.email ?? null).toBe(manager?.inDirectory ? manager.email : null);
    }
  }
  expect(costs).toEqual([{ 'POST /v1.0/$batch': 2 }, { 'POST /v1.0/$batch': 2 }]);
});

test('people(search) goes through $search with ConsistencyLevel, managers fetched in a batch', async () => {
  const member = data.people.find((p) => p.inDirectory && p.managerId)!;
  const word = member.familyName;
  graph.reset();
  const { data: result, errors } = await graphql<{ people: { totalCount: number; edges: Array<{ node: { email: string; manager: { email: string } | null } }> } }>(
    stack.gateway.url,
    'query($search: String!) { people(search: $search, first: 10) { totalCount edges { node { email manager { email } } } } }',
    { search: word },
  );
  expect(errors).toBeUndefined();
  expect(result!.people.edges.map((e) => e.node.email)).toContain(member.email);
  expect(graph.requests()['GET /v1.0/users']).toBe(1);
});
