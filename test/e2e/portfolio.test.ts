import { startStack, type Stack } from '../../bin/stack';
import { generateDataset, type Dataset, type DemoProject } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

/**
 * Query.portfolio through the gateway over the simulators: every roll-up equals what the demo data set says,
 * computed here from generateDataset, and the whole query costs a bounded number of upstream requests.
 */

const PORTFOLIO = /* GraphQL */ `
  query {
    portfolio {
      id
      projectCount
      byPhase { phase count }
      byHealth { rag overall computed reported }
      bySponsor { sponsor { email } count }
      byDepartment { department division count projectKeys }
      byDivision { division count }
      staleReports { project { key } daysSinceLastReport }
      timeline { project { key } milestone { name releaseDate progress { done total } } bucket daysUntil }
      keyIssues { id kind project { key } reference }
      trends(last: 3) { project { key } points { statusDate overall } change }
      operations { projectKey openP1Incidents { number } }
      dataQuality { checks { check count projectKeys } projectsWithIssues unknownTicketProjectKeys }
      projects { key health { overall } }
    }
  }
`;

interface Result {
  portfolio: {
    id: string;
    projectCount: number;
    byPhase: Array<{ phase: string | null; count: number }>;
    byHealth: Array<{ rag: string | null; overall: number; computed: number; reported: number }>;
    bySponsor: Array<{ sponsor: { email: string } | null; count: number }>;
    byDepartment: Array<{ department: string | null; division: string | null; count: number; projectKeys: string[] }>;
    byDivision: Array<{ division: string | null; count: number }>;
    staleReports: Array<{ project: { key: string }; daysSinceLastReport: number | null }>;
    timeline: Array<{ project: { key: string }; milestone: { name: string }; bucket: string; daysUntil: number }>;
    keyIssues: Array<{ id: string; kind: string; project: { key: string }; reference: string }>;
    trends: Array<{ project: { key: string }; points: Array<{ statusDate: string; overall: string }>; change: number }>;
    operations: Array<{ projectKey: string; openP1Incidents: Array<{ number: string }> }>;
    dataQuality: { checks: Array<{ check: string; count: number; projectKeys: string[] }>; projectsWithIssues: number; unknownTicketProjectKeys: string[] };
    projects: Array<{ key: string; health: { overall: string | null } }>;
  };
}

const DAY = 86_400_000;
let stack: Stack;
let data: Dataset;
let today: string;

beforeAll(async () => {
  // Anchored on today: the subgraphs run on the real clock, so freshness and the timeline agree with the data.
  data = generateDataset({ anchor: new Date() });
  today = new Date().toISOString().slice(0, 10);
  stack = await startStack({ env: {}, ports: 'random', dataset: data });
});

afterAll(async () => {
  await stack?.close();
});

const personOf = (id: string) => data.people.find((p) => p.scimId === id || p.jiraAccountId === id);
const latest = (p: DemoProject) => [...p.statusReports].sort((a, b) => b.statusDate.localeCompare(a.statusDate))[0] ?? null;
const active = (p: DemoProject) => p.phase !== 'CLOSED';

test('one portfolio query returns every roll-up of the demo portfolio, in a bounded number of upstream requests', async () => {
  for (const sim of Object.values(stack.simulators)) sim?.reset();
  const { data: result, errors } = await graphql<Result>(stack.gateway.url, PORTFOLIO);
  expect(errors).toBeUndefined();
  const p = result!.portfolio;
  const projects = [...data.projects].sort((a, b) => a.key.localeCompare(b.key));

  expect(p.id).toBe('Portfolio:all');
  expect(p.projectCount).toBe(projects.length);
  for (const { phase, count } of p.byPhase) expect(count).toBe(projects.filter((x) => (x.phase ?? null) === phase).length);

  // Reported: each project's latest report; overall: the same RAG Project.health gives.
  for (const row of p.byHealth) {
    expect(row.reported).toBe(projects.filter((x) => (latest(x)?.overall ?? null) === row.rag).length);
    expect(row.overall).toBe(p.projects.filter((x) => x.health.overall === row.rag).length);
  }
  expect(p.byHealth.reduce((n, r) => n + r.computed, 0)).toBe(projects.length);

  const sponsors = new Map<string, number>();
  for (const x of projects) {
    const email = personOf(x.sponsorId)!.email.toLowerCase();
    sponsors.set(email, (sponsors.get(email) ?? 0) + 1);
  }
  expect(new Map(p.bySponsor.map((s) => [s.sponsor!.email, s.count]))).toEqual(sponsors);

  // Department: the lead's, from the directory; unknown when Jira hides the email or the lead is not (or no longer) in it.
  const department = (x: DemoProject) => {
    const lead = personOf(x.leadId)!;
    return !lead.jiraEmailHidden && lead.inDirectory && lead.active ? lead.department : null;
  };
  for (const row of p.byDepartment) expect(row.projectKeys).toEqual(projects.filter((x) => department(x) === row.department).map((x) => x.key).sort());
  expect(p.byDepartment.reduce((n, r) => n + r.count, 0)).toBe(projects.length);
  expect(p.byDivision.reduce((n, r) => n + r.count, 0)).toBe(projects.length);

  const daysSince = (date: string) => Math.round((Date.parse(today) - Date.parse(date)) / DAY);
  const stale = projects.filter((x) => active(x) && (!latest(x) || daysSince(latest(x)!.statusDate) > 14));
  expect(p.staleReports.map((s) => s.project.key).sort()).toEqual(stale.map((x) => x.key).sort());

  const milestones = projects.filter(active).flatMap((x) =>
    x.versions
      .filter((v) => !v.released && !v.archived && v.releaseDate !== null && daysSince(v.releaseDate) >= -90)
      .map((v) => `${x.key}/${v.name}`),
  );
  expect(p.timeline.map((t) => `${t.project.key}/${t.milestone.name}`).sort()).toEqual(milestones.sort());
  expect(p.timeline.map((t) => t.daysUntil)).toEqual([...p.timeline.map((t) => t.daysUntil)].sort((a, b) => a - b));
  expect(p.timeline.filter((t) => t.bucket === 'OVERDUE').every((t) => t.daysUntil < 0)).toBe(true);

  const p1s = data.tickets.filter((t) => t.table === 'incident' && t.priority === '1' && !['6', '7', '8'].includes(t.state) && t.correlationId);
  expect(p.operations.flatMap((o) => o.openP1Incidents.map((i) => i.number)).sort()).toEqual(p1s.map((t) => t.number).sort());
  expect(p.keyIssues.filter((k) => k.kind === 'P1_INCIDENT').map((k) => k.reference).sort()).toEqual(p1s.map((t) => t.number).sort());
  expect(p.keyIssues[0]?.kind).toBe(p1s.length ? 'P1_INCIDENT' : expect.any(String));

  expect(p.trends).toHaveLength(projects.filter((x) => x.statusReports.length > 0).length);
  for (const trend of p.trends) {
    const reports = [...projects.find((x) => x.key === trend.project.key)!.statusReports].sort((a, b) => b.statusDate.localeCompare(a.statusDate)).slice(0, 3).reverse();
    expect(trend.points.map((pt) => pt.overall)).toEqual(reports.map((r) => r.overall));
  }

  const check = (name: string) => p.dataQuality.checks.find((c) => c.check === name)!.projectKeys;
  const leadOf = (x: DemoProject) => personOf(x.leadId)!;
  expect(check('NO_LEAD')).toEqual(projects.filter((x) => active(x) && leadOf(x).jiraEmailHidden).map((x) => x.key));
  expect(check('LEAD_NOT_IN_DIRECTORY')).toEqual(
    projects.filter((x) => active(x) && !leadOf(x).jiraEmailHidden && !(leadOf(x).inDirectory && leadOf(x).active)).map((x) => x.key),
  );
  expect(check('NO_REPORT')).toEqual(projects.filter((x) => active(x) && x.statusReports.length === 0).map((x) => x.key));
  expect(check('PAST_PLANNED_END')).toEqual(projects.filter((x) => active(x) && x.phase !== 'CLOSING' && x.plannedEnd < today).map((x) => x.key));
  const linked = new Set(data.tickets.map((t) => t.correlationId?.toUpperCase().replace(/-\d+$/, '')).filter(Boolean));
  const known = new Set([...projects.map((x) => x.key), 'PMO']);
  expect(p.dataQuality.unknownTicketProjectKeys).toEqual([...linked].filter((k) => !known.has(k!)).sort());

  // What the whole query cost upstream (the figure in the README): independent of portfolio size except
  // Jira's versions, one request per project (no multi-project endpoint; the connector cache keeps them).
  const counts = Object.fromEntries(Object.entries(stack.simulators).map(([name, sim]) => [name, sim?.requests() ?? {}]));
  expect(counts.jira['GET /rest/api/3/project/:idOrKey/version']).toBe(projects.length);
  expect(counts.jira['GET /rest/api/3/project/search']).toBeLessThanOrEqual(3);
  const total = (name: string) => Object.values(counts[name]).reduce((n, c) => n + c, 0);
  console.log('portfolio query upstream requests', JSON.stringify(counts), { jira: total('jira'), servicenow: total('servicenow'), scim: total('scim') });
  // Per rule group: three for the portfolio's operations, three for the projects' health, four for linked keys, one P1 read.
  expect(total('servicenow')).toBeLessThanOrEqual(12);
  expect(total('scim')).toBeLessThanOrEqual(3);
});

test('a health override by portfolio:admin wins and shows as such; clearing it restores the computed health', async () => {
  const project = data.projects.find((x) => x.phase === 'EXECUTING')!;
  const expires = new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10);
  const set = await graphql<{ overrideHealth: { health: { overall: string; override: { active: boolean; reason: string; expires: string }; reasons: Array<{ source: string }> } } }>(
    stack.gateway.url,
    `mutation($key: String!, $expires: Date!) { overrideHealth(projectKey: $key, input: { overall: GREEN, reason: "Vendor fix is scheduled", expires: $expires }) { health { overall override { active reason expires } reasons { source } } } }`,
    { key: project.key, expires },
  );
  expect(set.errors).toBeUndefined();
  expect(set.data!.overrideHealth.health).toMatchObject({ overall: 'GREEN', override: { active: true, reason: 'Vendor fix is scheduled', expires } });
  expect(set.data!.overrideHealth.health.reasons[0].source).toBe('PM_OVERRIDE');

  // Read back from Jira (the project property), not from the mutation's answer.
  const read = await graphql<{ project: { health: { override: { reason: string } | null } } }>(stack.gateway.url, `query($key: String!) { project(key: $key) { health { override { reason } } } }`, { key: project.key });
  expect(read.data!.project.health.override?.reason).toBe('Vendor fix is scheduled');

  const bad = await graphql(stack.gateway.url, `mutation($key: String!) { overrideHealth(projectKey: $key, input: { overall: RED, reason: "x", expires: "2020-01-01" }) { key } }`, { key: project.key });
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

  const cleared = await graphql<{ clearHealthOverride: { health: { override: null } } }>(stack.gateway.url, `mutation($key: String!) { clearHealthOverride(projectKey: $key) { health { override { reason } } } }`, { key: project.key });
  expect(cleared.data!.clearHealthOverride.health.override).toBeNull();
});

test("a demo project's status draft lists the issues resolved since its last report", async () => {
  const project = data.projects.find((x) => active(x) && x.statusReports.length > 0 && data.issues.some((i) => i.projectKey === x.key && i.resolved && i.resolved.slice(0, 10) >= latest(x)!.statusDate))!;
  const since = latest(project)!.statusDate;
  const { data: result, errors } = await graphql<{ project: { statusDraft: { since: string; resolvedIssueKeys: string[]; accomplishments: string; overall: string; summary: string } } }>(
    stack.gateway.url,
    `query($key: String!) { project(key: $key) { statusDraft { since resolvedIssueKeys accomplishments overall summary } } }`,
    { key: project.key },
  );
  expect(errors).toBeUndefined();
  const draft = result!.project.statusDraft;
  expect(draft.since).toBe(since);
  const resolved = data.issues.filter((i) => i.projectKey === project.key && i.statusCategory === 'done' && i.resolved && i.resolved.slice(0, 10) >= since);
  expect([...draft.resolvedIssueKeys].sort()).toEqual(resolved.map((i) => i.key).sort());
  for (const key of draft.resolvedIssueKeys.slice(0, 25)) expect(draft.accomplishments).toContain(key);
});
