import { printSubgraphSchema } from '@apollo/subgraph';
import { ScimClient } from '../../connectors/scim';
import { ConfigError } from '../../connectors/config';
import { simulatorConfig } from '../../bin/stack';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { generateDataset } from '../../simulators/data/dataset';
import { scimSimulator } from '../../simulators/scim';
import { buildPeopleSchema, createPeopleSubgraph } from '../../subgraphs/people';
import { loadPeopleOptions } from '../../subgraphs/people/config';
import { execute } from '../support/subgraph';

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator(scimSimulator(data));
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const subgraph = (exposeSensitiveFields = true, server = sim) =>
  createPeopleSubgraph(new ScimClient(simulatorConfig('scim', server.url)), { exposeSensitiveFields });

const CONFIG = 'GET /scim/v2/ServiceProviderConfig';
const SEARCH = 'POST /scim/v2/Users/.search';
const directory = data.people.filter((p) => p.inDirectory);
const byId = new Map(data.people.map((p) => [p.scimId, p]));

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
  expect(sim.requests()).toEqual({ [CONFIG]: 1, [SEARCH]: 2 }); // the people, then their managers
});

test('_entities asks once for a person named in several cases, and answers each with the lower-cased key', async () => {
  const person = directory[42];
  const spellings = [person.email, person.email.toUpperCase(), person.email.replace(/^./, (c) => c.toUpperCase()), ` ${person.email} `];
  const { data: result, errors } = await execute(await subgraph(), ENTITIES, {
    representations: spellings.map((email) => ({ __typename: 'Person', email })),
  });
  expect(errors).toBeUndefined();
  expect(result!._entities.map((e: { email: string; inDirectory: boolean }) => [e.email, e.inDirectory])).toEqual(spellings.map(() => [person.email, true]));
  expect(sim.requests()).toEqual({ [CONFIG]: 1, [SEARCH]: 2 });
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

test('sensitive fields need the scope people:sensitive in the schema (and carry the tag "sensitive")', async () => {
  const sdl = printSubgraphSchema(await buildPeopleSchema());
  const tagged = [...sdl.matchAll(/^\s*(\w+): String @federation__tag\(name: "sensitive"\) @requiresScopes\(scopes: \[\["people:sensitive"\]\]\)$/gm)].map((m) => m[1]);
  expect(tagged.sort()).toEqual(['costCenter', 'employeeNumber', 'phone']);
});

describe('PEOPLE_EXPOSE_SENSITIVE', () => {
  it('defaults to on over the simulator and off against a real directory', () => {
    expect(loadPeopleOptions({}, { demo: true })).toEqual({ exposeSensitiveFields: true });
    expect(loadPeopleOptions({}, { demo: false })).toEqual({ exposeSensitiveFields: false });
    expect(loadPeopleOptions({ PEOPLE_EXPOSE_SENSITIVE: 'Yes' }, { demo: false })).toEqual({ exposeSensitiveFields: true });
    expect(loadPeopleOptions({ PEOPLE_EXPOSE_SENSITIVE: '0' }, { demo: true })).toEqual({ exposeSensitiveFields: false });
  });

  it('stops start-up on a value that is not a boolean, naming the variable', () => {
    expect(() => loadPeopleOptions({ PEOPLE_EXPOSE_SENSITIVE: 'sometimes' }, { demo: true })).toThrow(ConfigError);
    expect(() => loadPeopleOptions({ PEOPLE_EXPOSE_SENSITIVE: 'sometimes' }, { demo: true })).toThrow(/PEOPLE_EXPOSE_SENSITIVE/);
  });
});

const DEPARTMENTS = `{
  departments {
    name division headcount
    head { email title }
    people(first: 3) { totalCount edges { node { email manager { email } } } }
  }
}`;

test('departments come from one read of the directory, with heads, headcounts, people and their managers', async () => {
  const { data: result, errors } = await execute(await subgraph(), DEPARTMENTS);
  expect(errors).toBeUndefined();
  const names = [...new Set(directory.map((p) => p.department))].sort((a, b) => a.localeCompare(b));
  expect(result!.departments.map((d: { name: string }) => d.name)).toEqual(names);
  for (const department of result!.departments) {
    const members = directory.filter((p) => p.department === department.name);
    const head = members.find((p) => !p.managerId || byId.get(p.managerId)!.department !== department.name)!;
    expect(department).toMatchObject({ division: members[0].division, headcount: members.filter((p) => p.active).length, head: { email: head.email } });
    expect(department.people.totalCount).toBe(members.length);
    for (const { node } of department.people.edges) {
      const person = members.find((p) => p.email === node.email)!;
      expect(node.manager?.email ?? null).toBe(person.managerId ? byId.get(person.managerId)!.email : null);
    }
  }
  // The whole directory at the advertised 200 per page; heads and managers come from the same read.
  expect(sim.requests()).toEqual({ [CONFIG]: 1, [SEARCH]: Math.ceil(directory.length / 200) });
});

test('department(name) matches the name case-insensitively and pages its people', async () => {
  const name = 'Information Security';
  const members = directory.filter((p) => p.department === name);
  const query = `query($name: String!, $after: String) { department(name: $name) { name people(first: 5, after: $after) { edges { node { email } } pageInfo { endCursor } } } }`;
  const first = await execute(await subgraph(), query, { name: name.toUpperCase() });
  const second = await execute(await subgraph(), query, { name, after: first.data!.department.people.pageInfo.endCursor });
  const missing = await execute(await subgraph(), query, { name: 'Department of Nothing' });
  expect(first.data!.department.name).toBe(name);
  const emails = [...first.data!.department.people.edges, ...second.data!.department.people.edges].map((e: { node: { email: string } }) => e.node.email);
  expect(emails).toEqual(members.slice(0, 10).map((p) => p.email));
  expect(missing).toEqual({ data: { department: null } });
});

describe('a directory whose reporting lines loop', () => {
  // Two loops: the CIO reports to an engineer who (through their managers) reports to the CIO, and in
  // Information Security the director reports to one of their own managers.
  const looped = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
  const people = looped.people.filter((p) => p.inDirectory);
  const cio = people.find((p) => p.managerId === null)!;
  const engineer = people.find((p) => p.managerId && /Engineer/.test(p.title) && p.department !== 'Information Security')!;
  cio.managerId = engineer.scimId;
  const director = people.find((p) => p.title === 'Director, Information Security')!;
  const securityManager = people.find((p) => p.managerId === director.scimId)!;
  director.managerId = securityManager.scimId;
  let loopedSim: RunningSimulator;

  beforeAll(async () => {
    loopedSim = await startSimulator(scimSimulator(looped));
  });
  afterAll(() => loopedSim.close());

  const chainOf = async (email: string): Promise<string[]> => {
    const { data: result, errors } = await execute(await subgraph(true, loopedSim), `query($email: String!) { person(email: $email) { managementChain { email } } }`, { email });
    expect(errors).toBeUndefined();
    return result!.person.managementChain.map((p: { email: string }) => p.email);
  };

  it('managementChain goes round once and stops before repeating anyone', async () => {
    const expected: string[] = [];
    const seen = new Set([engineer.scimId]);
    for (let id = engineer.managerId; id && !seen.has(id); id = looped.people.find((p) => p.scimId === id)!.managerId) {
      seen.add(id);
      expected.push(looped.people.find((p) => p.scimId === id)!.email);
    }
    expect(expected.at(-1)).toBe(cio.email);

    expect(await chainOf(engineer.email)).toEqual(expected);
    expect(await chainOf(director.email)).toEqual([securityManager.email]);
  });

  it('departments still answer: a department that is all one loop has no head', async () => {
    const { data: result, errors } = await execute(await subgraph(true, loopedSim), `{ departments { name head { email } } }`);
    expect(errors).toBeUndefined();
    const byName = Object.fromEntries(result!.departments.map((d: { name: string; head: { email: string } | null }) => [d.name, d.head?.email ?? null]));
    expect(byName['Information Security']).toBeNull();
    expect(byName['Office of the CIO']).toBe(cio.email);
  });
});
