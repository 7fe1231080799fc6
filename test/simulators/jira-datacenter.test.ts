import { startStack } from '../../bin/stack';
import { JiraClient, type JiraUpstreamConfig } from '../../connectors/jira';
import { jql } from '../../connectors/jira/jql';
import { NO_FAULTS, startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset } from '../../simulators/data/dataset';
import { jiraSimulator } from '../../simulators/jira';
import { graphql } from '../support/graphql';

/** The real JiraClient in Data Center mode against the simulator in Data Center mode. */

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
const { email, apiToken, pat } = SIMULATOR_CREDENTIALS.jira;
const issuesOf = (key: string) => data.issues.filter((i) => i.projectKey === key);
const BUSIEST = [...data.projects].sort((a, b) => issuesOf(b.key).length - issuesOf(a.key).length)[0];

let sim: RunningSimulator;
let config: JiraUpstreamConfig;
let client: JiraClient;

beforeAll(async () => {
  sim = await startSimulator(jiraSimulator(data, SIMULATOR_CREDENTIALS.jira, { deployment: 'datacenter' }));
  config = { name: 'jira', baseUrl: sim.url, auth: { type: 'bearer', token: pat }, timeoutMs: 5000, deployment: 'datacenter' };
  client = new JiraClient(config);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setFaults(NO_FAULTS);
  sim.reset();
});

const raw = (path: string, init: RequestInit = {}) =>
  fetch(`${sim.url}${path}`, { ...init, headers: { authorization: `Bearer ${pat}`, 'content-type': 'application/json', ...init.headers } });

describe('the Jira simulator in Data Center mode', () => {
  it('accepts only a bearer PAT', async () => {
    const basic = new JiraClient({ ...config, auth: { type: 'basic', username: email, password: apiToken } });
    await expect(basic.countIssues(`project = "${BUSIEST.key}"`)).rejects.toMatchObject({ kind: 'auth', status: 401 });
    await expect(client.countIssues(`project = "${BUSIEST.key}"`)).resolves.toBe(issuesOf(BUSIEST.key).length);
  });

  it('serves only REST v2: the Cloud search, count, bulk user and project search endpoints are 404', async () => {
    const query = `jql=${encodeURIComponent(`project = "${BUSIEST.key}"`)}`;
    expect((await raw(`/rest/api/3/search/jql?${query}`)).status).toBe(404);
    expect((await raw(`/rest/api/2/search/jql?${query}`)).status).toBe(404);
    expect((await raw('/rest/api/3/search/approximate-count', { method: 'POST', body: JSON.stringify({ jql: 'project = "X"' }) })).status).toBe(404);
    expect((await raw('/rest/api/2/search/approximate-count', { method: 'POST', body: JSON.stringify({ jql: 'project = "X"' }) })).status).toBe(404);
    expect((await raw('/rest/api/3/field')).status).toBe(404);
    expect((await raw('/rest/api/2/user/bulk?accountId=x')).status).toBe(404);

    const body = (await (await raw(`/rest/api/2/search?${query}&maxResults=2`)).json()) as Record<string, any>;
    expect(body).toMatchObject({ startAt: 0, maxResults: 2, total: issuesOf(BUSIEST.key).length });
    // Fields default to every navigable field; users carry name and key, no account id.
    expect(body.issues[0].self).toContain('/rest/api/2/issue/');
    expect(Object.keys(body.issues[0].fields)).toEqual(expect.arrayContaining(['summary', 'status', 'reporter']));
    expect(body.issues[0].fields.reporter).toMatchObject({ name: expect.any(String), key: expect.any(String) });
    expect(body.issues[0].fields.reporter.accountId).toBeUndefined();
  });

  it('answers a page reaching past the 10,000-result window with the 500 Data Center sends', async () => {
    const response = await raw(`/rest/api/2/search?jql=${encodeURIComponent(`project = "${BUSIEST.key}"`)}&startAt=10000&maxResults=100`);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      errorMessages: [expect.stringContaining('requests 10,100 results which exceeded the search platform limit of 10,000')],
    });
  });

  it('pages every issue of a project exactly once across startAt pages, and counts the same number', async () => {
    const query = jql().where('project', '=', BUSIEST.key).orderBy('key', 'ASC').toString();
    const keys: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const page = await client.searchIssues({ jql: query, maxResults: 25, nextPageToken: token });
      keys.push(...page.issues.map((i) => i.key));
      token = page.nextPageToken;
      pages += 1;
    } while (token);

    const expected = issuesOf(BUSIEST.key).map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...expected].sort());
    expect(pages).toBe(Math.ceil(expected.length / 25));
    await expect(client.countIssues(query)).resolves.toBe(expected.length);
    await expect(client.searchIssueKeys(query)).resolves.toEqual(keys);
    // Story points come from the "Story Points" field found on /rest/api/2/field.
    const withPoints = issuesOf(BUSIEST.key).find((i) => i.storyPoints !== null)!;
    expect((await client.getIssuesByKeys([withPoints.key]))[0]).toMatchObject({ key: withPoints.key, storyPoints: withPoints.storyPoints });
    expect(sim.requests()).toEqual({
      'GET /rest/api/2/field': 1,
      'GET /rest/api/2/search': pages + 1 + 1 + 1,
    });
  });

  it('keeps hostile values literal: they match nothing instead of widening the query', async () => {
    const hostile = [
      jql().where('project', '=', 'SISR" OR project = "IAM'),
      jql().where('project', '=', 'IAM ORDER BY key'),
      jql().where('project', '=', 'IAM').where('summary', '~', 'x" OR project = "SISR" ORDER BY key'),
      jql().where('project', '=', 'IAM').where('labels', '=', 'a\\'),
      jql().in('key', ['IAM-1") OR key in ("SISR-1']),
    ].map(String);
    for (const query of hostile) {
      await expect(client.searchIssues({ jql: query })).resolves.toEqual({ issues: [], nextPageToken: null, isLast: true });
      await expect(client.countIssues(query)).resolves.toBe(0);
    }
  });

  it('reads users by key, assigned work by email, and files a report that reads back', async () => {
    const person = data.people.find((p) => !p.jiraEmailHidden && data.issues.some((i) => i.assigneeId === p.scimId))!;
    const issue = data.issues.find((i) => i.assigneeId === person.scimId)!;
    const found = (await client.getIssuesByKeys([issue.key]))[0]!;
    expect(found.assignee).toMatchObject({ email: person.email.toLowerCase(), displayName: person.displayName });
    await expect(client.getUsers([found.assignee!.accountId, 'nobody'])).resolves.toEqual([found.assignee, null]);

    const store = { projectKey: 'PMO', issueType: 'Task' };
    const filed = await client.createStatusReport(store, {
      projectKey: BUSIEST.key, statusDate: '2026-11-26', authorEmail: null, overall: 'RED', schedule: null, cost: null, scope: null, resources: null,
      summary: 'Data Center report', accomplishments: null, nextSteps: null, keyIssues: null, risks: null,
    });
    const history = await client.getStatusReports(store, [BUSIEST.key]);
    expect(history.map((r) => r.id)).toContain(filed.id);
  });
});

test('the portfolio query works through the gateway with JIRA_PAT against a Data Center Jira', async () => {
  const stack = await startStack({ env: { JIRA_BASE_URL: sim.url, JIRA_PAT: pat }, ports: 'random', dataset: data });
  try {
    sim.reset();
    const result = await graphql<{ projects: { totalCount: number; edges: Array<{ node: Record<string, any> }> } }>(
      stack.gateway.url,
      /* GraphQL */ `
        query {
          projects(first: 40) {
            totalCount
            edges { node { key phase lead { email } latestStatus { overall } deliveryHealth { overall } issueStats { open blocked } } }
          }
        }
      `,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.projects.edges.map((e) => e.node);
    const portfolio = nodes.filter((n) => n.key !== 'PMO');
    expect(portfolio.map((n) => n.key).sort()).toEqual(data.projects.map((p) => p.key).sort());
    const busiest = nodes.find((n) => n.key === BUSIEST.key)!;
    expect(busiest.issueStats.open).toBe(issuesOf(BUSIEST.key).filter((i) => i.statusCategory !== 'done').length);
    expect(busiest.phase).toBe(BUSIEST.phase);
    // No Cloud-only path was called. The list is one call, but each project Jira lists (the PMO reports
    // and intake projects too) costs one profile read: Data Center has no `properties=` on a project list.
    expect(sim.requests()).toEqual({
      'GET /rest/api/2/project': 1,
      // Two reads a project: the profile and the health override.
      'GET /rest/api/2/project/:idOrKey/properties/:propertyKey': 2 * (data.projects.length + 2),
      'GET /rest/api/2/field': 1,
      'GET /rest/api/2/search': expect.any(Number),
    });
  } finally {
    await stack.close();
  }
});
