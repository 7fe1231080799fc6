import { simulatorConfig } from '../../bin/stack';
import { ConfigError } from '../../connectors/config';
import { ServiceNowClient, type ServiceNowConnector } from '../../connectors/servicenow';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { generateDataset, type DemoTicket } from '../../simulators/data/dataset';
import { serviceNowSimulator } from '../../simulators/servicenow';
import { createTicketsSubgraph } from '../../subgraphs/tickets';
import { loadTicketsOptions } from '../../subgraphs/tickets/config';
import type { TicketsOptions } from '../../subgraphs/tickets/context';
import { parseHealthRules } from '../../subgraphs/tickets/health/health-rules';
import { execute } from '../support/subgraph';

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
const NOW = new Date('2026-11-26T12:00:00Z');
const DAY = 86_400_000;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator(serviceNowSimulator(data));
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** The connector, recording every Table API and Aggregate API call the subgraph makes. */
function recorded() {
  const real = new ServiceNowClient(simulatorConfig('servicenow', sim.url));
  const calls: Array<{ op: string; table: string; query: string; limit?: number; offset?: number; groupBy?: string }> = [];
  const connector: ServiceNowConnector = {
    listTickets: (table, options) => {
      calls.push({ op: 'list', table, query: options.query.toString(), limit: options.limit, offset: options.offset });
      return real.listTickets(table, options);
    },
    listAllTickets: (table, query, options) => {
      calls.push({ op: 'listAll', table, query: query.toString() });
      return real.listAllTickets(table, query, options);
    },
    countTickets: (table, query, groupBy) => {
      calls.push({ op: 'count', table, query: query.toString(), groupBy });
      return real.countTickets(table, query, groupBy);
    },
  };
  return { connector, calls };
}

const subgraph = (connector: ServiceNowConnector, options: Partial<TicketsOptions> = {}) =>
  createTicketsSubgraph(connector, { maxRowsPerBatch: 5000, now: () => NOW, ...options });

const OPEN: Record<DemoTicket['table'], string[]> = {
  incident: ['1', '2', '3'], change_request: ['-5', '-4', '-3', '-2', '-1', '0'], problem: ['101', '102', '103', '104'], sc_req_item: ['-5', '1', '2'],
};
const newestFirst = (a: DemoTicket, b: DemoTicket) => b.openedAt.localeCompare(a.openedAt) || a.number.localeCompare(b.number);
const linked = (key: string) => (t: DemoTicket) => t.correlationId === key || t.correlationId.startsWith(`${key}-`);
const ofTable = (table: DemoTicket['table']) => data.tickets.filter((t) => t.table === table);
const glide = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

describe('Query.incidents / changes / requests / problems', () => {
  test('pages with sysparm_offset in a stable order, totalCount from X-Total-Count', async () => {
    const { connector, calls } = recorded();
    const expected = ofTable('incident').sort(newestFirst);
    const page = `query($after: String) { incidents(first: 7, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { number state priority priorityLabel } } } }`;
    const first = await execute(await subgraph(connector), page);
    expect(first.errors).toBeUndefined();
    expect(first.data!.incidents.totalCount).toBe(expected.length);
    expect(first.data!.incidents.edges.map((e: any) => e.node.number)).toEqual(expected.slice(0, 7).map((t) => t.number));
    const second = await execute(await subgraph(connector), page, { after: first.data!.incidents.pageInfo.endCursor });
    expect(second.data!.incidents.edges.map((e: any) => e.node.number)).toEqual(expected.slice(7, 14).map((t) => t.number));
    expect(second.data!.incidents.pageInfo.hasNextPage).toBe(true);
    expect(calls).toEqual([
      { op: 'list', table: 'incident', query: 'ORDERBYDESCopened_at^ORDERBYnumber', limit: 7, offset: 0 },
      { op: 'list', table: 'incident', query: 'ORDERBYDESCopened_at^ORDERBYnumber', limit: 7, offset: 7 },
    ]);
    expect(first.data!.incidents.edges[0].node.priorityLabel).toMatch(/^\d - /);
  });

  test('the last page says so; first: 0 asks the Aggregate API for the count alone', async () => {
    const { connector, calls } = recorded();
    const problems = ofTable('problem').sort(newestFirst);
    const countOnly = await execute(await subgraph(connector), '{ problems(first: 0) { totalCount edges { cursor } } }');
    expect(countOnly.data!.problems).toEqual({ totalCount: problems.length, edges: [] });
    expect(calls).toEqual([{ op: 'count', table: 'problem', query: '', groupBy: undefined }]);
    const skip = Buffer.from(`o:${problems.length - 3}`).toString('base64url');
    const last = await execute(await subgraph(connector), `{ problems(first: 10, after: "${skip}") { pageInfo { hasNextPage } edges { node { number } } } }`);
    expect(last.data!.problems.edges.map((e: any) => e.node.number)).toEqual(problems.slice(-2).map((t) => t.number));
    expect(last.data!.problems.pageInfo.hasNextPage).toBe(false);
  });

  test('filters by project, assignment group, priority, state, openedAfter and updatedSince', async () => {
    const { connector, calls } = recorded();
    const project = data.projects.find((p) => ofTable('change_request').filter(linked(p.key)).length > 3)!;
    const group = ofTable('change_request').find(linked(project.key))!.assignmentGroup;
    const openedAfter = '2026-03-01T00:00:00.000Z';
    const updatedSince = '2026-05-01T00:00:00.000Z';
    const expected = ofTable('change_request')
      .filter((t) => linked(project.key)(t) && t.assignmentGroup === group && ['3', '4'].includes(t.priority) && t.state === '3')
      .filter((t) => t.openedAt > glide(Date.parse(openedAfter)) && t.updatedAt >= glide(Date.parse(updatedSince)))
      .sort(newestFirst);
    expect(expected.length).toBeGreaterThan(0);
    const { data: result, errors } = await execute(await subgraph(connector), `query($filter: TicketSearchFilter, $since: DateTime) {
      changes(filter: $filter, updatedSince: $since, first: 200) { totalCount edges { node { number assignmentGroup } } } }`, {
      filter: { projectKey: project.key.toLowerCase(), assignmentGroup: group.toUpperCase(), priority: ['MODERATE', 'LOW'], state: ['CLOSED'], openedAfter },
      since: updatedSince,
    });
    expect(errors).toBeUndefined();
    expect(result!.changes.totalCount).toBe(expected.length);
    expect(result!.changes.edges.map((e: any) => e.node.number)).toEqual(expected.map((t) => t.number));
    expect(calls[0].query).toBe(
      `stateIN3^priorityIN3,4^assignment_group.name=${group.toUpperCase()}^opened_at>2026-03-01 00:00:00^sys_updated_on>=2026-05-01 00:00:00` +
        `^correlation_id=${project.key}^ORcorrelation_idSTARTSWITH${project.key}-^ORDERBYDESCopened_at^ORDERBYnumber`,
    );
  });

  test.each([
    ['an OR smuggled into the group name', 'Service Desk^ORactive=true'],
    ['a new query smuggled in', 'Service Desk^NQpriority=1'],
    ['an ORDERBY smuggled in', 'Service Desk^ORDERBYnumber'],
    ['a second condition', 'x=y'],
    ['a newline', 'Service Desk\nactive=true'],
    ['a script', 'javascript:gs.getUserID()'],
  ])('a hostile assignmentGroup (%s) is BAD_USER_INPUT and never sent', async (_label, value) => {
    const { connector, calls } = recorded();
    for (const query of ['incidents', 'changes', 'requests', 'problems']) {
      const { data: result, errors } = await execute(await subgraph(connector), `query($g: String) { ${query}(filter: { assignmentGroup: $g }) { totalCount } }`, { g: value });
      expect(result?.[query] ?? null).toBeNull();
      expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    }
    expect(calls).toEqual([]);
    expect(sim.totalRequests()).toBe(0);
  });

  test('a group name that merely looks like operator text only narrows: it cannot widen the query', async () => {
    const { connector } = recorded();
    // Every character here is one the builder lets through; the condition still only matches that exact name.
    const { data: result, errors } = await execute(await subgraph(connector), '{ incidents(filter: { assignmentGroup: "Service Desk ORactive!true, LIKE %" }) { totalCount } }');
    expect(errors).toBeUndefined();
    expect(result!.incidents.totalCount).toBe(0);
  });

  test('a malformed projectKey is BAD_USER_INPUT', async () => {
    const { connector, calls } = recorded();
    const { errors } = await execute(await subgraph(connector), '{ incidents(filter: { projectKey: "SOC^ORactive=true" }) { totalCount } }');
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.projectKey' });
    expect(calls).toEqual([]);
  });
});

describe('Project ticket lists, ticketStats and operationalHealth', () => {
  const keys = data.projects.slice(0, 12).map((p) => p.key);
  const representations = keys.map((key) => ({ __typename: 'Project', key }));

  function expectedStats(key: string) {
    const mine = data.tickets.filter(linked(key));
    const open = (t: DemoTicket) => OPEN[t.table].includes(t.state);
    const incidents = mine.filter((t) => t.table === 'incident' && open(t));
    const changes = mine.filter((t) => t.table === 'change_request');
    return {
      openIncidents: incidents.length,
      p1Open: incidents.filter((t) => t.priority === '1').length,
      p2Open: incidents.filter((t) => t.priority === '2').length,
      changesNext14Days: changes.filter((t) => open(t) && t.startDate! >= glide(NOW.getTime()) && t.startDate! < glide(NOW.getTime() + 14 * DAY)).length,
      failedChangesLast30Days: changes.filter((t) => t.closeCode === 'unsuccessful' && t.endDate! >= glide(NOW.getTime() - 30 * DAY) && t.endDate! <= glide(NOW.getTime())).length,
      openProblems: mine.filter((t) => t.table === 'problem' && open(t)).length,
    };
  }

  test('ticketStats for many projects: four Aggregate API requests grouped by the link field, no rows read', async () => {
    const { connector, calls } = recorded();
    const { data: result, errors } = await execute(await subgraph(connector), `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Project { key ticketStats { openIncidents p1Open p2Open changesNext14Days failedChangesLast30Days openProblems } } } }`, { r: representations });
    expect(errors).toBeUndefined();
    keys.forEach((key, i) => expect(result!._entities[i].ticketStats).toEqual(expectedStats(key)));
    expect(keys.some((key) => expectedStats(key).changesNext14Days > 0)).toBe(true);
    expect(calls.map((c) => [c.op, c.table, c.groupBy])).toEqual(expect.arrayContaining([
      ['count', 'incident', 'correlation_id,priority'],
      ['count', 'change_request', 'correlation_id'],
      ['count', 'change_request', 'correlation_id'],
      ['count', 'problem', 'correlation_id'],
    ]));
    expect(calls).toHaveLength(4);
    expect(sim.requests()).toEqual({ 'GET /api/now/stats/:table': 4 });
  });

  test('only the selected counts are asked for', async () => {
    const { connector, calls } = recorded();
    await execute(await subgraph(connector), `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { ticketStats { openProblems } } } }`, { r: representations });
    expect(calls.map((c) => c.table)).toEqual(['problem']);
  });

  test('operationalHealth applies the rules, worst first, each with its reason', async () => {
    const { connector } = recorded();
    const rules = parseHealthRules('p1Open>=1:RED,openIncidents>=2:AMBER,openProblems>=1:AMBER');
    const { data: result, errors } = await execute(await subgraph(connector, { healthRules: rules }), `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Project { key operationalHealth { rag reasons } } } }`, { r: representations });
    expect(errors).toBeUndefined();
    for (const entity of result!._entities) {
      const stats = expectedStats(entity.key);
      const reasons: string[] = [];
      if (stats.p1Open >= 1) reasons.push(`RED: ${stats.p1Open} open P1 incident${stats.p1Open === 1 ? '' : 's'} (rule p1Open >= 1)`);
      if (stats.openIncidents >= 2) reasons.push(`AMBER: ${stats.openIncidents} open incidents (rule openIncidents >= 2)`);
      if (stats.openProblems >= 1) reasons.push(`AMBER: ${stats.openProblems} open problem${stats.openProblems === 1 ? '' : 's'} (rule openProblems >= 1)`);
      const rag = stats.p1Open >= 1 ? 'RED' : reasons.length ? 'AMBER' : 'GREEN';
      expect(entity.operationalHealth).toEqual({ rag, reasons });
    }
    expect(new Set(result!._entities.map((e: any) => e.operationalHealth.rag)).size).toBeGreaterThan(1);
  });

  test('requests and problems per project, one Table API request per table for all the projects', async () => {
    const { connector } = recorded();
    const { data: result, errors } = await execute(await subgraph(connector), `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Project { key requests(first: 2) { totalCount edges { node { __typename number } } } problems(first: 2, filter: { state: [NEW, ASSESS, ROOT_CAUSE_ANALYSIS, FIX_IN_PROGRESS] }) { totalCount edges { node { number state } } } } } }`, { r: representations });
    expect(errors).toBeUndefined();
    keys.forEach((key, i) => {
      const requests = ofTable('sc_req_item').filter(linked(key)).sort(newestFirst);
      const problems = ofTable('problem').filter((t) => linked(key)(t) && OPEN.problem.includes(t.state)).sort(newestFirst);
      expect(result!._entities[i].requests.totalCount).toBe(requests.length);
      expect(result!._entities[i].requests.edges.map((e: any) => e.node.number)).toEqual(requests.slice(0, 2).map((t) => t.number));
      expect(result!._entities[i].problems.totalCount).toBe(problems.length);
      expect(result!._entities[i].problems.edges.map((e: any) => e.node.number)).toEqual(problems.slice(0, 2).map((t) => t.number));
    });
    expect(sim.requests()).toEqual({ 'GET /api/now/table/:table': 2 });
  });

  test('link rule "key": only tickets whose field is exactly the key', async () => {
    const { connector, calls } = recorded();
    const { data: result } = await execute(await subgraph(connector, { projectLink: { field: 'correlation_id', match: 'key' } }), `query($r: [_Any!]!) {
      _entities(representations: $r) { ... on Project { key incidents(first: 200) { totalCount } ticketStats { openProblems } } } }`, { r: representations });
    keys.forEach((key, i) => {
      expect(result!._entities[i].incidents.totalCount).toBe(ofTable('incident').filter((t) => t.correlationId === key).length);
      expect(result!._entities[i].ticketStats.openProblems).toBe(ofTable('problem').filter((t) => t.correlationId === key && OPEN.problem.includes(t.state)).length);
    });
    expect(calls.find((c) => c.op === 'listAll')!.query).toContain(`correlation_idIN${keys.join(',')}`);
  });
});

describe('Person.assignedTickets', () => {
  const people = new Map(data.people.map((p) => [p.scimId, p]));
  const assignedTo = (email: string) => data.tickets.filter((t) => t.assignedToId && people.get(t.assignedToId)!.email === email);

  test('matches ServiceNow emails whatever their case, across the four tables, in one request per table', async () => {
    const differing = data.people.filter((p) => p.snowEmail !== p.email && assignedTo(p.email).length > 2).slice(0, 3);
    const plain = data.people.filter((p) => p.snowEmail === p.email && assignedTo(p.email).length > 2).slice(0, 3);
    expect(differing.length).toBe(3);
    const { connector, calls } = recorded();
    const { data: result, errors } = await execute(await subgraph(connector), `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Person { email assignedTickets(first: 200) { totalCount edges { node { __typename number assignedTo { email } } } } } } }`, {
      r: [...differing, ...plain].map((p) => ({ __typename: 'Person', email: p.email.toUpperCase() })),
    });
    expect(errors).toBeUndefined();
    [...differing, ...plain].forEach((person, i) => {
      const expected = assignedTo(person.email).sort(newestFirst);
      const entity = result!._entities[i];
      expect(entity.email).toBe(person.email);
      expect(entity.assignedTickets.totalCount).toBe(expected.length);
      expect(entity.assignedTickets.edges.map((e: any) => e.node.number)).toEqual(expected.map((t) => t.number));
      expect(new Set(entity.assignedTickets.edges.map((e: any) => e.node.assignedTo.email))).toEqual(new Set([person.email]));
    });
    expect(calls.map((c) => c.table).sort()).toEqual(['change_request', 'incident', 'problem', 'sc_req_item']);
  });

  test('a state limits the tables asked to those that have it', async () => {
    const person = data.people.find((p) => assignedTo(p.email).some((t) => t.table === 'problem' && t.state === '103'))!;
    const { connector, calls } = recorded();
    const { data: result } = await execute(await subgraph(connector), `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Person { assignedTickets(state: [ROOT_CAUSE_ANALYSIS]) { totalCount } } } }`, { r: [{ __typename: 'Person', email: person.email }] });
    expect(result!._entities[0].assignedTickets.totalCount).toBe(assignedTo(person.email).filter((t) => t.table === 'problem' && t.state === '103').length);
    expect(calls.map((c) => c.table)).toEqual(['problem']);
  });
});

describe('loadTicketsOptions', () => {
  test('defaults, and each setting read', () => {
    expect(loadTicketsOptions({}).projectLink).toEqual({ field: 'correlation_id', match: 'key-or-issue' });
    const custom = loadTicketsOptions({ TICKETS_PROJECT_LINK_FIELD: 'cmdb_ci.u_jira_project', TICKETS_PROJECT_LINK_MATCH: 'key', TICKETS_HEALTH_RULES: 'p2Open>=2:RED' });
    expect(custom).toEqual({ projectLink: { field: 'cmdb_ci.u_jira_project', match: 'key' }, healthRules: [{ metric: 'p2Open', atLeast: 2, rag: 'RED' }] });
  });

  test.each([
    ['TICKETS_PROJECT_LINK_FIELD', 'correlation_id^ORactive=true'],
    ['TICKETS_PROJECT_LINK_MATCH', 'prefix'],
    ['TICKETS_HEALTH_RULES', 'p1Open>1:RED'],
    ['TICKETS_HEALTH_RULES', 'incidents>=1:RED'],
    ['TICKETS_HEALTH_RULES', 'p1Open>=1:PURPLE'],
  ])('a bad %s stops start-up naming the variable', (variable, value) => {
    expect(() => loadTicketsOptions({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadTicketsOptions({ [variable]: value })).toThrow(variable);
  });
});
