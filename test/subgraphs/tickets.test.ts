import { ServiceNowClient } from '../../connectors/servicenow';
import { simulatorConfig } from '../../bin/stack';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { generateDataset, type DemoTicket } from '../../simulators/data/dataset';
import { serviceNowSimulator } from '../../simulators/servicenow';
import { createTicketsSubgraph } from '../../subgraphs/tickets';
import { execute } from '../support/subgraph';

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator(serviceNowSimulator(data));
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const subgraph = () => createTicketsSubgraph(new ServiceNowClient(simulatorConfig('servicenow', sim.url)), { maxRowsPerBatch: 5000 });

const linkedTo = (key: string, table: DemoTicket['table']) =>
  data.tickets
    .filter((t) => t.table === table && (t.correlationId === key || t.correlationId.startsWith(`${key}-`)))
    .sort((a, b) => b.openedAt.localeCompare(a.openedAt) || a.number.localeCompare(b.number));

test('_entities gives many projects their incidents from one ServiceNow request', async () => {
  const keys = data.projects.slice(0, 12).map((p) => p.key);
  const { data: result, errors } = await execute(await subgraph(), `query($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Project { key incidents(first: 2, filter: { state: [NEW, IN_PROGRESS, ON_HOLD] }) { totalCount edges { node { number state assignedTo { email } } } } }
    }
  }`, { representations: keys.map((key) => ({ __typename: 'Project', key })) });
  expect(errors).toBeUndefined();
  keys.forEach((key, i) => {
    const open = linkedTo(key, 'incident').filter((t) => !['6', '7', '8'].includes(t.state));
    const entity = result!._entities[i];
    expect(entity.key).toBe(key);
    expect(entity.incidents.totalCount).toBe(open.length);
    expect(entity.incidents.edges.map((e: any) => e.node.number)).toEqual(open.slice(0, 2).map((t) => t.number));
    for (const edge of entity.incidents.edges) {
      const ticket = data.tickets.find((t) => t.number === edge.node.number)!;
      const assignee = data.people.find((p) => p.scimId === ticket.assignedToId);
      expect(edge.node.assignedTo?.email ?? null).toBe(assignee?.email ?? null);
    }
  });
  expect(sim.totalRequests()).toBe(1);
});

test('change requests carry their type, risk and planned window', async () => {
  const project = data.projects.find((p) => linkedTo(p.key, 'change_request').length > 0)!;
  const change = linkedTo(project.key, 'change_request')[0];
  const { data: result, errors } = await execute(await subgraph(), `query($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Project { changes(first: 1) { edges { node { number type state plannedStart risk riskLabel closeCode closeCodeLabel } } } } }
  }`, { representations: [{ __typename: 'Project', key: project.key }] });
  expect(errors).toBeUndefined();
  const node = result!._entities[0].changes.edges[0].node;
  expect(node.number).toBe(change.number);
  expect(node.type).toBe(change.changeType);
  expect(node.plannedStart).toBe(`${change.startDate!.replace(' ', 'T')}.000Z`);
  expect(node.risk).toBe({ '2': 'HIGH', '3': 'MODERATE', '4': 'LOW' }[change.risk!]);
  expect(node.riskLabel).toBe({ '2': 'High', '3': 'Moderate', '4': 'Low' }[change.risk!]);
  const closeCodes: Record<string, [string, string]> = {
    successful: ['SUCCESSFUL', 'Successful'], successful_issues: ['SUCCESSFUL_WITH_ISSUES', 'Successful with issues'], unsuccessful: ['UNSUCCESSFUL', 'Unsuccessful'],
  };
  expect([node.closeCode, node.closeCodeLabel]).toEqual(change.closeCode ? closeCodes[change.closeCode] : [null, null]);
});

test('ticket(number) finds a ticket in the right table; a malformed number is BAD_USER_INPUT', async () => {
  const problem = data.tickets.find((t) => t.table === 'problem')!;
  const found = await execute(await subgraph(), `{ ticket(number: "${problem.number}") { __typename number shortDescription } }`);
  expect(found.data!.ticket).toEqual({ __typename: 'Problem', number: problem.number, shortDescription: problem.shortDescription });
  const bad = await execute(await subgraph(), '{ ticket(number: "INC1^ORactive=true") { number } }');
  expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(sim.totalRequests()).toBe(1);
});

test('a state the table does not have is BAD_USER_INPUT, before any request', async () => {
  const { errors } = await execute(await subgraph(), `query($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Project { incidents(filter: { state: [SCHEDULED] }) { totalCount } } }
  }`, { representations: [{ __typename: 'Project', key: data.projects[0].key }] });
  expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(sim.totalRequests()).toBe(0);
});

test('ServiceNow down: the field is null with UPSTREAM_UNAVAILABLE naming the system', async () => {
  sim.setFaults({ errorRate: 1, errorStatus: 503 });
  try {
    const { data: result, errors } = await execute(await subgraph(), `query($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Project { key incidents { totalCount } } }
    }`, { representations: [{ __typename: 'Project', key: data.projects[0].key }] });
    expect(result!._entities[0]).toEqual({ key: data.projects[0].key, incidents: null });
    expect(errors![0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'servicenow' });
    expect(errors![0].message).toMatch(/^ServiceNow is unavailable/);
  } finally {
    sim.setFaults({ errorRate: 0 });
  }
});
