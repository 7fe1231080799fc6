import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset, type DemoTicket } from '../../simulators/data/dataset';
import { serviceNowSimulator } from '../../simulators/servicenow';

/** The simulator's own wire format, checked against UPSTREAM.md B1–B3 and the servicenow-* fixtures. */

const anchor = new Date('2026-11-26T00:00:00Z');
const dataset = generateDataset({ anchor });
const { username, password } = SIMULATOR_CREDENTIALS.servicenow;
const AUTH = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const incidents = dataset.tickets.filter((t) => t.table === 'incident');
const people = new Map(dataset.people.map((p) => [p.scimId, p]));

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator(serviceNowSimulator(dataset, undefined, { now: () => anchor }));
});
afterAll(() => sim.close());

async function get(path: string, params: Record<string, string> = {}, authorization = AUTH) {
  const qs = new URLSearchParams(params).toString();
  const response = await fetch(`${sim.url}${path}${qs ? `?${qs}` : ''}`, { headers: { authorization } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const numbersOf = (body: { result: Array<{ number: string }> }) => body.result.map((r) => r.number);
const list = async (query: string, table = 'incident') =>
  numbersOf((await get(`/api/now/table/${table}`, { sysparm_query: query, sysparm_fields: 'number' })).body);
const sorted = (tickets: DemoTicket[]) => tickets.map((t) => t.number).sort();

describe('ServiceNow simulator: Table API wire format', () => {
  it('sends X-Total-Count and the Link header in the real format (no space after ";", prev at offset -limit)', async () => {
    const { status, headers, body } = await get('/api/now/table/incident', { sysparm_limit: '1', sysparm_fields: 'number' });
    const base = `${sim.url}/api/now/table/incident?sysparm_limit=1&sysparm_fields=number&sysparm_offset=`;
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(headers.get('x-total-count')).toBe(String(incidents.length));
    expect(headers.get('link')).toBe(
      `<${base}0>;rel="first",<${base}-1>;rel="prev",<${base}1>;rel="next",<${base}${incidents.length - 1}>;rel="last"`,
    );
    expect(body).toEqual({ result: [{ number: 'INC0010000' }] });
  });

  it('has no next link on the last page, a page-aligned last link, and honours the header switches', async () => {
    const last = await get('/api/now/table/incident', { sysparm_limit: '300', sysparm_offset: '600', sysparm_fields: 'number' });
    expect(last.body.result).toHaveLength(incidents.length - 600);
    expect(last.headers.get('link')).not.toContain('rel="next"');
    expect(last.headers.get('link')).toMatch(/sysparm_offset=300&[^>]*>;rel="prev"/);
    expect(last.headers.get('link')).toMatch(/sysparm_offset=600&[^>]*>;rel="last"$/);

    const bare = await get('/api/now/table/incident', {
      sysparm_limit: '5', sysparm_no_count: 'true', sysparm_suppress_pagination_header: 'true',
    });
    expect(bare.body.result).toHaveLength(5);
    expect(bare.headers.get('x-total-count')).toBeNull();
    expect(bare.headers.get('link')).toBeNull();
  });

  it('renders the three display_value shapes of B1, all scalars strings, "" for empty references', async () => {
    const assigned = incidents.find((t) => t.assignedToId !== null && t.correlationId !== '')!;
    const unassigned = incidents.find((t) => t.assignedToId === null)!;
    const user = people.get(assigned.assignedToId!)!;
    const fields = { sysparm_fields: 'number,state,priority,assigned_to,assigned_to.email,active,opened_at' };
    const one = async (ticket: DemoTicket, params: Record<string, string>) =>
      (await get(`/api/now/table/incident/${ticket.sysId}`, { ...fields, ...params })).body.result;
    const link = `${sim.url}/api/now/table/sys_user/${user.snowSysId}`;
    const stateLabel = { '1': 'New', '2': 'In Progress', '3': 'On Hold', '6': 'Resolved', '7': 'Closed', '8': 'Canceled' }[assigned.state];

    expect(await one(assigned, {})).toEqual({
      number: assigned.number,
      state: assigned.state,
      priority: assigned.priority,
      assigned_to: { link, value: user.snowSysId },
      'assigned_to.email': user.snowEmail,
      active: String(!['7', '8'].includes(assigned.state)),
      opened_at: assigned.openedAt,
    });
    expect((await one(assigned, { sysparm_exclude_reference_link: 'true' })).assigned_to).toBe(user.snowSysId);
    const shown = await one(assigned, { sysparm_display_value: 'true' });
    expect(shown).toMatchObject({ state: stateLabel, assigned_to: { display_value: user.displayName, link } });
    expect(shown.priority).toMatch(new RegExp(`^${assigned.priority} - (Critical|High|Moderate|Low|Planning)$`));
    expect((await one(assigned, { sysparm_display_value: 'true', sysparm_exclude_reference_link: 'true' })).assigned_to).toBe(user.displayName);
    expect(await one(assigned, { sysparm_display_value: 'all' })).toMatchObject({
      state: { display_value: stateLabel, value: assigned.state },
      assigned_to: { display_value: user.displayName, value: user.snowSysId, link },
      'assigned_to.email': { display_value: user.snowEmail, value: user.snowEmail },
      opened_at: { display_value: assigned.openedAt, value: assigned.openedAt },
    });

    expect((await one(unassigned, {})).assigned_to).toBe('');
    expect((await one(unassigned, { sysparm_display_value: 'true' })).assigned_to).toBe('');
    expect((await one(unassigned, { sysparm_display_value: 'all' }))['assigned_to.email']).toEqual({ display_value: '', value: '' });

    const everything = await get('/api/now/table/change_request', { sysparm_limit: '50', sysparm_display_value: 'all' });
    const leaves = (v: unknown): unknown[] => (v && typeof v === 'object' ? Object.values(v).flatMap(leaves) : [v]);
    expect(leaves(everything.body.result).every((v) => typeof v === 'string')).toBe(true);
    expect(Object.keys(everything.body.result[0])).toEqual(expect.arrayContaining(['type', 'risk', 'start_date', 'end_date', 'close_code']));
  });

  it('serves /api/now/v2/table the same, and single records or a 404 envelope by sys_id', async () => {
    const v1 = await get('/api/now/table/problem', { sysparm_limit: '3' });
    const v2 = await get('/api/now/v2/table/problem', { sysparm_limit: '3' });
    expect(v2.body).toEqual(v1.body);
    const [first] = v1.body.result;
    expect((await get(`/api/now/v2/table/problem/${first.sys_id}`)).body).toEqual({ result: first });
    const missing = await get('/api/now/table/problem/0123456789abcdef0123456789abcdef');
    expect(missing).toMatchObject({
      status: 404,
      body: { error: { message: 'No Record found', detail: expect.any(String) }, status: 'failure' },
    });
  });

  it('answers an unknown table with 400 and missing auth with the 401 envelope', async () => {
    expect(await get('/api/now/table/sys_nonexistent')).toMatchObject({
      status: 400,
      body: { error: { message: 'Invalid table sys_nonexistent', detail: null }, status: 'failure' },
    });
    expect(await get('/api/now/table/incident', {}, '')).toMatchObject({
      status: 401,
      body: { error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' },
    });
  });

  it('renders sys_user from the people, with their ServiceNow email spelling', async () => {
    const person = dataset.people.find((p) => p.snowEmail !== p.email && p.managerId)!;
    const manager = people.get(person.managerId!)!;
    const { body } = await get(`/api/now/table/sys_user/${person.snowSysId}`, {
      sysparm_display_value: 'true', sysparm_exclude_reference_link: 'true',
      sysparm_fields: 'user_name,name,email,active,title,employee_number,department,manager,manager.email',
    });
    expect(body.result).toEqual({
      user_name: person.email.split('@')[0],
      name: person.displayName,
      email: person.snowEmail,
      active: String(person.active),
      title: person.title,
      employee_number: person.employeeNumber,
      department: person.department,
      manager: manager.displayName,
      'manager.email': manager.snowEmail,
    });
  });
});

describe('ServiceNow simulator: encoded queries', () => {
  const open = (t: DemoTicket) => !['7', '8'].includes(t.state);

  it('binds ^OR to its neighbour only, tighter than ^', async () => {
    const expected = incidents.filter((t) => t.priority === '1' && (t.state === '1' || t.state === '2'));
    expect((await list('priority=1^state=1^ORstate=2')).sort()).toEqual(sorted(expected));
  });

  it('ORs whole queries with ^NQ', async () => {
    const expected = incidents.filter((t) => (t.priority === '1' && t.state === '2') || t.correlationId === 'SOC');
    expect((await list('priority=1^state=2^NQcorrelation_id=SOC')).sort()).toEqual(sorted(expected));
  });

  it('supports IN, NOT IN, LIKE, NOTLIKE, STARTSWITH, ENDSWITH, ISEMPTY and ISNOTEMPTY', async () => {
    const cases: Array<[string, (t: DemoTicket) => boolean]> = [
      ['priorityIN1,2', (t) => ['1', '2'].includes(t.priority)],
      ['stateNOT IN7,8', open],
      ['short_descriptionLIKEcertificate', (t) => /certificate/i.test(t.shortDescription)],
      ['short_descriptionNOTLIKEcertificate', (t) => !/certificate/i.test(t.shortDescription)],
      ['correlation_idSTARTSWITHsoc-', (t) => t.correlationId.startsWith('SOC-')],
      ['numberENDSWITH7', (t) => t.number.endsWith('7')],
      ['correlation_idISEMPTY', (t) => t.correlationId === ''],
      ['correlation_idISNOTEMPTY', (t) => t.correlationId !== ''],
    ];
    for (const [query, keep] of cases) {
      const expected = incidents.filter(keep);
      expect(expected.length).toBeGreaterThan(0);
      expect({ query, numbers: (await list(query)).sort() }).toEqual({ query, numbers: sorted(expected) });
    }
  });

  it('never matches an empty value with != (the platform’s NULL semantics)', async () => {
    const expected = incidents.filter((t) => t.correlationId !== '' && t.correlationId !== 'SOC');
    expect((await list('correlation_id!=SOC')).sort()).toEqual(sorted(expected));
  });

  it('dot-walks references, case-insensitively', async () => {
    const group = incidents[0].assignmentGroup;
    const expected = incidents.filter((t) => t.assignmentGroup === group && open(t));
    expect((await list(`assignment_group.name=${group.toUpperCase()}^active=true`)).sort()).toEqual(sorted(expected));
  });

  it('orders by several keys, integers numerically and descending where asked', async () => {
    const result = await list('stateIN-5,-1,3^ORDERBYDESCstate^ORDERBYnumber', 'change_request');
    const expected = dataset.tickets
      .filter((t) => t.table === 'change_request' && ['-5', '-1', '3'].includes(t.state))
      .sort((a, b) => Number(b.state) - Number(a.state) || a.number.localeCompare(b.number));
    expect(result).toEqual(expected.map((t) => t.number));
  });

  it('silently drops a condition on an unknown field, as a real instance does', async () => {
    const expected = incidents.filter(open);
    expect((await list('u_nonexistent=1^active=true')).sort()).toEqual(sorted(expected));
    expect(await list('u_nonexistent=1^ORDERBYnumber')).toEqual(sorted(incidents));
  });

  it('compares glide_date_time values and evaluates gs.daysAgoStart against the instance clock', async () => {
    const since = '2026-10-27 00:00:00';
    const expected = incidents.filter((t) => t.openedAt >= since);
    expect(expected.length).toBeGreaterThan(0);
    expect((await list(`opened_at>=${since}`)).sort()).toEqual(sorted(expected));
    expect((await list('opened_at>=javascript:gs.daysAgoStart(30)')).sort()).toEqual(sorted(expected));
  });
});

describe('ServiceNow simulator: Aggregate API', () => {
  it('counts, with counts as strings', async () => {
    const { body } = await get('/api/now/stats/incident', { sysparm_count: 'true', sysparm_query: 'priority=1' });
    expect(body).toEqual({ result: { stats: { count: String(incidents.filter((t) => t.priority === '1').length) } } });
  });

  it('groups by several fields, one entry per group in value order', async () => {
    const { body } = await get('/api/now/stats/change_request', { sysparm_count: 'true', sysparm_group_by: 'type,risk' });
    const counts = new Map<string, number>();
    for (const t of dataset.tickets.filter((x) => x.table === 'change_request')) {
      counts.set(`${t.changeType}|${t.risk}`, (counts.get(`${t.changeType}|${t.risk}`) ?? 0) + 1);
    }
    const expected = [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => {
        const [type, risk] = key.split('|');
        return { stats: { count: String(n) }, groupby_fields: [{ field: 'type', value: type }, { field: 'risk', value: risk }] };
      });
    expect(body.result).toEqual(expected);
  });
});
