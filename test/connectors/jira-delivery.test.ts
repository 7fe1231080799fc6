import nock from 'nock';
import type { ParsedUrlQuery } from 'node:querystring';
import type { UpstreamConfig } from '../../connectors/http/config';
import { JiraClient } from '../../connectors/jira';
import type { StatusReportBody } from '../../connectors/jira/models';
import searchPage1 from '../fixtures/jira-search-jql.json';
import { useNock } from '../support/nock';

/** The connector operations behind issue stats, status reports and staffing, against nock. */

const SITE = 'https://northfield.atlassian.net';
const config: UpstreamConfig = { name: 'jira', baseUrl: SITE, auth: { type: 'bearer', token: 'dc-pat' }, timeoutMs: 2000 };
const site = () => nock(SITE, { reqheaders: { authorization: 'Bearer dc-pat' } });
const STORE = { projectKey: 'PMO', issueType: 'Task' };

useNock();

const report: StatusReportBody = {
  projectKey: 'SOC',
  statusDate: '2026-11-20',
  authorEmail: 'mia@example.com',
  overall: 'AMBER',
  schedule: 'RED',
  cost: null,
  scope: 'GREEN',
  resources: null,
  summary: 'Vendor slipped.',
  accomplishments: null,
  nextSteps: 'Escalate.',
  keyIssues: null,
  risks: null,
};

it('counts with key-only searches that follow nextPageToken at 5000 issues a page', async () => {
  const queries: ParsedUrlQuery[] = [];
  site()
    .get('/rest/api/3/search/jql')
    .times(2)
    .query((q) => (queries.push(q), true))
    .reply(200, (request) =>
      new URL(request.url).searchParams.has('nextPageToken')
        ? { isLast: true, issues: [{ id: '3', key: 'SOC-3' }] }
        : { isLast: false, nextPageToken: 'tok-2', issues: [{ id: '1', key: 'SOC-1' }, { id: '2', key: 'IAM-2' }] },
    );

  await expect(new JiraClient(config).searchIssueKeys('project in ("SOC", "IAM")')).resolves.toEqual(['SOC-1', 'IAM-2', 'SOC-3']);
  expect(queries).toEqual([
    { jql: 'project in ("SOC", "IAM")', fields: 'key', maxResults: '5000' },
    { jql: 'project in ("SOC", "IAM")', fields: 'key', maxResults: '5000', nextPageToken: 'tok-2' },
  ]);
});

it('files a status report as one POST /issue carrying its body as an issue property', async () => {
  let sent: any;
  site()
    .post('/rest/api/3/issue', (body) => ((sent = body), true))
    .reply(201, { id: '10042', key: 'PMO-42', self: `${SITE}/rest/api/3/issue/10042` });

  const filed = await new JiraClient(config).createStatusReport(STORE, report);

  expect(sent.fields).toMatchObject({
    project: { key: 'PMO' },
    issuetype: { name: 'Task' },
    summary: 'SOC status 2026-11-20: AMBER',
    labels: ['pmo-status-SOC'],
    description: { type: 'doc', version: 1 },
  });
  expect(sent.properties).toEqual([{ key: 'pmo.statusReport', value: { ...report, submittedAt: expect.any(String) } }]);
  expect(filed).toMatchObject({ ...report, id: 'PMO-42', url: `${SITE}/browse/PMO-42` });
});

it('reads the history of many projects in one search by label, skipping bodies that are not reports', async () => {
  const queries: ParsedUrlQuery[] = [];
  const bean = (key: string, value: unknown) => ({ id: key.replace(/\D/g, ''), key, fields: {}, properties: { 'pmo.statusReport': value } });
  site()
    .get('/rest/api/3/search/jql')
    .query((q) => (queries.push(q), true))
    .reply(200, {
      isLast: true,
      issues: [
        bean('PMO-1', { ...report, submittedAt: '2026-11-20T10:00:00.000Z' }),
        bean('PMO-2', { ...report, projectKey: 'iam', overall: 'PURPLE' }),
        bean('PMO-3', { ...report, projectKey: 'iam', statusDate: '2026-11-01' }),
        { id: '4', key: 'PMO-4', fields: {} },
      ],
    });

  const reports = await new JiraClient(config).getStatusReports(STORE, ['SOC', 'IAM']);

  expect(queries).toEqual([
    { jql: 'project = "PMO" AND labels in ("pmo-status-SOC", "pmo-status-IAM") ORDER BY key ASC', fields: 'key', properties: 'pmo.statusReport', maxResults: '5000' },
  ]);
  expect(reports.map((r) => [r.id, r.projectKey, r.statusDate, r.created])).toEqual([
    ['PMO-1', 'SOC', '2026-11-20', '2026-11-20T10:00:00.000Z'],
    ['PMO-3', 'IAM', '2026-11-01', '2026-11-01T00:00:00.000Z'],
  ]);
});

it('drops an assignee email Jira does not know and asks again for the rest', async () => {
  const jqls: string[] = [];
  site().get('/rest/api/3/field').reply(200, []);
  site()
    .get('/rest/api/3/search/jql')
    .query((q) => (jqls.push(String(q.jql)), true))
    .reply(400, { errorMessages: ["The value 'gone@example.com' does not exist for the field 'assignee'."], errors: {} });
  site().get('/rest/api/3/search/jql').query((q) => (jqls.push(String(q.jql)), true)).reply(200, { isLast: true, issues: [searchPage1.issues[0]] });

  const issues = await new JiraClient(config).searchOpenAssigned(['Mia@Example.com', 'gone@example.com'], 'PMO');

  expect(jqls).toEqual([
    'assignee in ("mia@example.com", "gone@example.com") AND statusCategory != "3" AND project != "PMO" ORDER BY key ASC',
    'assignee in ("mia@example.com") AND statusCategory != "3" AND project != "PMO" ORDER BY key ASC',
  ]);
  expect(issues.map((i) => i.key)).toEqual([searchPage1.issues[0].key]);
});

it('leaves out the excluded project when Jira does not know it, instead of finding no work', async () => {
  const jqls: string[] = [];
  site().get('/rest/api/3/field').reply(200, []);
  site()
    .get('/rest/api/3/search/jql')
    .query((q) => (jqls.push(String(q.jql)), true))
    .reply(400, { errorMessages: ["The value 'PMO' does not exist for the field 'project'."], errors: {} });
  site().get('/rest/api/3/search/jql').query((q) => (jqls.push(String(q.jql)), true)).reply(200, { isLast: true, issues: [searchPage1.issues[0]] });

  const issues = await new JiraClient(config).searchOpenAssigned(['mia@example.com'], 'PMO');

  expect(jqls).toEqual([
    'assignee in ("mia@example.com") AND statusCategory != "3" AND project != "PMO" ORDER BY key ASC',
    'assignee in ("mia@example.com") AND statusCategory != "3" AND project is not EMPTY ORDER BY key ASC',
  ]);
  expect(issues.map((i) => i.key)).toEqual([searchPage1.issues[0].key]);
});

it('a POST /issue that fails is reported, not retried', async () => {
  site().post('/rest/api/3/issue').reply(503, { errorMessages: ['Service unavailable'], errors: {} });
  await expect(new JiraClient(config).createStatusReport(STORE, report)).rejects.toMatchObject({ kind: 'server', status: 503 });
});
