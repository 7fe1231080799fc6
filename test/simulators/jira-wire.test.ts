import { NO_FAULTS, startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset } from '../../simulators/data/dataset';
import { jiraSimulator } from '../../simulators/jira';
import searchRemoved from '../fixtures/jira-error-410-search-removed.json';
import rateLimited from '../fixtures/jira-error-429.json';

/** The simulator's wire format, checked with plain HTTP against the fixtures and the Jira Cloud spec. */

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
const { email, apiToken } = SIMULATOR_CREDENTIALS.jira;
const AUTH = `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`;

type Json = Record<string, any>;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator(jiraSimulator(data));
});
afterAll(() => sim.close());
beforeEach(() => sim.setFaults(NO_FAULTS));

async function call(method: string, path: string, body?: unknown, auth: string | null = AUTH): Promise<{ status: number; body: Json; headers: Headers }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth) headers.authorization = auth;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sim.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

const get = (path: string) => call('GET', path);
const search = (params: Record<string, string>) => get(`/rest/api/3/search/jql?${new URLSearchParams(params)}`);
const iam = data.issues.filter((i) => i.projectKey === 'IAM');

describe('errors', () => {
  it('answers 401 with the error envelope without credentials', async () => {
    const { status, body } = await call('GET', '/rest/api/3/project/search', undefined, null);
    expect(status).toBe(401);
    expect(body).toEqual({ errorMessages: ['Client must be authenticated to access this resource.'], errors: {} });
  });

  it('answers injected 429s with the body Jira sends and Retry-After', async () => {
    sim.setFaults({ rateLimitRate: 1, retryAfterSeconds: 9 });
    const { status, body, headers } = await get('/rest/api/3/field');
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('9');
    expect(body).toEqual(rateLimited);
  });

  it('answers the removed /search endpoints with 410 Gone', async () => {
    for (const [method, path] of [['GET', '/rest/api/3/search?jql=project%3DIAM'], ['POST', '/rest/api/3/search']]) {
      const { status, body } = await call(method, path, method === 'POST' ? { jql: 'project = IAM' } : undefined);
      expect(status).toBe(410);
      expect(body).toEqual(searchRemoved);
    }
  });
});

describe('enhanced search', () => {
  it('returns ids only unless fields are asked for, as /search/jql does', async () => {
    const { status, body } = await search({ jql: 'project = IAM ORDER BY key ASC', maxResults: '2' });
    expect(status).toBe(200);
    expect(body.issues).toEqual([{ id: iam[0].id }, { id: iam[1].id }]);
    expect(body.isLast).toBe(false);
    expect(typeof body.nextPageToken).toBe('string');
    expect(body).not.toHaveProperty('total');
  });

  it('renders only the requested fields, in Jira’s shapes and timestamp format', async () => {
    const issue = iam.find((i) => i.parentKey && i.storyPoints !== null)!;
    const { body } = await search({ jql: `key = ${issue.key}`, fields: 'summary,status,created,customfield_10016,parent,priority', expand: 'names' });
    const [bean] = body.issues;
    expect(Object.keys(bean).sort()).toEqual(['expand', 'fields', 'id', 'key', 'self']);
    expect(Object.keys(bean.fields).sort()).toEqual(['created', 'customfield_10016', 'parent', 'priority', 'status', 'summary']);
    expect(bean.fields.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(Date.parse(bean.fields.created.replace('+0000', 'Z'))).toBe(Date.parse(issue.created));
    expect(bean.fields.customfield_10016).toBe(issue.storyPoints);
    expect(bean.fields.status.statusCategory).toMatchObject(
      { new: { id: 2, key: 'new', colorName: 'blue-gray' }, indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow' }, done: { id: 3, key: 'done', colorName: 'green' } }[issue.statusCategory],
    );
    expect(bean.fields.parent).toMatchObject({ key: issue.parentKey, fields: { summary: expect.any(String), issuetype: { name: 'Epic', hierarchyLevel: 1 } } });
    expect(body.names).toMatchObject({ summary: 'Summary', customfield_10016: 'Story point estimate' });
  });

  it('links blockers both ways with the Blocks link type', async () => {
    const blocked = data.issues.find((i) => i.blockedBy.length)!;
    const { body } = await search({ jql: `key in (${blocked.key}, ${blocked.blockedBy[0]})`, fields: 'issuelinks' });
    const byKey = Object.fromEntries(body.issues.map((b: Json) => [b.key, b.fields.issuelinks]));
    expect(byKey[blocked.key]).toContainEqual(
      expect.objectContaining({ type: expect.objectContaining({ name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }), inwardIssue: expect.objectContaining({ key: blocked.blockedBy[0] }) }),
    );
    expect(byKey[blocked.blockedBy[0]]).toContainEqual(expect.objectContaining({ outwardIssue: expect.objectContaining({ key: blocked.key }) }));
  });

  it('takes POST bodies with a fields array, and caps pages at 100 with fields, 5000 with ids only', async () => {
    const withFields = await call('POST', '/rest/api/3/search/jql', { jql: 'statusCategory != done', fields: ['summary'], maxResults: 1000 });
    expect(withFields.status).toBe(200);
    expect(withFields.body.issues).toHaveLength(100);
    expect(withFields.body.issues[0].fields).toEqual({ summary: expect.any(String) });

    const idsOnly = await call('POST', '/rest/api/3/search/jql', { jql: 'statusCategory != done', maxResults: 1000 });
    expect(idsOnly.body.issues).toHaveLength(1000);

    const invalid = await call('POST', '/rest/api/3/search/jql', { jql: 'project = IAM', expand: ['names'] });
    expect(invalid.status).toBe(400);
  });

  it('rejects unbounded and invalid JQL with Jira’s messages', async () => {
    const cases: Array<[string, string]> = [
      ['ORDER BY key DESC', 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
      ['', 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
      ['universe = 42', "Field 'universe' does not exist or you do not have permission to view it."],
      ['invalid query', "Error in the JQL Query: Expecting operator but got 'query'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)"],
      ['summary = test', "The operator '=' is not supported by the 'summary' field."],
      ['project = INVALID', "The value 'INVALID' does not exist for the field 'project'."],
    ];
    for (const [jql, message] of cases) {
      const { status, body } = await search({ jql });
      expect({ jql, status, body }).toEqual({ jql, status: 400, body: { errorMessages: [message], errors: {} } });
    }
  });

  it('binds nextPageToken to its query', async () => {
    const first = await search({ jql: 'project = IAM', maxResults: '10' });
    const next = await search({ jql: 'project = IAM', maxResults: '10', nextPageToken: first.body.nextPageToken });
    expect(next.status).toBe(200);
    expect(next.body.issues.map((i: Json) => i.id)).not.toContain(first.body.issues[0].id);

    const reused = await search({ jql: 'project = SISR', maxResults: '10', nextPageToken: first.body.nextPageToken });
    expect(reused.status).toBe(400);
    const forged = await search({ jql: 'project = IAM', nextPageToken: 'not-a-token' });
    expect(forged.status).toBe(400);
  });

  it('counts with approximate-count and requires bounded JQL there too', async () => {
    await expect(call('POST', '/rest/api/3/search/approximate-count', { jql: 'project = IAM' })).resolves.toMatchObject({ status: 200, body: { count: iam.length } });
    await expect(call('POST', '/rest/api/3/search/approximate-count', { jql: 'order by key' })).resolves.toMatchObject({ status: 400 });
  });
});

describe('projects, roles, properties, users, fields', () => {
  it('pages /project/search as a PageBeanProject and answers 404 when nothing matches', async () => {
    const { body } = await get('/rest/api/3/project/search?maxResults=500&expand=lead,url');
    // The data set's projects plus the PMO project holding the status reports.
    expect(body).toMatchObject({ startAt: 0, maxResults: 100, total: data.projects.length + 2, isLast: true });
    expect(body.values[0]).toMatchObject({ projectTypeKey: 'software', simplified: false, style: 'classic', lead: { accountId: expect.any(String) }, url: expect.any(String) });
    expect(body.values[0]).not.toHaveProperty('description');
    expect(body.values[0]).not.toHaveProperty('properties');

    const paged = await get('/rest/api/3/project/search?maxResults=10&keys=IAM&keys=SISR&keys=DWH');
    expect(paged.body.values.map((p: Json) => p.key)).toEqual(['DWH', 'IAM', 'SISR']);

    const none = await get('/rest/api/3/project/search?query=zzzz');
    expect(none.status).toBe(404);
    expect(none.body.errorMessages).toHaveLength(1);
  });

  it('serves a project with lead, versions, roles and issue types, and 404s an unknown key', async () => {
    const { body } = await get('/rest/api/3/project/IAM');
    const project = data.projects.find((p) => p.key === 'IAM')!;
    expect(body).toMatchObject({ id: project.id, key: 'IAM', description: project.description, lead: { accountId: expect.any(String) } });
    expect(body.versions).toHaveLength(project.versions.length);
    expect(body.roles).toEqual({ Administrators: `${sim.url}/rest/api/3/project/IAM/role/10002`, Developers: `${sim.url}/rest/api/3/project/IAM/role/10001` });
    expect(body.issueTypes.map((t: Json) => [t.name, t.hierarchyLevel])).toEqual([['Epic', 1], ['Story', 0], ['Task', 0], ['Sub-task', -1], ['Bug', 0]]);

    const missing = await get('/rest/api/3/project/NOPE');
    expect(missing).toMatchObject({ status: 404, body: { errorMessages: ["No project could be found with key 'NOPE'."], errors: {} } });
  });

  it('lists the lead as Administrator and the team as Developers', async () => {
    const project = data.projects.find((p) => p.key === 'IAM')!;
    const accountOf = (scimId: string) => data.people.find((p) => p.scimId === scimId)!.jiraAccountId;
    const admins = await get('/rest/api/3/project/IAM/role/10002');
    const developers = await get('/rest/api/3/project/IAM/role/10001');
    expect(admins.body.actors).toEqual([expect.objectContaining({ type: 'atlassian-user-role-actor', actorUser: { accountId: accountOf(project.leadId) } })]);
    expect(developers.body.actors.map((a: Json) => a.actorUser.accountId)).toEqual(project.team.map((m) => accountOf(m.personId)));
    expect(developers.body.scope).toEqual({ type: 'PROJECT', project: { id: project.id, key: 'IAM', name: project.name } });
    const roles = await get('/rest/api/3/role');
    expect(roles.body.map((r: Json) => r.name)).toEqual(['Administrators', 'Developers']);
  });

  it('stores project properties: 201 created, 200 updated, 404 when missing, 400 when too large', async () => {
    const path = '/rest/api/3/project/SISR/properties/pmo.test';
    expect((await get(path)).status).toBe(404);
    expect((await call('PUT', path, { a: 1 })).status).toBe(201);
    expect((await call('PUT', path, { a: 2 })).status).toBe(200);
    await expect(get(path)).resolves.toMatchObject({ status: 200, body: { key: 'pmo.test', value: { a: 2 } } });
    const keys = await get('/rest/api/3/project/SISR/properties');
    expect(keys.body.keys.map((k: Json) => k.key)).toEqual(['pmo.profile', 'pmo.test']);
    expect((await call('PUT', path, { text: 'x'.repeat(32_768) })).status).toBe(400);
  });

  it('omits emailAddress for users who hide it, and pages /user/bulk 10 at a time by default', async () => {
    const hidden = data.people.find((p) => p.jiraEmailHidden)!;
    const { body: user } = await get(`/rest/api/3/user?accountId=${encodeURIComponent(hidden.jiraAccountId)}`);
    expect(user.accountId).toBe(hidden.jiraAccountId);
    expect(user).not.toHaveProperty('emailAddress');
    expect((await get('/rest/api/3/user?accountId=nobody')).status).toBe(404);

    const ids = data.people.slice(0, 12).map((p) => `accountId=${encodeURIComponent(p.jiraAccountId)}`).join('&');
    const { body: page } = await get(`/rest/api/3/user/bulk?${ids}&accountId=unknown`);
    expect(page).toMatchObject({ startAt: 0, maxResults: 10, total: 12, isLast: false });
    expect(page.values).toHaveLength(10);
    expect((await get('/rest/api/3/user/bulk')).status).toBe(400);
  });

  it('lists the story point estimate custom field among the system fields', async () => {
    const { body } = await get('/rest/api/3/field');
    expect(body).toContainEqual(expect.objectContaining({
      id: 'customfield_10016',
      name: 'Story point estimate',
      custom: true,
      schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: 10016 },
    }));
    expect(body.map((f: Json) => f.id)).toEqual(expect.arrayContaining(['summary', 'status', 'issuetype', 'assignee', 'duedate', 'parent']));
  });
});

describe('issue create, issue properties on search, the paged versions list', () => {
  it('creates an issue with its properties in one POST, answers CreatedIssue, and finds it by JQL with properties=', async () => {
    const created = await call('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'PMO' },
        issuetype: { name: 'Task' },
        summary: 'IAM status 2026-11-26: GREEN',
        labels: ['pmo-status-IAM'],
        description: { type: 'doc', version: 1, content: [] },
      },
      properties: [{ key: 'pmo.statusReport', value: { projectKey: 'IAM', overall: 'GREEN' } }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^\d+$/), key: expect.stringMatching(/^PMO-\d+$/), self: `${sim.url}/rest/api/3/issue/${created.body.id}` });

    const found = await search({ jql: `key = ${created.body.key}`, fields: 'key', properties: 'pmo.statusReport,absent.property' });
    expect(found.body.issues).toEqual([
      expect.objectContaining({ key: created.body.key, fields: {}, properties: { 'pmo.statusReport': { projectKey: 'IAM', overall: 'GREEN' } } }),
    ]);
    const property = await get(`/rest/api/3/issue/${created.body.key}/properties/pmo.statusReport`);
    expect(property.body).toEqual({ key: 'pmo.statusReport', value: { projectKey: 'IAM', overall: 'GREEN' } });
  });

  it('answers field errors as Jira does: 400 with errors per field, nothing created', async () => {
    const before = (await search({ jql: 'project = PMO', fields: 'key', maxResults: '5000' })).body.issues.length;
    const bad = await call('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'NOPE' }, issuetype: { name: 'Saga' }, summary: '', labels: ['has space'], priority: { name: 'High' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      errorMessages: [],
      errors: {
        project: 'Specify a valid project ID or key',
        issuetype: 'Specify an issue type',
        summary: 'You must specify a summary of the issue.',
        labels: "The label 'has space' contains spaces which is invalid.",
        priority: "Field 'priority' cannot be set. It is not on the appropriate screen, or unknown.",
      },
    });
    expect((await search({ jql: 'project = PMO', fields: 'key', maxResults: '5000' })).body.issues.length).toBe(before);
  });

  it('seeds the data set status reports into the PMO project, one labelled issue each', async () => {
    const project = data.projects.find((p) => p.statusReports.length > 2)!;
    const { body } = await search({ jql: `project = PMO AND labels = "pmo-status-${project.key}"`, fields: 'key', properties: 'pmo.statusReport', maxResults: '5000' });
    expect(body.issues.map((i: Json) => i.properties['pmo.statusReport'].statusDate).sort()).toEqual(project.statusReports.map((r) => r.statusDate).sort());
  });

  it('pages /project/{key}/version as a PageBeanVersion with issuesstatus counts', async () => {
    const project = data.projects.find((p) => p.versions.length >= 3)!;
    const { body } = await get(`/rest/api/3/project/${project.key}/version?startAt=1&maxResults=2&expand=issuesstatus`);
    expect(body).toMatchObject({ startAt: 1, maxResults: 2, total: project.versions.length, isLast: project.versions.length <= 3 });
    const version = project.versions[1];
    const issues = data.issues.filter((i) => i.fixVersionIds.includes(version.id));
    expect(body.values[0]).toMatchObject({
      id: version.id,
      name: version.name,
      issuesStatusForFixVersion: {
        toDo: issues.filter((i) => i.statusCategory === 'new').length,
        inProgress: issues.filter((i) => i.statusCategory === 'indeterminate').length,
        done: issues.filter((i) => i.statusCategory === 'done').length,
        unmapped: 0,
      },
    });
  });

  it('matches user clauses by email and link clauses by direction', async () => {
    const blocked = data.issues.find((i) => i.blockedBy.length > 0)!;
    const assignee = data.people.find((p) => p.scimId === blocked.assigneeId)!;
    const { body } = await search({ jql: `assignee = "${assignee.email.toUpperCase()}" AND issueLinkType = "is blocked by"`, fields: 'key', maxResults: '5000' });
    expect(body.issues.map((i: Json) => i.key)).toContain(blocked.key);
    const blocker = await search({ jql: `key = ${blocked.blockedBy[0]} AND issueLinkType = "is blocked by"`, fields: 'key' });
    expect(blocker.body.issues.map((i: Json) => i.key)).not.toContain(blocked.blockedBy[0]);
  });
});
