import { readFileSync } from 'node:fs';
import path from 'node:path';
import './apollo-dev';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { possibleTypesOf, renderPossibleTypes } from '../../bin/possible-types';
import { startStack, type Stack } from '../../bin/stack';
import { loadOperations } from '../../apps/common/operations';

/**
 * The README operations through Apollo Client with its default InMemoryCache (no typePolicies, only the
 * generated possibleTypes): every entity normalises by its `id`, the same Person read by two operations is
 * one cache entry, and the staffing lists of Project, Person and Allocation sit side by side as references.
 */

const ROOT = path.resolve(__dirname, '../..');
const operations = loadOperations(path.join(ROOT, 'operations'));
const possibleTypes = JSON.parse(readFileSync(path.join(ROOT, 'possible-types.json'), 'utf8')) as Record<string, string[]>;
const documentOf = (name: string) => gql(operations.get(name)!.document);
// The warnings in words rather than as error-code links.
loadDevMessages();
loadErrorMessages();

let stack: Stack;
let logged: string[];
const spies: jest.SpyInstance[] = [];

beforeAll(async () => {
  stack = await startStack({ ports: 'random' });
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => {
  logged = [];
  for (const level of ['warn', 'error', 'log', 'info', 'debug'] as const) {
    spies.push(jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(`${level}: ${args.map(String).join(' ')}`)));
  }
});
afterEach(() => {
  spies.splice(0).forEach((spy) => spy.mockRestore());
});

test('possible-types.json is what `npm run possible-types` generates from the supergraph', () => {
  const expected = renderPossibleTypes(possibleTypesOf(readFileSync(path.join(ROOT, 'supergraph.graphql'), 'utf8')));
  expect(readFileSync(path.join(ROOT, 'possible-types.json'), 'utf8')).toBe(expected);
  expect(possibleTypes.Ticket).toEqual(['ChangeRequest', 'Incident', 'Problem', 'ServiceRequest']);
});

test('the README operations normalise in the default InMemoryCache without a warning', async () => {
  const cache = new InMemoryCache({ possibleTypes });
  const client = new ApolloClient({ cache, link: new HttpLink({ uri: stack.gateway.url }) });
  const run = async (name: string, variables: Record<string, unknown> = {}) => {
    const result = await client.query({ query: documentOf(name), variables, fetchPolicy: 'network-only' });
    expect(result.error).toBeUndefined();
    return result.data as any;
  };

  const portfolio = await run('PortfolioPage', { first: 10 });
  const project = portfolio.projects.edges.map((e: any) => e.node).find((p: any) => p.lead)!;
  const lead = project.lead;
  const delivery = await run('ProjectDelivery', { key: project.key });
  const person = await run('PersonProfile', { email: lead.id.slice('Person:'.length) });
  await run('DepartmentStaffing', { name: person.person.department, first: 5 });
  await run('StaffingConflicts');
  await run('IssuesExport', { updatedSince: '2026-01-01T00:00:00Z' });
  await run('IncidentsExport', {});
  await run('SomePeople');
  await run('ProjectKeys');

  expect(logged).toEqual([]);
  const store = cache.extract() as Record<string, any>;
  // The cache's own key for an object: `__typename:id` by default, e.g. Person:Person:rosa.martin@….
  const key = (entity: { __typename?: string; id: string }) => cache.identify(entity as never)!;
  const refs = (list: Array<{ __typename?: string; id: string }>) => list.map((m) => ({ __ref: key(m) }));

  // One Person entry, holding what the portfolio (title) and the profile (managementChain) each read.
  const leadKey = key(lead);
  expect(Object.keys(store).filter((id) => id.endsWith(lead.id))).toEqual([leadKey]);
  expect(store[leadKey]).toMatchObject({ __typename: 'Person', id: lead.id, displayName: lead.displayName, title: lead.title });
  expect(store[leadKey].managementChain).toEqual(refs(person.person.managementChain));

  // The three staffing lists are lists of references to keyed rows, side by side.
  const projectEntry = store[key(project)];
  expect(projectEntry.team).toEqual(refs(delivery.project.team));
  expect(store[leadKey].projects).toEqual(refs(person.person.projects));
  expect(store[leadKey].allocation.projects).toEqual(refs(person.person.allocation.projects));
  expect(projectEntry.team.length).toBeGreaterThan(0);
  expect(store[leadKey].projects.length).toBeGreaterThan(0);

  // Tickets normalise by their concrete type; a fragment on the interface matches through possibleTypes.
  const incident = portfolio.projects.edges.flatMap((e: any) => e.node.incidents?.edges ?? []).map((e: any) => e.node)[0];
  expect(incident).toBeDefined();
  expect(store[key(incident)]).toMatchObject({ __typename: 'Incident', number: incident.number });
  const fragment = client.readFragment({ id: key(incident), fragment: gql`fragment T on Ticket { id number state }` });
  expect(fragment).toMatchObject({ id: incident.id, number: incident.number });
  expect(logged).toEqual([]);
});

test('the console spy does see what the cache warns about (the control for "no warning" above)', () => {
  const cache = new InMemoryCache({ possibleTypes });
  // Two writes of one value object with different fields: Apollo warns that the first one's data may be lost.
  const query = (fields: string) => gql`query Q { project(key: "SOC") { id deliveryHealth { ${fields} } } }`;
  cache.writeQuery({ query: query('overall schedule'), data: { project: { __typename: 'Project', id: 'Project:SOC', deliveryHealth: { __typename: 'DeliveryHealth', overall: 'RED', schedule: 'RED' } } } });
  cache.writeQuery({ query: query('scope'), data: { project: { __typename: 'Project', id: 'Project:SOC', deliveryHealth: { __typename: 'DeliveryHealth', scope: 'GREEN' } } } });
  expect(logged.join('\n')).toMatch(/Cache data may be lost/);
});
