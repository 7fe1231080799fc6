import type { UpstreamConfig } from '../../connectors/http/config';
import { UpstreamError } from '../../connectors/http/errors';
import { condition, encodedQuery, ServiceNowClient, type TicketTable } from '../../connectors/servicenow';
import { NO_FAULTS, startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset, type DemoTicket } from '../../simulators/data/dataset';
import { serviceNowSimulator } from '../../simulators/servicenow';

const dataset = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
const { username, password, token } = SIMULATOR_CREDENTIALS.servicenow;

/** The out-of-box closed states, written out here so the test does not trust the simulator's own list. */
const CLOSED: Record<TicketTable, string[]> = {
  incident: ['7', '8'],
  change_request: ['3', '4'],
  problem: ['107'],
  sc_req_item: ['3', '4', '7'],
};
const isOpen = (t: DemoTicket) => !CLOSED[t.table].includes(t.state);
const ticketsOf = (table: TicketTable) => dataset.tickets.filter((t) => t.table === table);
const numbers = (tickets: ReadonlyArray<{ number: string }>) => tickets.map((t) => t.number).sort();
const iso = (glide: string) => `${glide.replace(' ', 'T')}.000Z`;

let sim: RunningSimulator;
let config: UpstreamConfig;
let client: ServiceNowClient;

beforeAll(async () => {
  sim = await startSimulator(serviceNowSimulator(dataset));
  config = { name: 'servicenow', baseUrl: sim.url, auth: { type: 'basic', username, password }, timeoutMs: 5000 };
  client = new ServiceNowClient(config);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setFaults(NO_FAULTS);
  sim.reset();
});

describe('ServiceNowClient against the ServiceNow simulator', () => {
  it('authenticates with Basic or Bearer and gets a 401 envelope otherwise', async () => {
    const one = { query: encodedQuery(), limit: 1 };
    await expect(client.listTickets('incident', one)).resolves.toMatchObject({ total: ticketsOf('incident').length });
    const bearer = new ServiceNowClient({ ...config, auth: { type: 'bearer', token } });
    await expect(bearer.listTickets('incident', one)).resolves.toMatchObject({ records: [expect.anything()] });

    const wrong = new ServiceNowClient({ ...config, auth: { type: 'basic', username, password: 'nope' } });
    const error = await wrong.listTickets('incident', one).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect((error as Error).message).toContain('User Not Authenticated');
  });

  it.each<TicketTable>(['incident', 'change_request', 'sc_req_item', 'problem'])(
    'a project-link query on %s returns exactly the open tickets linked to the project',
    async (table) => {
      const query = encodedQuery()
        .where('active', '=', 'true')
        .anyOf([condition.where('correlation_id', '=', 'SOC'), condition.where('correlation_id', 'STARTSWITH', 'SOC-')]);
      const expected = ticketsOf(table).filter((t) => isOpen(t) && (t.correlationId === 'SOC' || t.correlationId.startsWith('SOC-')));
      expect(expected.length).toBeGreaterThan(0);

      const page = await client.listAllTickets(table, query, { pageSize: 7 });
      expect(page.total).toBe(expected.length);
      expect(page.records.map((t) => t.number)).toEqual(numbers(expected));
      expect(page.records.every((t) => t.closedAt === null && !CLOSED[table].includes(t.state.value))).toBe(true);
    },
  );

  it('pages across the whole table once each, in stable number order, by X-Total-Count', async () => {
    const incidents = ticketsOf('incident');
    const page = await client.listAllTickets('incident', encodedQuery(), { pageSize: 97 });
    expect(page.total).toBe(incidents.length);
    expect(page.records.map((t) => t.number)).toEqual(numbers(incidents));
    expect(sim.requests()).toEqual({ 'GET /api/now/table/:table': Math.ceil(incidents.length / 97) });
  });

  it('follows the caller order instead of the default one', async () => {
    const query = encodedQuery().where('priority', '<=', '2').orderBy('priority').orderBy('opened_at', 'desc');
    const page = await client.listAllTickets('problem', query, { pageSize: 50 });
    const expected = ticketsOf('problem')
      .filter((t) => Number(t.priority) <= 2)
      .sort((a, b) => Number(a.priority) - Number(b.priority) || b.openedAt.localeCompare(a.openedAt));
    expect(page.records.map((t) => t.number)).toEqual(expected.map((t) => t.number));
  });

  it('maps a change request completely, with the dot-walked assignee email lower-cased', async () => {
    const people = new Map(dataset.people.map((p) => [p.scimId, p]));
    const change = ticketsOf('change_request').find((t) => {
      const person = t.assignedToId ? people.get(t.assignedToId) : undefined;
      return person !== undefined && person.snowEmail !== person.email && !!t.closeCode;
    })!;
    const assignee = people.get(change.assignedToId!)!;
    const page = await client.listTickets('change_request', { query: encodedQuery().where('number', '=', change.number), limit: 5 });
    expect(page).toEqual({
      total: 1,
      records: [
        {
          table: 'change_request',
          sysId: change.sysId,
          number: change.number,
          shortDescription: change.shortDescription,
          state: { value: change.state, label: expect.any(String) },
          priority: { value: change.priority, label: expect.stringMatching(new RegExp(`^${change.priority} - `)) },
          assignedToEmail: assignee.email,
          assignmentGroup: change.assignmentGroup,
          openedAt: iso(change.openedAt),
          updatedAt: iso(change.updatedAt),
          closedAt: change.closedAt ? iso(change.closedAt) : null,
          correlationId: change.correlationId || null,
          projectLink: change.correlationId || null,
          url: `${sim.url}/nav_to.do?uri=change_request.do?sys_id=${change.sysId}`,
          changeType: change.changeType,
          risk: { value: change.risk, label: expect.any(String) },
          plannedStart: iso(change.startDate!),
          plannedEnd: iso(change.endDate!),
          closeCode: { value: change.closeCode, label: expect.any(String) },
        },
      ],
    });
    expect(assignee.email).toBe(assignee.email.toLowerCase());
  });

  it('finds a person’s tickets by lower-cased email even where ServiceNow spells it in capitals', async () => {
    const person = dataset.people.find(
      (p) => p.snowEmail !== p.email && dataset.tickets.some((t) => t.table === 'incident' && t.assignedToId === p.scimId),
    )!;
    const expected = ticketsOf('incident').filter((t) => t.assignedToId === person.scimId);
    const page = await client.listAllTickets('incident', encodedQuery().where('assigned_to.email', '=', person.email));
    expect(page.records.map((t) => t.number)).toEqual(numbers(expected));
    expect(new Set(page.records.map((t) => t.assignedToEmail))).toEqual(new Set([person.email]));

    const unassigned = await client.listAllTickets('incident', encodedQuery().and(condition.isEmpty('assigned_to')));
    expect(unassigned.records.length).toBe(ticketsOf('incident').filter((t) => t.assignedToId === null).length);
    expect(unassigned.records.every((t) => t.assignedToEmail === null)).toBe(true);
  });

  it('stats: group_by counts equal the data set’s counts', async () => {
    const open = ticketsOf('incident').filter(isOpen);
    const expected = new Map<string, number>();
    for (const t of open) expected.set(t.priority, (expected.get(t.priority) ?? 0) + 1);

    const counts = await client.countTickets('incident', encodedQuery().where('active', '=', 'true'), 'priority');
    expect(counts).toEqual([...expected.keys()].sort().map((priority) => ({ group: { priority }, count: expected.get(priority) })));
    await expect(client.countTickets('change_request', encodedQuery())).resolves.toEqual([
      { group: {}, count: ticketsOf('change_request').length },
    ]);
  });

  it('an injected 503 surfaces as kind server', async () => {
    sim.setFaults({ errorRate: 1, errorStatus: 503 });
    const error = await client.listTickets('incident', { query: encodedQuery(), limit: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'server', status: 503 });
    expect((error as Error).message).toContain('Injected failure');
  });
});
