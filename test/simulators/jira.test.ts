import type { UpstreamConfig } from '../../connectors/http/config';
import { UpstreamError } from '../../connectors/http/errors';
import { JiraClient } from '../../connectors/jira';
import { jql } from '../../connectors/jira/jql';
import type { JiraIssue, PmoProfile } from '../../connectors/jira/models';
import { NO_FAULTS, startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset, type DemoIssue, type DemoPerson } from '../../simulators/data/dataset';
import { jiraSimulator } from '../../simulators/jira';

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
const { email, apiToken, pat } = SIMULATOR_CREDENTIALS.jira;
const TODAY = '2026-11-26';

const person = (scimId: string | null): DemoPerson | undefined => data.people.find((p) => p.scimId === scimId);
const issuesOf = (key: string) => data.issues.filter((i) => i.projectKey === key);
/** The project with the most issues, so its search spans several pages. */
const BUSIEST = [...data.projects].sort((a, b) => issuesOf(b.key).length - issuesOf(a.key).length)[0];

let sim: RunningSimulator;
let config: UpstreamConfig;
let client: JiraClient;

beforeAll(async () => {
  sim = await startSimulator(jiraSimulator(data));
  config = { name: 'jira', baseUrl: sim.url, auth: { type: 'basic', username: email, password: apiToken }, timeoutMs: 5000 };
  client = new JiraClient(config);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setFaults(NO_FAULTS);
  sim.reset();
});

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);

describe('JiraClient against the Jira simulator', () => {
  it('requires Cloud basic auth or a PAT: anything else is a 401', async () => {
    await expect(new JiraClient({ ...config, auth: { type: 'none' } }).searchProjects({})).rejects.toMatchObject({ kind: 'auth', status: 401 });
    const wrong = await failure(new JiraClient({ ...config, auth: { type: 'basic', username: email, password: 'stolen' } }).searchProjects({}));
    expect(wrong).toBeInstanceOf(UpstreamError);
    expect(wrong).toMatchObject({ kind: 'auth', message: expect.stringContaining('Client must be authenticated') });

    const bearer = new JiraClient({ ...config, auth: { type: 'bearer', token: pat } });
    await expect(bearer.searchProjects({ maxResults: 1 })).resolves.toMatchObject({ total: data.projects.length + 2 });
  });

  it('pages the projects 20 at a time, in key order, each exactly once', async () => {
    const first = await client.searchProjects({ maxResults: 20 });
    const second = await client.searchProjects({ startAt: 20, maxResults: 20 });

    // The data set's projects and the PMO project the status reports are filed in.
    expect(first).toMatchObject({ startAt: 0, maxResults: 20, total: data.projects.length + 2, isLast: false });
    expect(first.values).toHaveLength(20);
    expect(second).toMatchObject({ startAt: 20, total: data.projects.length + 2, isLast: true });
    expect(second.values).toHaveLength(data.projects.length + 2 - 20);
    expect([...first.values, ...second.values].map((p) => p.key)).toEqual([...data.projects.map((p) => p.key), 'INTAKE', 'PMO'].sort());
    expect(sim.requests()).toEqual({ 'GET /rest/api/3/project/search': 2 });
  });

  it('returns the lead, description and pmo.profile property of every project in the same request', async () => {
    const { values } = await client.searchProjects({ query: 'identity' });
    const iam = data.projects.find((p) => p.key === 'IAM')!;
    const lead = person(iam.leadId)!;

    expect(values.map((p) => p.key)).toEqual(['IAM']);
    expect(values[0]).toEqual({
      id: iam.id,
      key: 'IAM',
      name: iam.name,
      description: iam.description,
      url: `${sim.url}/browse/IAM`,
      category: iam.category,
      lead: { accountId: lead.jiraAccountId, displayName: lead.displayName, email: lead.jiraEmailHidden ? null : lead.email, active: true },
      profile: {
        phase: iam.phase,
        priority: iam.priority,
        sponsorEmail: person(iam.sponsorId)!.email,
        plannedStart: iam.plannedStart,
        plannedEnd: iam.plannedEnd,
        team: iam.team.map((m) => ({ email: person(m.personId)!.email, role: m.role, allocation: m.allocation })),
      },
      healthOverride: null,
    });
  });

  it('looks projects up by key, aligned, with null for a key Jira does not have', async () => {
    const found = await client.getProjectsByKeys(['SISR', 'NOPE', 'iam']);
    expect(found.map((p) => p?.key ?? null)).toEqual(['SISR', null, 'IAM']);
    expect(found[0]?.profile?.phase).toBe(data.projects.find((p) => p.key === 'SISR')!.phase);
  });

  it('writes the profile property and reads it back', async () => {
    const profile: PmoProfile = {
      phase: 'CLOSING',
      priority: 1,
      sponsorEmail: 'sponsor@northfield.edu',
      plannedStart: '2026-01-05',
      plannedEnd: '2026-12-18',
      team: [{ email: 'pm@northfield.edu', role: 'Project Manager', allocation: null }],
    };
    await client.putProfile('DWH', profile);
    const [dwh] = await client.getProjectsByKeys(['DWH']);
    expect(dwh?.profile).toEqual(profile);
  });

  it('lists versions with overdue = unreleased and past its release date', async () => {
    const project = data.projects.find((p) => p.versions.some((v) => !v.released && v.releaseDate && v.releaseDate < TODAY))!;

    const versions = await client.getVersions(project.key);
    const counts = (id: string) => {
      const of = (category: string) => data.issues.filter((i) => i.fixVersionIds.includes(id) && i.statusCategory === category).length;
      return { toDo: of('new'), inProgress: of('indeterminate'), done: of('done'), unmapped: 0 };
    };

    expect(versions).toEqual(
      project.versions.map((v) => ({
        id: v.id,
        projectId: project.id,
        name: v.name,
        description: v.description,
        startDate: v.startDate,
        releaseDate: v.releaseDate,
        released: v.released,
        archived: false,
        overdue: !v.released && v.releaseDate !== null && v.releaseDate < TODAY,
        issues: counts(v.id),
      })),
    );
    expect(versions.some((v) => v.overdue)).toBe(true);
    await expect(client.getVersions('NOPE')).rejects.toMatchObject({ kind: 'notFound', status: 404 });
  });

  it('pages a project’s issues by nextPageToken, reaching every issue exactly once', async () => {
    const query = jql().where('project', '=', BUSIEST.key).orderBy('key').toString();
    const expected = issuesOf(BUSIEST.key);
    const keys: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const page = await client.searchIssues({ jql: query, maxResults: 50, nextPageToken: token });
      keys.push(...page.issues.map((i) => i.key));
      token = page.nextPageToken;
      pages++;
      expect(page.isLast).toBe(token === null);
    } while (token);

    expect(expected.length).toBeGreaterThan(100);
    expect(pages).toBe(Math.ceil(expected.length / 50));
    expect(new Set(keys).size).toBe(keys.length);
    const number = (key: string) => Number(key.split('-')[1]);
    expect(keys).toEqual(expected.map((i) => i.key).sort((a, b) => number(a) - number(b)));
    expect(sim.requests()).toEqual({ 'GET /rest/api/3/field': 1, 'GET /rest/api/3/search/jql': pages });
  });

  it('maps an issue field for field from the wire: parent, blockers, story points, hidden emails, dates', async () => {
    const sample = data.issues.find((i) => i.blockedBy.length && i.parentKey && i.storyPoints !== null && person(i.assigneeId)?.jiraEmailHidden)
      ?? data.issues.find((i) => i.blockedBy.length && i.parentKey)!;
    const resolved = data.issues.find((i) => i.resolved !== null)!;

    const [issue, done, missing, malformed] = await client.getIssuesByKeys([sample.key, resolved.key, `${sample.projectKey}-99999`, 'not a key']);

    expect(issue).toEqual(expected(sample));
    expect(done).toEqual(expected(resolved));
    expect(missing).toBeNull();
    expect(malformed).toBeNull();
  });

  it('fetches issues by key in chunks, aligned with the keys', async () => {
    const keys = [...issuesOf(BUSIEST.key), ...issuesOf('IAM')].slice(0, 230).map((i) => i.key);

    const found = await client.getIssuesByKeys([...keys].reverse());

    expect(found.map((i) => i?.key)).toEqual([...keys].reverse());
    expect(sim.requests()['GET /rest/api/3/search/jql']).toBe(3);
  });

  it('counts exactly what the data set holds', async () => {
    const project = data.projects.find((p) => p.key === 'IAM')!;
    await expect(client.countIssues(jql().where('project', '=', project.key).toString())).resolves.toBe(issuesOf('IAM').length);
    const open = jql().where('project', '=', 'IAM').where('statusCategory', '!=', 'done').toString();
    await expect(client.countIssues(open)).resolves.toBe(issuesOf('IAM').filter((i) => i.statusCategory !== 'done').length);
  });

  it('keeps hostile values literal: they match nothing instead of widening the query', async () => {
    const hostile = [
      jql().where('project', '=', 'SISR" OR project = "IAM'),
      jql().where('project', '=', 'SISR\\" OR project = \\"IAM'),
      jql().where('project', '=', 'IAM ORDER BY key'),
      jql().where('project', '=', 'IAM').where('summary', '~', 'x" OR project = "SISR" ORDER BY key'),
      jql().where('project', '=', 'IAM').where('labels', '=', 'a\\'),
      jql().in('key', ['IAM-1") OR key in ("SISR-1']),
    ].map(String);

    for (const query of hostile) {
      await expect(client.searchIssues({ jql: query })).resolves.toEqual({ issues: [], nextPageToken: null, isLast: true });
      await expect(client.countIssues(query)).resolves.toBe(0);
    }

    // The same builder finds a real value, so the zero rows above come from quoting, not from a broken search.
    const target = issuesOf('IAM')[5];
    const found = await client.searchIssues({ jql: jql().where('project', '=', 'IAM').where('summary', '~', target.summary).toString() });
    expect(found.issues.map((i) => i.key)).toContain(target.key);
  });

  it('hides the email of users whose privacy settings hide it, and returns null for unknown accounts', async () => {
    const hidden = data.people.find((p) => p.jiraEmailHidden)!;
    const visible = data.people.find((p) => !p.jiraEmailHidden)!;

    const users = await client.getUsers([hidden.jiraAccountId, 'unknown-account', visible.jiraAccountId]);

    expect(users).toEqual([
      { accountId: hidden.jiraAccountId, displayName: hidden.displayName, email: null, active: hidden.active },
      null,
      { accountId: visible.jiraAccountId, displayName: visible.displayName, email: visible.email, active: visible.active },
    ]);
  });

  it('surfaces injected rate limiting as rateLimit with Retry-After', async () => {
    sim.setFaults({ rateLimitRate: 1, retryAfterSeconds: 3 });

    const error = await failure(client.searchProjects({}));

    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'rateLimit', status: 429, retryAfterMs: 3000, message: expect.stringContaining('rate-limited') });
  });
});

/** What the connector should make of a data set issue, written out from the data set, not the simulator. */
function expected(issue: DemoIssue): JiraIssue {
  const user = (scimId: string | null) => {
    const p = person(scimId);
    return p ? { accountId: p.jiraAccountId, displayName: p.displayName, email: p.jiraEmailHidden ? null : p.email, active: p.active } : null;
  };
  const hierarchy = { Epic: 1, 'Sub-task': -1 } as Record<string, number>;
  return {
    id: issue.id,
    key: issue.key,
    projectKey: issue.projectKey,
    summary: issue.summary,
    type: issue.type,
    hierarchyLevel: hierarchy[issue.type] ?? 0,
    status: issue.status,
    statusCategory: issue.statusCategory,
    priority: issue.priority,
    assignee: user(issue.assigneeId),
    reporter: user(issue.reporterId),
    dueDate: issue.dueDate,
    created: issue.created,
    updated: issue.updated,
    resolved: issue.resolved,
    labels: issue.labels,
    storyPoints: issue.storyPoints,
    parentKey: issue.parentKey,
    fixVersionIds: issue.fixVersionIds,
    fixVersions: issue.fixVersionIds.map((id) => {
      const version = data.projects.flatMap((p) => p.versions).find((v) => v.id === id)!;
      return { id, name: version.name, released: version.released, releaseDate: version.releaseDate };
    }),
    blockedBy: issue.blockedBy,
    unresolvedBlockers: issue.blockedBy.filter((key) => data.issues.find((i) => i.key === key)!.statusCategory !== 'done'),
    url: `${sim.url}/browse/${issue.key}`,
  };
}
