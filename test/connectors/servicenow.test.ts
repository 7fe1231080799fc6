import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import type { UpstreamConfig } from '../../connectors/http/config';
import { UpstreamError } from '../../connectors/http/errors';
import { InvalidInputError } from '../../connectors/http/invalid-input';
import { condition, encodedQuery, ServiceNowClient, type Ticket } from '../../connectors/servicenow';
import { useNock } from '../support/nock';

const BASE = 'https://instance.service-now.com';
const config: UpstreamConfig = { name: 'servicenow', baseUrl: BASE, auth: { type: 'basic', username: 'pmo.graph', password: 's3cret' }, timeoutMs: 2000 };
const BASIC = `Basic ${Buffer.from('pmo.graph:s3cret').toString('base64')}`;

type RawRecord = Record<string, unknown>;
const fixture = <T = { result: RawRecord[] }>(name: string): T =>
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8')) as T;

const INCIDENT_FIELDS =
  'sys_id,number,short_description,state,priority,assigned_to.email,assignment_group,opened_at,sys_updated_on,closed_at,correlation_id';

const listParams = (query: string, limit: number, offset: number, fields = INCIDENT_FIELDS) => ({
  sysparm_query: query,
  sysparm_fields: fields,
  sysparm_display_value: 'all',
  sysparm_exclude_reference_link: 'true',
  sysparm_limit: String(limit),
  sysparm_offset: String(offset),
});

const snow = () => nock(BASE, { reqheaders: { authorization: BASIC } });

/** What the two records of the servicenow-incident-list* fixtures are, in every display_value shape. */
const EXPECTED_INCIDENTS: Ticket[] = [
  {
    table: 'incident',
    sysId: '46cebb88a9fe198101aee93734f9768b',
    number: 'INC0000013',
    shortDescription: 'EMAIL is slow when an attachment is involved',
    state: { value: '7', label: 'Closed' },
    priority: { value: '1', label: '1 - Critical' },
    assignedToEmail: null,
    assignmentGroup: 'Software',
    openedAt: '2020-07-06T23:15:58.000Z',
    updatedAt: '2020-09-24T19:54:48.000Z',
    closedAt: null,
    correlationId: null,
    projectLink: null,
    url: `${BASE}/nav_to.do?uri=incident.do?sys_id=46cebb88a9fe198101aee93734f9768b`,
    changeType: null,
    risk: null,
    plannedStart: null,
    plannedEnd: null,
    closeCode: null,
  },
  {
    table: 'incident',
    sysId: '9d385017c611228701d22104cc95c371',
    number: 'INC0010042',
    shortDescription: 'Checkout API latency > 2s (alert ^ALRT-77)',
    state: { value: '2', label: 'In Progress' },
    priority: { value: '2', label: '2 - High' },
    assignedToEmail: null,
    assignmentGroup: 'Service Desk',
    openedAt: '2026-01-20T14:03:11.000Z',
    updatedAt: '2026-01-21T08:40:02.000Z',
    closedAt: null,
    correlationId: 'EX-101',
    projectLink: 'EX-101',
    url: `${BASE}/nav_to.do?uri=incident.do?sys_id=9d385017c611228701d22104cc95c371`,
    changeType: null,
    risk: null,
    plannedStart: null,
    plannedEnd: null,
    closeCode: null,
  },
];

const client = new ServiceNowClient(config);
const openIncidents = () => encodedQuery().where('active', '=', 'true');

async function listServing(body: object, headers: Record<string, string> = { 'X-Total-Count': '2' }) {
  snow().get('/api/now/table/incident').query(listParams('active=true^ORDERBYnumber', 2, 0)).reply(200, body, headers);
  return client.listTickets('incident', { query: openIncidents(), limit: 2 });
}

useNock();
afterEach(() => {
  expect(nock.isDone()).toBe(true);
});

describe('ServiceNowClient.listTickets', () => {
  it('asks for only the Ticket columns with display_value=all, no reference links and a stable order, and reads X-Total-Count', async () => {
    const page = await listServing(fixture('servicenow-incident-list.display_all.json'), { 'X-Total-Count': '550' });
    expect(page).toEqual({ records: EXPECTED_INCIDENTS, total: 550 });
  });

  it.each([
    ['servicenow-incident-list.display_true.json', {}],
    ['servicenow-incident-list.json', { assignmentGroup: null }],
    ['servicenow-incident-list.display_false.exclude_ref.json', { assignmentGroup: null }],
  ])('maps %s to the same domain objects as display_value=all', async (name, lost) => {
    // Only the group's name cannot be recovered when the instance sends bare sys_ids.
    const page = await listServing(fixture(name));
    expect(page.records).toEqual(EXPECTED_INCIDENTS.map((t) => ({ ...t, ...lost })));
  });

  it('keeps a literal ^ inside short_description', async () => {
    const page = await listServing(fixture('servicenow-incident-list.display_all.json'));
    expect(page.records[1].shortDescription).toBe('Checkout API latency > 2s (alert ^ALRT-77)');
  });

  it('reads "" references and empty values as null and lower-cases the dot-walked email', async () => {
    const [withEmail, empty] = fixture('servicenow-incident-list.display_all.json').result;
    const body = {
      result: [
        { ...withEmail, 'assigned_to.email': { display_value: 'David.Loo@Example.COM', value: 'David.Loo@Example.COM' } },
        { ...empty, 'assigned_to.email': { display_value: '', value: '' }, assignment_group: { display_value: '', value: '' } },
      ],
    };
    const [first, second] = (await listServing(body)).records;
    expect(first.assignedToEmail).toBe('david.loo@example.com');
    expect(second).toMatchObject({ assignedToEmail: null, assignmentGroup: null, closedAt: null });
    expect(second.correlationId).toBe('EX-101');

    const [bare] = fixture('servicenow-incident-list.display_false.exclude_ref.json').result;
    const [fromBare] = (await listServing({ result: [{ ...bare, 'assigned_to.email': '', assignment_group: '' }] })).records;
    expect(fromBare).toMatchObject({ assignedToEmail: null, assignmentGroup: null, correlationId: null });
  });

  it('asks change_request for its change columns and keeps the caller order', async () => {
    const fields = `${INCIDENT_FIELDS},type,risk,start_date,end_date,close_code`;
    snow()
      .get('/api/now/table/change_request')
      .query(listParams('type=emergency^ORDERBYDESCsys_updated_on', 50, 100, fields))
      .reply(200, fixture('servicenow-change-list.display_all.json'), { 'X-Total-Count': '102' });
    const query = encodedQuery().where('type', '=', 'emergency').orderBy('sys_updated_on', 'desc');
    const page = await client.listTickets('change_request', { query, limit: 50, offset: 100 });
    expect(page.total).toBe(102);
    expect(page.records.map(({ number, changeType, risk, plannedStart, plannedEnd, closeCode, state }) => ({
      number, changeType, risk, plannedStart, plannedEnd, closeCode, state,
    }))).toEqual([
      {
        number: 'CHG0000023', changeType: 'standard', risk: { value: '3', label: 'Moderate' }, plannedStart: null, plannedEnd: null,
        closeCode: { value: 'successful', label: 'Successful' }, state: { value: '3', label: 'Closed' },
      },
      {
        number: 'CHG0030101', changeType: 'emergency', risk: { value: '2', label: 'High' }, plannedStart: '2026-01-21T22:00:00.000Z',
        plannedEnd: '2026-01-21T23:30:00.000Z', closeCode: null, state: { value: '-1', label: 'Implement' },
      },
    ]);
  });

  it('maps a display_value=false change list like the display_value=all one, bar the group name', async () => {
    const serve = (name: string) =>
      snow().get('/api/now/table/change_request').query(true).reply(200, fixture(name), { 'X-Total-Count': '2' });
    serve('servicenow-change-list.display_all.json');
    serve('servicenow-change-list.json');
    const list = () => client.listTickets('change_request', { query: encodedQuery(), limit: 10 });
    const all = (await list()).records;
    const bare = (await list()).records;
    expect(bare).toEqual(all.map((t) => ({ ...t, assignmentGroup: null })));
    expect(all[0].assignmentGroup).toBe('Service Desk');
  });

  it('refuses a page size the instance would read as its 10,000-row default', async () => {
    await expect(client.listTickets('incident', { query: openIncidents(), limit: 0 })).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe('ServiceNowClient.listAllTickets', () => {
  const [template] = fixture('servicenow-incident-list.display_all.json').result;
  const row = (n: number): RawRecord => {
    const number = `INC${String(n).padStart(7, '0')}`;
    const sysId = String(n).padStart(32, '0');
    return { ...template, number: { display_value: number, value: number }, sys_id: { display_value: sysId, value: sysId } };
  };
  const link = (limit: number, offset: number, total: number) => {
    const url = (at: number) =>
      `<${BASE}/api/now/table/incident?sysparm_limit=${limit}&sysparm_offset=${at}>`;
    const parts = [`${url(0)};rel="first"`, `${url(offset - limit)};rel="prev"`];
    if (offset + limit < total) parts.push(`${url(offset + limit)};rel="next"`);
    parts.push(`${url(Math.floor((total - 1) / limit) * limit)};rel="last"`);
    return parts.join(',');
  };

  it('pages by offset until X-Total-Count, not stopping on a short page', async () => {
    // Five rows match; the instance drops one of the middle page's rows after applying the limit (ACLs).
    const pages: Array<[number, number[]]> = [[0, [1, 2]], [2, [3]], [4, [5]]];
    for (const [offset, numbers] of pages) {
      snow()
        .get('/api/now/table/incident')
        .query(listParams('active=true^ORDERBYnumber', 2, offset))
        .reply(200, { result: numbers.map(row) }, { 'X-Total-Count': '5', Link: link(2, offset, 5) });
    }
    const all = await client.listAllTickets('incident', openIncidents(), { pageSize: 2 });
    expect(all.total).toBe(5);
    expect(all.records.map((t) => t.number)).toEqual(['INC0000001', 'INC0000002', 'INC0000003', 'INC0000005']);
  });

  it('without a count, keeps going past a short page until an empty one', async () => {
    const pages: Array<[number, number[]]> = [[0, [1, 2]], [2, [3]], [4, []]];
    for (const [offset, numbers] of pages) {
      snow().get('/api/now/table/incident').query(listParams('active=true^ORDERBYnumber', 2, offset)).reply(200, { result: numbers.map(row) });
    }
    const all = await client.listAllTickets('incident', openIncidents(), { pageSize: 2 });
    expect(all).toMatchObject({ total: null });
    expect(all.records.map((t) => t.number)).toEqual(['INC0000001', 'INC0000002', 'INC0000003']);
  });

  it('stops at maxRows, asking only for what is still needed', async () => {
    snow().get('/api/now/table/incident').query(listParams('active=true^ORDERBYnumber', 2, 0))
      .reply(200, { result: [row(1), row(2)] }, { 'X-Total-Count': '9' });
    snow().get('/api/now/table/incident').query(listParams('active=true^ORDERBYnumber', 1, 2))
      .reply(200, { result: [row(3)] }, { 'X-Total-Count': '9' });
    const all = await client.listAllTickets('incident', openIncidents(), { pageSize: 2, maxRows: 3 });
    expect(all.records.map((t) => t.number)).toEqual(['INC0000001', 'INC0000002', 'INC0000003']);
    expect(all.total).toBe(9);
  });
});

describe('ServiceNowClient errors', () => {
  const attempt = () => client.listTickets('incident', { query: openIncidents(), limit: 2 }).catch((e: unknown) => e);

  it('401 → kind auth with the envelope message', async () => {
    nock(BASE).get('/api/now/table/incident').query(true).reply(401, fixture('servicenow-error-401.json'));
    const error = await attempt();
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect((error as UpstreamError).message).toContain('User Not Authenticated (Required to provide Auth information)');
  });

  it('429 with Retry-After → kind rateLimit with retryAfterMs', async () => {
    nock(BASE).get('/api/now/table/incident').query(true).reply(429, fixture('servicenow-error-429.json'), { 'Retry-After': '30' });
    const error = await attempt();
    expect(error).toMatchObject({ kind: 'rateLimit', retryAfterMs: 30_000 });
    expect((error as UpstreamError).message).toContain('Rate limit exceeded');
  });

  it('200 with an HTML page (hibernating instance, SSO login) → kind server, not an empty list', async () => {
    nock(BASE).get('/api/now/table/incident').query(true).reply(200, '<html><body>Your instance is hibernating</body></html>', {
      'Content-Type': 'text/html',
    });
    await expect(attempt()).resolves.toMatchObject({ kind: 'server' });
    nock(BASE).get('/api/now/stats/incident').query(true).reply(200, '<html></html>', { 'Content-Type': 'text/html' });
    await expect(client.countTickets('incident', openIncidents())).rejects.toMatchObject({ kind: 'server' });
  });

  it('400 with a null detail → kind badRequest with just the message', async () => {
    nock(BASE).get('/api/now/table/incident').query(true).reply(400, fixture('servicenow-error-400-invalid-table.json'));
    const error = (await attempt()) as UpstreamError;
    expect(error.kind).toBe('badRequest');
    expect(error.message).toMatch(/: Invalid table sys_nonexistent$/);
  });
});

describe('ServiceNowClient.countTickets', () => {
  it('reads an ungrouped count', async () => {
    snow().get('/api/now/stats/incident').query({ sysparm_count: 'true', sysparm_query: 'active=true' }).reply(200, fixture('servicenow-stats-count.json'));
    await expect(client.countTickets('incident', openIncidents())).resolves.toEqual([{ group: {}, count: 42 }]);
  });

  it('reads counts per group', async () => {
    snow()
      .get('/api/now/stats/incident')
      .query({ sysparm_count: 'true', sysparm_query: 'active=true^correlation_id=SOC^ORcorrelation_idSTARTSWITHSOC-', sysparm_group_by: 'priority' })
      .reply(200, fixture('servicenow-stats-groupby.json'));
    const query = openIncidents().anyOf([condition.where('correlation_id', '=', 'SOC'), condition.where('correlation_id', 'STARTSWITH', 'SOC-')]);
    await expect(client.countTickets('incident', query, 'priority')).resolves.toEqual([
      { group: { priority: '1' }, count: 7 },
      { group: { priority: '2' }, count: 12 },
      { group: { priority: '3' }, count: 23 },
    ]);
  });

  it('sends no sysparm_query for an empty query', async () => {
    snow().get('/api/now/stats/problem').query({ sysparm_count: 'true' }).reply(200, { result: { stats: { count: '0' } } });
    await expect(client.countTickets('problem', encodedQuery())).resolves.toEqual([{ group: {}, count: 0 }]);
  });
});

describe('ServiceNowClient with a configured project link field', () => {
  const linked = new ServiceNowClient(config, { projectLinkField: 'cmdb_ci.u_jira_project' });

  it('asks for the link field beside the Ticket columns and returns its value as projectLink', async () => {
    const [record] = fixture('servicenow-incident-list.display_all.json').result;
    snow()
      .get('/api/now/table/incident')
      .query(listParams('active=true^ORDERBYnumber', 2, 0, `${INCIDENT_FIELDS},cmdb_ci.u_jira_project`))
      .reply(200, { result: [{ ...record, 'cmdb_ci.u_jira_project': { display_value: 'SOC', value: 'SOC' } }, { ...record, 'cmdb_ci.u_jira_project': '' }] }, { 'X-Total-Count': '2' });
    const page = await linked.listTickets('incident', { query: openIncidents(), limit: 2 });
    expect(page.records.map((t) => t.projectLink)).toEqual(['SOC', null]);
  });

  it('counts grouped by the link field', async () => {
    snow()
      .get('/api/now/stats/problem')
      .query({ sysparm_count: 'true', sysparm_query: 'cmdb_ci.u_jira_projectINSOC,LMS', sysparm_group_by: 'cmdb_ci.u_jira_project' })
      .reply(200, { result: [{ stats: { count: '3' }, groupby_fields: [{ field: 'cmdb_ci.u_jira_project', value: 'SOC' }] }] });
    const query = encodedQuery().in('cmdb_ci.u_jira_project', ['SOC', 'LMS']);
    await expect(linked.countTickets('problem', query, 'cmdb_ci.u_jira_project')).resolves.toEqual([{ group: { 'cmdb_ci.u_jira_project': 'SOC' }, count: 3 }]);
  });

  it('refuses a link field that is not a field name', () => {
    expect(() => new ServiceNowClient(config, { projectLinkField: 'correlation_id^ORactive=true' })).toThrow(/Not a ServiceNow field name/);
  });
});
