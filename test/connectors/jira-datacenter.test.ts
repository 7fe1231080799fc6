import nock from 'nock';
import type { ParsedUrlQuery } from 'node:querystring';
import { ConfigError, loadUpstreamConfigs } from '../../connectors/config';
import { UpstreamError } from '../../connectors/http/errors';
import { JiraClient, type JiraUpstreamConfig } from '../../connectors/jira';
import type { StatusReportBody } from '../../connectors/jira/models';
import legacy from '../fixtures/jira-search-legacy.spec-example.json';
import { useNock } from '../support/nock';

/** The connector in Data Center mode: REST v2 only, `/search` with startAt/total, users by key. */

const SITE = 'https://jira.northfield.edu';
const config: JiraUpstreamConfig = { name: 'jira', baseUrl: SITE, auth: { type: 'bearer', token: 'dc-pat' }, timeoutMs: 2000, deployment: 'datacenter' };
const site = () => nock(SITE, { reqheaders: { authorization: 'Bearer dc-pat' } });
const STORY_POINTS = { id: 'customfield_10002', name: 'Story Points', custom: true, schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float', customId: 10002 } };

type Json = Record<string, any>;
/** The spec's legacy search example, re-keyed as a Data Center issue (users with name/key, no accountId). */
const issue = (key: string, id: string): Json => {
  const bean = structuredClone(legacy.issues[0]) as Json;
  return {
    ...bean,
    id,
    key,
    self: `${SITE}/rest/api/2/issue/${id}`,
    fields: { ...bean.fields, summary: `Issue ${key}`, customfield_10002: 5, assignee: { key: 'jirauser10100', name: 'mia', emailAddress: 'Mia@Northfield.edu', displayName: 'Mia Krystof', active: true } },
  };
};
const page = (startAt: number, total: number, keys: string[]) => ({ expand: 'schema,names', startAt, maxResults: 50, total, issues: keys.map((k, i) => issue(k, String(10000 + startAt + i))) });

useNock();

describe('Jira deployment setting', () => {
  const base = { JIRA_BASE_URL: SITE };
  it('defaults to datacenter with a PAT and cloud with an email and API token', () => {
    expect(loadUpstreamConfigs({ ...base, JIRA_PAT: 'p' }).jira).toMatchObject({ deployment: 'datacenter', auth: { type: 'bearer' } });
    expect(loadUpstreamConfigs({ ...base, JIRA_EMAIL: 'a@b.c', JIRA_API_TOKEN: 't' }).jira).toMatchObject({ deployment: 'cloud', auth: { type: 'basic' } });
    expect(loadUpstreamConfigs({ ...base, JIRA_PAT: 'p', JIRA_DEPLOYMENT: 'Cloud' }).jira).toMatchObject({ deployment: 'cloud' });
  });

  it('stops start-up on an unknown value, naming the variable', () => {
    expect(() => loadUpstreamConfigs({ ...base, JIRA_PAT: 'p', JIRA_DEPLOYMENT: 'server' })).toThrow(ConfigError);
    expect(() => loadUpstreamConfigs({ ...base, JIRA_PAT: 'p', JIRA_DEPLOYMENT: 'server' })).toThrow(/JIRA_DEPLOYMENT must be cloud or datacenter, got "server"/);
  });
});

describe('issue search on /rest/api/2/search', () => {
  it('reads the legacy page shape, discovers "Story Points" on /rest/api/2/field and hands the next startAt back as the token', async () => {
    const queries: ParsedUrlQuery[] = [];
    site().get('/rest/api/2/field').reply(200, [STORY_POINTS]);
    site()
      .get('/rest/api/2/search')
      .times(2)
      .query((q) => (queries.push(q), true))
      .reply(200, () => (queries[queries.length - 1].startAt === '0' ? page(0, 3, ['ED-1', 'ED-2']) : page(2, 3, ['ED-3'])));
    const client = new JiraClient(config);

    const first = await client.searchIssues({ jql: 'project = "ED" ORDER BY key ASC', maxResults: 2 });
    expect(first.issues.map((i) => i.key)).toEqual(['ED-1', 'ED-2']);
    expect(first.issues[0]).toMatchObject({ storyPoints: 5, assignee: { accountId: 'jirauser10100', email: 'mia@northfield.edu' }, url: `${SITE}/browse/ED-1` });
    expect(first).toMatchObject({ nextPageToken: '2', isLast: false });

    const second = await client.searchIssues({ jql: 'project = "ED" ORDER BY key ASC', maxResults: 2, nextPageToken: first.nextPageToken });
    expect(second).toMatchObject({ nextPageToken: null, isLast: true });
    expect(second.issues.map((i) => i.key)).toEqual(['ED-3']);
    expect(queries.map((q) => [q.startAt, q.maxResults])).toEqual([['0', '2'], ['2', '2']]);
    expect(String(queries[0].fields).split(',')).toEqual(expect.arrayContaining(['summary', 'status', 'customfield_10002']));
  });

  it('counts with maxResults=0 and reads total (approximate-count is Cloud-only)', async () => {
    site().get('/rest/api/2/search').query({ jql: 'project = "ED"', fields: 'key', startAt: '0', maxResults: '0' }).reply(200, { ...legacy, issues: [], maxResults: 0, total: 1234 });
    await expect(new JiraClient(config).countIssues('project = "ED"')).resolves.toBe(1234);
  });

  it('reads an unknown project in the JQL as no match', async () => {
    site().get('/rest/api/2/search').query(true).reply(400, { errorMessages: ["The value 'NOPE' does not exist for the field 'project'."], errors: {} });
    await expect(new JiraClient(config).countIssues('project = "NOPE"')).resolves.toBe(0);
  });

  it('shortens the page before the 10,000-result window and refuses to page past it without a request', async () => {
    site().get('/rest/api/2/field').reply(200, [STORY_POINTS]);
    site().get('/rest/api/2/search').query((q) => q.startAt === '9950' && q.maxResults === '50').reply(200, page(9950, 12000, ['ED-1']));
    const client = new JiraClient(config);
    const last = await client.searchIssues({ jql: 'project = "ED"', maxResults: 100, nextPageToken: '9950' });
    expect(last.nextPageToken).toBe('9951');

    const error = await client.searchIssues({ jql: 'project = "ED"', maxResults: 100, nextPageToken: '10000' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'badRequest', message: expect.stringContaining('at most 10,000 results') });
  });

  it('a key-only walk over more than 10,000 matches fails after the first page instead of looping', async () => {
    site().get('/rest/api/2/search').query((q) => q.startAt === '0' && q.maxResults === '1000' && q.fields === 'key').reply(200, page(0, 15000, ['ED-1']));
    await expect(new JiraClient(config).searchIssueKeys('project = "ED"')).rejects.toMatchObject({ kind: 'badRequest', message: expect.stringContaining('15,000') });
  });

  it('rejects a token that is not a startAt', async () => {
    site().get('/rest/api/2/field').reply(200, []);
    await expect(new JiraClient(config).searchIssues({ jql: 'project = "ED"', nextPageToken: 'eyJvIjo1MH0' })).rejects.toThrow(/Not a Jira Data Center page token/);
  });
});

describe('the other Data Center endpoints', () => {
  it('lists projects from GET /rest/api/2/project and reads each profile property (404: no profile)', async () => {
    const lead = { key: 'jirauser10100', name: 'mia', displayName: 'Mia Krystof', active: true };
    site()
      .get('/rest/api/2/project')
      .query({ expand: 'description,lead' })
      .reply(200, [
        { id: '10001', key: 'SOC', name: 'Security Operations', lead },
        { id: '10000', key: 'ED', name: 'Education', lead },
        { id: '10002', key: 'IAM', name: 'Identity', lead },
      ]);
    site().get('/rest/api/2/project/ED/properties/pmo.profile').reply(200, { key: 'pmo.profile', value: { phase: 'planning' } });
    site().get('/rest/api/2/project/IAM/properties/pmo.profile').reply(404, { errorMessages: ["The property 'pmo.profile' does not exist."], errors: {} });
    // The health override is read beside the profile: one more property read per project on the page.
    site().get('/rest/api/2/project/ED/properties/pmo.healthOverride').reply(200, { key: 'pmo.healthOverride', value: {} });
    site().get('/rest/api/2/project/IAM/properties/pmo.healthOverride').reply(404, { errorMessages: ["The property 'pmo.healthOverride' does not exist."], errors: {} });
    const result = await new JiraClient(config).searchProjects({ maxResults: 2 });
    expect(result).toMatchObject({ startAt: 0, total: 3, isLast: false });
    expect(result.values.map((p) => [p.key, p.profile?.phase ?? null, p.lead?.accountId])).toEqual([
      ['ED', 'PLANNING', 'jirauser10100'],
      ['IAM', null, 'jirauser10100'],
    ]);
  });

  it('reads users by key, one GET /rest/api/2/user each (there is no /user/bulk)', async () => {
    site().get('/rest/api/2/user').query({ key: 'jirauser10100' }).reply(200, { key: 'jirauser10100', name: 'mia', displayName: 'Mia Krystof', active: true });
    site().get('/rest/api/2/user').query({ key: 'gone' }).reply(404, { errorMessages: ["The user with the key 'gone' does not exist"], errors: {} });
    await expect(new JiraClient(config).getUsers(['jirauser10100', 'gone', 'jirauser10100'])).resolves.toEqual([
      { accountId: 'jirauser10100', displayName: 'Mia Krystof', email: null, active: true },
      null,
      { accountId: 'jirauser10100', displayName: 'Mia Krystof', email: null, active: true },
    ]);
  });

  it('files a status report on /rest/api/2/issue with a wiki-text description, markup escaped', async () => {
    const report: StatusReportBody = {
      projectKey: 'SOC', statusDate: '2026-11-20', authorEmail: null, overall: 'AMBER', schedule: null, cost: null, scope: null, resources: null,
      summary: 'Vendor [slipped|http://evil] *badly*', accomplishments: null, nextSteps: null, keyIssues: null, risks: null,
    };
    let sent: Json = {};
    site().post('/rest/api/2/issue', (body) => ((sent = body), true)).reply(201, { id: '10500', key: 'PMO-7', self: `${SITE}/rest/api/2/issue/10500` });
    await expect(new JiraClient(config).createStatusReport({ projectKey: 'PMO', issueType: 'Task' }, report)).resolves.toMatchObject({ id: 'PMO-7' });
    expect(typeof sent.fields.description).toBe('string');
    expect(sent.fields.description).toContain('*Summary:* Vendor \\[slipped\\|http://evil\\] \\*badly\\*');
    expect(sent.properties[0]).toMatchObject({ key: 'pmo.statusReport', value: { summary: report.summary } });
  });

  it('reads versions and properties under /rest/api/2', async () => {
    site().get('/rest/api/2/project/ED/version').query(true).reply(200, { startAt: 0, maxResults: 100, total: 1, isLast: true, values: [{ id: '1', name: 'R1', released: false }] });
    await expect(new JiraClient(config).getVersions('ED')).resolves.toMatchObject([{ id: '1', name: 'R1', issues: null }]);
  });
});
