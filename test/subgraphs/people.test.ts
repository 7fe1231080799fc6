import { ScimClient } from '../../connectors/scim';
import { simulatorConfig } from '../../bin/stack';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { generateDataset } from '../../simulators/data/dataset';
import { scimSimulator } from '../../simulators/scim';
import { createPeopleSubgraph } from '../../subgraphs/people';
import { execute } from '../support/subgraph';

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator(scimSimulator(data));
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const subgraph = (exposeSensitiveFields = true) =>
  createPeopleSubgraph(new ScimClient(simulatorConfig('scim', sim.url)), { exposeSensitiveFields });

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Person { email displayName title department inDirectory manager { email } } }
}`;

test('_entities resolves people by email whatever its case, in one directory request', async () => {
  const people = data.people.filter((p) => p.inDirectory).slice(10, 40);
  const representations = people.map((p, i) => ({ __typename: 'Person', email: i % 2 ? p.email.toUpperCase() : p.email }));
  const { data: result, errors } = await execute(await subgraph(), ENTITIES, { representations });
  expect(errors).toBeUndefined();
  expect(result!._entities.map((e: { email: string }) => e.email)).toEqual(people.map((p) => p.email));
  result!._entities.forEach((entity: Record<string, any>, i: number) => {
    const person = people[i];
    const manager = data.people.find((p) => p.scimId === person.managerId);
    expect(entity).toMatchObject({ displayName: person.displayName, title: person.title, department: person.department, inDirectory: true });
    expect(entity.manager?.email ?? null).toBe(manager?.email ?? null);
  });
  expect(sim.requests()).toEqual({ 'GET /scim/v2/Users': 2 }); // the people, then their managers
});

test('a person the directory does not know resolves with inDirectory false, not an error', async () => {
  const leaver = data.people.find((p) => !p.inDirectory)!;
  const { data: result, errors } = await execute(await subgraph(), ENTITIES, {
    representations: [{ __typename: 'Person', email: leaver.email }],
  });
  expect(errors).toBeUndefined();
  expect(result!._entities[0]).toEqual({ email: leaver.email, displayName: null, title: null, department: null, inDirectory: false, manager: null });
});

test('sensitive fields resolve only when the deployment allows it', async () => {
  const person = data.people.find((p) => p.inDirectory && p.active)!;
  const query = `query($email: String!) { person(email: $email) { employeeNumber phone costCenter } }`;
  const allowed = await execute(await subgraph(true), query, { email: person.email });
  expect(allowed.data!.person).toEqual({ employeeNumber: person.employeeNumber, phone: person.phone, costCenter: person.costCenter });
  const denied = await execute(await subgraph(false), query, { email: person.email });
  expect(denied.data!.person).toEqual({ employeeNumber: null, phone: null, costCenter: null });
});

test('managementChain walks to the top and directReports lists the team', async () => {
  const person = data.people.find((p) => p.inDirectory && p.managerId && /Analyst|Engineer/.test(p.title))!;
  const chain: string[] = [];
  for (let id = person.managerId; id; ) {
    const manager = data.people.find((p) => p.scimId === id)!;
    chain.push(manager.email);
    id = manager.managerId;
  }
  const manager = data.people.find((p) => p.scimId === person.managerId)!;
  const reports = data.people.filter((p) => p.inDirectory && p.managerId === manager.scimId).map((p) => p.email).sort();
  const { data: result } = await execute(await subgraph(), `query($email: String!) {
    person(email: $email) { managementChain { email } manager { directReports { email } } }
  }`, { email: person.email });
  expect(result!.person.managementChain.map((p: { email: string }) => p.email)).toEqual(chain);
  expect(result!.person.manager.directReports.map((p: { email: string }) => p.email).sort()).toEqual(reports);
});

test('people pages through the directory with a department filter', async () => {
  const department = 'Information Security';
  const expected = data.people.filter((p) => p.inDirectory && p.department === department);
  const { data: result } = await execute(await subgraph(), `{ people(department: "${department}", first: 5) { totalCount edges { node { department } } pageInfo { hasNextPage } } }`);
  expect(result!.people.totalCount).toBe(expected.length);
  expect(result!.people.edges).toHaveLength(5);
  expect(result!.people.edges.every((e: any) => e.node.department === department)).toBe(true);
  expect(result!.people.pageInfo.hasNextPage).toBe(true);
});
