import nock from 'nock';
import type { ParsedUrlQuery } from 'node:querystring';
import type { UpstreamConfig } from '../../connectors/http/config';
import { UpstreamError } from '../../connectors/http/errors';
import { InvalidInputError } from '../../connectors/http/invalid-input';
import { JiraClient } from '../../connectors/jira';
import { jql } from '../../connectors/jira/jql';
import type { JiraIssue, PmoProfile } from '../../connectors/jira/models';
import approximateCount from '../fixtures/jira-approximate-count.json';
import searchRemoved from '../fixtures/jira-error-410-search-removed.json';
import rateLimited from '../fixtures/jira-error-429.json';
import projectSearch from '../fixtures/jira-project-search.json';
import searchPage1 from '../fixtures/jira-search-jql.json';
import searchPage2 from '../fixtures/jira-search-jql.page2.json';
import userBulk from '../fixtures/jira-user-bulk.json';
import userEmailHidden from '../fixtures/jira-user-email-hidden.json';
import versionsPage from '../fixtures/jira-versions-paginated.json';
import { useNock } from '../support/nock';

const SITE = 'https://northfield.atlassian.net';
const config: UpstreamConfig = { name: 'jira', baseUrl: `${SITE}/`, auth: { type: 'basic', username: 'pmo@northfield.edu', password: 'api-token' }, timeoutMs: 2000 };
const BASIC = `Basic ${Buffer.from('pmo@northfield.edu:api-token').toString('base64')}`;
const MIA = '5b10a2844c20165700ede21g';
const ALEX = '712020:2f8d00c0-e17d-48a7-bfef-0000000000aa';

type Json = Record<string, any>;
const clone = <T>(value: T): T => structuredClone(value);
const site = () => nock(SITE, { reqheaders: { authorization: BASIC } });

const STORY_POINTS_FIELD = {
  id: 'customfield_10016',
  key: 'customfield_10016',
  name: 'Story point estimate',
  custom: true,
  clauseNames: ['cf[10016]', 'Story point estimate'],
  schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: 10016 },
};
const SUMMARY_FIELD = { id: 'summary', key: 'summary', name: 'Summary', custom: false, schema: { type: 'string', system: 'summary' } };
const ISSUE_FIELDS =
  'summary,issuetype,status,priority,assignee,reporter,duedate,created,updated,resolutiondate,labels,parent,fixVersions,issuelinks,project';

/** Records each request's query so a test can assert exactly what was sent. */
function recordQueries(): { queries: ParsedUrlQuery[]; match: (q: ParsedUrlQuery) => boolean } {
  const queries: ParsedUrlQuery[] = [];
  return { queries, match: (q) => (queries.push(q), true) };
}

/** An issue bean from the page-1 fixture's story, re-keyed. */
const issueBean = (key: string, id: string): Json => ({ ...clone(searchPage1.issues[1]), id, key, self: `${SITE}/rest/api/3/issue/${id}` });
const keysOf = (q: ParsedUrlQuery): string[] => [...String(q.jql).matchAll(/"([^"]+)"/g)].map((m) => m[1]);

useNock();

describe('projects', () => {
  const profile = {
    phase: 'executing',
    priority: 2,
    sponsorEmail: 'Grace.Hughes@Northfield.edu',
    plannedStart: '2026-01-12',
    plannedEnd: '2027-03-31',
    team: [{ email: 'Mia@Example.com', role: 'Project Manager', allocation: 80 }, { email: 'alex@example.com', role: 'Developer' }],
  };

  it('maps a /project/search page with description, lead and the pmo.profile property', async () => {
    const page = clone(projectSearch) as Json;
    Object.assign(page.values[0], {
      description: 'Checkout and payments',
      lead: clone(userBulk.values[0]),
      properties: { 'pmo.profile': profile },
    });
    // Anyone with project admin rights can write the property: a malformed one must not break the page.
    Object.assign(page.values[1], { properties: { 'pmo.profile': { phase: 'SOMEDAY', team: 'everyone' } } });
    const { queries, match } = recordQueries();
    site().get('/rest/api/3/project/search').query(match).reply(200, page);

    const result = await new JiraClient(config).searchProjects({ startAt: 0, maxResults: 2, query: 'ex' });

    expect(queries).toEqual([
      { startAt: '0', maxResults: '2', query: 'ex', orderBy: 'key', expand: 'description,lead', properties: 'pmo.profile,pmo.healthOverride' },
    ]);
    expect(result).toMatchObject({ startAt: 0, maxResults: 2, total: 7, isLast: false });
    expect(result.values).toEqual([
      {
        id: '10000',
        key: 'EX',
        name: 'Example',
        description: 'Checkout and payments',
        url: `${SITE}/browse/EX`,
        category: 'FIRST',
        lead: { accountId: MIA, displayName: 'Mia Krystof', email: 'mia@example.com', active: true },
        profile: {
          phase: 'EXECUTING',
          priority: 2,
          sponsorEmail: 'grace.hughes@northfield.edu',
          plannedStart: '2026-01-12',
          plannedEnd: '2027-03-31',
          team: [
            { email: 'mia@example.com', role: 'Project Manager', allocation: 80 },
            { email: 'alex@example.com', role: 'Developer', allocation: null },
          ],
        },
        healthOverride: null,
      },
      { id: '10001', key: 'ABC', name: 'Alphabetical', description: null, url: `${SITE}/browse/ABC`, category: 'FIRST', lead: null, profile: null, healthOverride: null },
    ]);
  });

  it('asks for at most 100 projects and reports the page size Jira actually used', async () => {
    const { queries, match } = recordQueries();
    site()
      .get('/rest/api/3/project/search')
      .query(match)
      .reply(200, { ...clone(projectSearch), maxResults: 50, startAt: 100, total: 102, isLast: true });

    const result = await new JiraClient(config, { profileProperty: 'acme.pmo' }).searchProjects({ startAt: 100, maxResults: 500 });

    expect(queries[0]).toMatchObject({ startAt: '100', maxResults: '100', properties: 'acme.pmo,pmo.healthOverride' });
    expect(result).toMatchObject({ startAt: 100, maxResults: 50, total: 102, isLast: true });
  });

  it('reads the 404 Jira documents for "no project matches" as an empty page', async () => {
    site()
      .get('/rest/api/3/project/search')
      .query(true)
      .reply(404, { errorMessages: ['No projects matching the search criteria were found.'], errors: {} });

    await expect(new JiraClient(config).searchProjects({ query: 'zzz' })).resolves.toEqual({
      values: [],
      startAt: 0,
      maxResults: 50,
      total: 0,
      isLast: true,
    });
  });

  it('looks projects up by key, 50 keys a request, aligned with the keys asked for', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `P${i}`);
    const { queries, match } = recordQueries();
    site()
      .get('/rest/api/3/project/search')
      .times(2)
      .query(match)
      .reply(200, (request) => {
        const asked = new URL(request.url).searchParams.getAll('keys').filter((k) => k !== 'P7' && k !== 'P55');
        const values = asked.map((key, i) => ({ ...clone(projectSearch.values[0]), id: String(20000 + i), key, name: `Project ${key}` }));
        return { startAt: 0, maxResults: 50, total: values.length, isLast: true, values };
      });

    const found = await new JiraClient(config).getProjectsByKeys([...keys, 'p1']);

    expect(queries.map((q) => (q.keys as string[]).length).sort()).toEqual([10, 50]);
    expect(found).toHaveLength(61);
    expect(found.map((p) => p?.key ?? null)).toEqual([...keys.map((k) => (k === 'P7' || k === 'P55' ? null : k)), 'P1']);
  });

  it('pages /project/{key}/version with expand=issuesstatus, mapping each version\'s issue counts', async () => {
    const { queries, match } = recordQueries();
    const last = {
      ...clone(versionsPage),
      isLast: true,
      startAt: 2,
      total: 3,
      values: [{ ...clone(versionsPage.values[1]), id: '10020', name: 'Go-live', releaseDate: 1278385482288, issuesStatusForFixVersion: { done: 3, inProgress: 1, toDo: 2, unmapped: 0 } }],
    };
    site().get('/rest/api/3/project/EX/version').times(2).query(match).reply(200, (request) => (new URL(request.url).searchParams.get('startAt') === '0' ? { ...clone(versionsPage), total: 3 } : last));

    const result = await new JiraClient(config).getVersions('EX');

    expect(queries).toEqual([
      { startAt: '0', maxResults: '100', orderBy: 'sequence', expand: 'issuesstatus' },
      { startAt: '2', maxResults: '100', orderBy: 'sequence', expand: 'issuesstatus' },
    ]);
    expect(result.map((v) => [v.id, v.releaseDate, v.released, v.overdue, v.issues])).toEqual([
      ['10000', '2010-07-06', true, true, null],
      ['10010', null, false, false, { done: 100, inProgress: 20, toDo: 10, unmapped: 0 }],
      // The spec's own example carries epoch milliseconds where the schema says yyyy-MM-dd.
      ['10020', '2010-07-06', false, false, { done: 3, inProgress: 1, toDo: 2, unmapped: 0 }],
    ]);
  });

  it('writes the profile property with lower-cased emails', async () => {
    const value: PmoProfile = {
      phase: 'PLANNING',
      priority: 1,
      sponsorEmail: 'Grace.Hughes@Northfield.edu',
      plannedStart: '2027-01-04',
      plannedEnd: null,
      team: [{ email: 'Mia@Example.com', role: 'Project Manager', allocation: null }],
    };
    site()
      .put('/rest/api/3/project/EX/properties/pmo.profile', { ...value, sponsorEmail: 'grace.hughes@northfield.edu', team: [{ email: 'mia@example.com', role: 'Project Manager', allocation: null }] })
      .reply(201, {});

    await expect(new JiraClient(config).putProfile('EX', value)).resolves.toBeUndefined();
  });
});

describe('users', () => {
  it('maps /user/bulk aligned with the ids asked for: hidden email → null, unknown id → null', async () => {
    const { queries, match } = recordQueries();
    site()
      .get('/rest/api/3/user/bulk')
      .query(match)
      .reply(200, { ...clone(userBulk), maxResults: 3, total: 2, values: [clone(userEmailHidden), clone(userBulk.values[0])] });

    const users = await new JiraClient(config).getUsers([MIA, 'unknown-account', ALEX, MIA]);

    expect(queries).toEqual([{ accountId: [MIA, 'unknown-account', ALEX], startAt: '0', maxResults: '3' }]);
    const mia = { accountId: MIA, displayName: 'Mia Krystof', email: 'mia@example.com', active: true };
    expect(users).toEqual([mia, null, { accountId: ALEX, displayName: 'Alex Rivera', email: null, active: true }, mia]);
  });

  it('chunks 50 ids a request and follows startAt when Jira caps the page', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `acct-${i}`);
    const user = (accountId: string) => ({ ...clone(userBulk.values[0]), accountId, displayName: accountId });
    const { queries, match } = recordQueries();
    site()
      .get('/rest/api/3/user/bulk')
      .times(3)
      .query(match)
      .reply(200, (request) => {
        const params = new URL(request.url).searchParams;
        const asked = params.getAll('accountId');
        const startAt = Number(params.get('startAt'));
        // Jira serves this chunk 30 at a time, whatever maxResults asked for.
        const values = asked.slice(startAt, startAt + 30).map(user);
        return { startAt, maxResults: 30, total: asked.length, isLast: startAt + values.length >= asked.length, values };
      });

    const users = await new JiraClient(config).getUsers(ids);

    expect(queries.map((q) => [([] as string[]).concat(q.accountId as string[]).length, q.startAt]).sort()).toEqual([
      [1, '0'],
      [50, '0'],
      [50, '30'],
    ]);
    expect(users.map((u) => u?.accountId)).toEqual(ids);
  });
});

describe('issue search', () => {
  it('pages /search/jql by nextPageToken, always sending fields with the story points field it discovered once', async () => {
    const query = jql().where('project', '=', 'EX').orderBy('key').toString();
    const { queries, match } = recordQueries();
    site().get('/rest/api/3/field').reply(200, [SUMMARY_FIELD, STORY_POINTS_FIELD]);
    site().get('/rest/api/3/search/jql').times(2).query(match).reply(200, (request) =>
      new URL(request.url).searchParams.has('nextPageToken') ? searchPage2 : searchPage1,
    );

    const client = new JiraClient(config);
    const first = await client.searchIssues({ jql: query, maxResults: 2 });
    const second = await client.searchIssues({ jql: query, maxResults: 2, nextPageToken: first.nextPageToken });

    const fields = `${ISSUE_FIELDS},customfield_10016`;
    expect(queries).toEqual([
      { jql: 'project = "EX" ORDER BY key ASC', fields, maxResults: '2' },
      { jql: 'project = "EX" ORDER BY key ASC', fields, maxResults: '2', nextPageToken: 'CAEaAggD-opaque-token-expires-in-7-days' },
    ]);
    expect(first.isLast).toBe(false);
    expect(first.nextPageToken).toBe('CAEaAggD-opaque-token-expires-in-7-days');
    expect(second).toMatchObject({ isLast: true, nextPageToken: null });

    const [epic, story] = first.issues;
    expect(epic).toEqual<JiraIssue>({
      id: '10100',
      key: 'EX-100',
      projectKey: 'EX',
      summary: 'Checkout redesign',
      type: 'Epic',
      hierarchyLevel: 1,
      status: 'To Do',
      statusCategory: 'new',
      priority: 'Medium',
      assignee: { accountId: MIA, displayName: 'Mia Krystof', email: 'mia@example.com', active: true },
      reporter: null,
      dueDate: '2026-03-31',
      created: '2025-11-03T09:12:44.118Z',
      updated: '2026-01-20T16:02:10.447Z',
      resolved: null,
      labels: ['q1-2026', 'checkout'],
      storyPoints: null,
      parentKey: null,
      fixVersionIds: [],
      fixVersions: [],
      blockedBy: [],
      unresolvedBlockers: [],
      url: `${SITE}/browse/EX-100`,
    });
    expect(story).toMatchObject({ key: 'EX-101', assignee: { accountId: ALEX, email: null }, storyPoints: 5, parentKey: 'EX-100', statusCategory: 'indeterminate' });
    expect(second.issues.map((i) => [i.key, i.type, i.hierarchyLevel, i.parentKey, i.storyPoints, i.statusCategory, i.assignee])).toEqual([
      ['EX-102', 'Bug', 0, 'EX-100', 2, 'done', null],
      ['EX-103', 'Subtask', -1, 'EX-101', null, 'new', expect.objectContaining({ accountId: MIA })],
    ]);
  });

  it('finds a story points field by name when its id is not customfield_10016, and does without one', async () => {
    const { queries, match } = recordQueries();
    const page = clone(searchPage2) as Json;
    page.issues[0].fields.customfield_10028 = 8;
    site().get('/rest/api/3/field').reply(200, [SUMMARY_FIELD, { id: 'customfield_10028', name: 'Story Points', custom: true, schema: { type: 'number', customId: 10028 } }]);
    site().get('/rest/api/3/field').reply(200, [SUMMARY_FIELD]);
    site().get('/rest/api/3/search/jql').times(2).query(match).reply(200, page);

    const named = await new JiraClient(config).searchIssues({ jql: 'project = EX' });
    const none = await new JiraClient(config).searchIssues({ jql: 'project = EX' });

    expect(queries.map((q) => q.fields)).toEqual([`${ISSUE_FIELDS},customfield_10028`, ISSUE_FIELDS]);
    expect(named.issues[0].storyPoints).toBe(8);
    // customfield_10016 is in the payload but is not this site's story points field.
    expect(none.issues[0].storyPoints).toBeNull();
  });

  it('maps the status category on its key, never on the localised name', async () => {
    const page = clone(searchPage2) as Json;
    Object.assign(page.issues[0].fields.status, { name: 'Terminé' });
    Object.assign(page.issues[0].fields.status.statusCategory, { name: 'Terminé' });
    Object.assign(page.issues[1].fields.status.statusCategory, { key: 'something-new', name: 'À faire' });
    site().get('/rest/api/3/field').reply(200, [STORY_POINTS_FIELD]);
    site().get('/rest/api/3/search/jql').query(true).reply(200, page);

    const { issues } = await new JiraClient(config).searchIssues({ jql: 'project = EX' });

    expect(issues.map((i) => [i.status, i.statusCategory])).toEqual([
      ['Terminé', 'done'],
      ['To Do', 'undefined'],
    ]);
  });

  it('reads a 400 naming an unknown project as no rows, and any other 400 as badRequest', async () => {
    site().get('/rest/api/3/field').reply(200, [STORY_POINTS_FIELD]);
    site()
      .get('/rest/api/3/search/jql')
      .query(true)
      .reply(400, { errorMessages: ['The value \'SISR" OR project = "IAM\' does not exist for the field \'project\'.'], errors: {} });
    site()
      .get('/rest/api/3/search/jql')
      .query(true)
      .reply(400, { errorMessages: ["The value 'Closed' does not exist for the field 'status'."], errors: {} });

    const client = new JiraClient(config);
    await expect(client.searchIssues({ jql: jql().where('project', '=', 'SISR" OR project = "IAM').toString() })).resolves.toEqual({
      issues: [],
      nextPageToken: null,
      isLast: true,
    });
    const failure = await client.searchIssues({ jql: 'status = Closed' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect(failure).toMatchObject({ kind: 'badRequest', status: 400, message: expect.stringContaining("The value 'Closed' does not exist") });
  });

  it('leaves out of a negative project clause the projects Jira does not know, and searches again', async () => {
    const unknownProject = (key: string) => ({ errorMessages: [`The value '${key}' does not exist for the field 'project'.`], errors: {} });
    const { queries, match } = recordQueries();
    site().get('/rest/api/3/field').reply(200, [STORY_POINTS_FIELD]);
    site().get('/rest/api/3/search/jql').query(match).reply(400, unknownProject('INTAKE'));
    site().get('/rest/api/3/search/jql').query(match).reply(200, searchPage2);
    const jqls: string[] = [];
    site().post('/rest/api/3/search/approximate-count', (body) => (jqls.push(body.jql), true)).reply(400, unknownProject('INTAKE'));
    site().post('/rest/api/3/search/approximate-count', (body) => (jqls.push(body.jql), true)).reply(400, unknownProject('PMO'));
    site().post('/rest/api/3/search/approximate-count', (body) => (jqls.push(body.jql), true)).reply(200, approximateCount);

    const client = new JiraClient(config);
    const crossProject = jql().notIn('project', ['PMO', 'INTAKE']).where('statusCategory', '!=', '3');
    const page = await client.searchIssues({ jql: jql().anyOf([crossProject]).orderBy('key') });
    const count = await client.countIssues(crossProject);

    expect(queries.map((q) => q.jql)).toEqual([
      '((project not in ("PMO", "INTAKE") AND statusCategory != "3")) ORDER BY key ASC',
      '((project not in ("PMO") AND statusCategory != "3")) ORDER BY key ASC',
    ]);
    expect(page.issues.map((i) => i.key)).toEqual(searchPage2.issues.map((i) => i.key));
    // With no project left to leave out, the clause still restricts the search (Jira Cloud refuses unbounded JQL).
    expect(jqls).toEqual([
      'project not in ("PMO", "INTAKE") AND statusCategory != "3"',
      'project not in ("PMO") AND statusCategory != "3"',
      'project is not EMPTY AND statusCategory != "3"',
    ]);
    expect(count).toBe(approximateCount.count);
  });

  it('still reads an unknown project in a positive clause, or in JQL text, as no rows', async () => {
    const { queries, match } = recordQueries();
    const unknownProject = { errorMessages: ["The value 'NOPE' does not exist for the field 'project'."], errors: {} };
    site().get('/rest/api/3/field').reply(200, [STORY_POINTS_FIELD]);
    site().get('/rest/api/3/search/jql').times(3).query(match).reply(400, unknownProject);

    const client = new JiraClient(config);
    const empty = { issues: [], nextPageToken: null, isLast: true };
    await expect(client.searchIssues({ jql: jql().where('project', '=', 'NOPE').notIn('project', ['PMO']) })).resolves.toEqual(empty);
    await expect(client.searchIssueKeys(jql().in('project', ['NOPE']))).resolves.toEqual([]);
    await expect(client.searchIssues({ jql: 'project != "NOPE"' })).resolves.toEqual(empty);
    expect(queries.map((q) => q.jql)).toEqual(['project = "NOPE" AND project not in ("PMO")', 'project in ("NOPE")', 'project != "NOPE"']);
  });

  it('refuses an empty JQL before it reaches Jira', async () => {
    await expect(new JiraClient(config).searchIssues({ jql: '  ' })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('counts with POST /search/approximate-count', async () => {
    site().post('/rest/api/3/search/approximate-count', { jql: 'project = "EX"' }).reply(200, approximateCount);

    await expect(new JiraClient(config).countIssues('project = "EX"')).resolves.toBe(153);
  });
});

describe('issues by key', () => {
  it('chunks 100 keys per key-in query, follows every page, and aligns the result', async () => {
    const keys = Array.from({ length: 150 }, (_, i) => `EX-${i + 1}`);
    const { queries, match } = recordQueries();
    site().get('/rest/api/3/field').reply(200, [STORY_POINTS_FIELD]);
    site()
      .get('/rest/api/3/search/jql')
      .times(3)
      .query(match)
      .reply(200, (request) => {
        const params = new URL(request.url).searchParams;
        const asked = keysOf({ jql: params.get('jql')! }).filter((k) => k !== 'EX-42');
        // The 100-key chunk comes back in two pages.
        if (asked.length > 60 && !params.has('nextPageToken')) {
          return { isLast: false, nextPageToken: 'next', issues: asked.slice(0, 60).map((k, i) => issueBean(k, String(i))) };
        }
        const rest = asked.length > 60 ? asked.slice(60) : asked;
        return { isLast: true, issues: rest.map((k, i) => issueBean(k, String(1000 + i))) };
      });

    const found = await new JiraClient(config).getIssuesByKeys(['nope', ...keys, 'ex-3']);

    const chunks = queries.filter((q) => !q.nextPageToken).map(keysOf);
    expect(chunks.map((c) => c.length).sort()).toEqual([100, 50]);
    expect(queries.find((q) => keysOf(q).length === 100)?.jql).toBe(jql().in('key', keys.slice(0, 100)).toString());
    expect(found.map((i) => i?.key ?? null)).toEqual([null, ...keys.map((k) => (k === 'EX-42' ? null : k)), 'EX-3']);
  });

  it('drops the keys Jira says do not exist and asks again for the rest', async () => {
    const { queries, match } = recordQueries();
    site().get('/rest/api/3/field').reply(200, [STORY_POINTS_FIELD]);
    site()
      .get('/rest/api/3/search/jql')
      .query(match)
      .reply(400, { errorMessages: ["An issue with key 'EX-2' does not exist for field 'key'."], errors: {} });
    site().get('/rest/api/3/search/jql').query(match).reply(200, { isLast: true, issues: [issueBean('EX-1', '1')] });

    const found = await new JiraClient(config).getIssuesByKeys(['EX-1', 'EX-2']);

    expect(queries.map((q) => q.jql)).toEqual(['key in ("EX-1", "EX-2")', 'key in ("EX-1")']);
    expect(found.map((i) => i?.key ?? null)).toEqual(['EX-1', null]);
  });
});

describe('errors', () => {
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as UpstreamError);

  it('401 → auth', async () => {
    site().get('/rest/api/3/project/EX/version').query(true).reply(401, { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} });

    const error = await failure(new JiraClient(config).getVersions('EX'));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'auth', status: 401, message: expect.stringContaining('Client must be authenticated') });
  });

  it('429 → rateLimit with Retry-After in milliseconds', async () => {
    site().get('/rest/api/3/user/bulk').query(true).reply(429, rateLimited, { 'Retry-After': '7', 'X-ARequestId': 'req-1' });

    const error = await failure(new JiraClient(config).getUsers([MIA]));
    expect(error).toMatchObject({ kind: 'rateLimit', status: 429, retryAfterMs: 7000, message: expect.stringContaining('rate-limited') });
    expect(error?.details.requestId).toBe('req-1');
  });

  it('410 from a removed search API → gone, with Jira\'s message', async () => {
    site().get('/rest/api/3/field').reply(200, [STORY_POINTS_FIELD]);
    site().get('/rest/api/3/search/jql').query(true).reply(410, searchRemoved);

    const error = await failure(new JiraClient(config).searchIssues({ jql: 'project = EX' }));
    expect(error).toMatchObject({ kind: 'gone', status: 410, message: expect.stringContaining('Please migrate to the /rest/api/3/search/jql API') });
  });

  it('a failed story points discovery is not remembered', async () => {
    site().get('/rest/api/3/field').reply(503, { errorMessages: ['Service unavailable'], errors: {} });
    site().get('/rest/api/3/field').reply(200, [STORY_POINTS_FIELD]);
    site().get('/rest/api/3/search/jql').query(true).reply(200, searchPage2);

    const client = new JiraClient(config);
    await expect(client.searchIssues({ jql: 'project = EX' })).rejects.toMatchObject({ kind: 'server' });
    await expect(client.searchIssues({ jql: 'project = EX' })).resolves.toMatchObject({ isLast: true });
  });
});
