import { JiraClient } from '../../connectors/jira';
import { simulatorConfig } from '../../bin/stack';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { generateDataset, type DemoIssue } from '../../simulators/data/dataset';
import { jiraSimulator } from '../../simulators/jira';
import { createProjectsSubgraph } from '../../subgraphs/projects';
import { loadProjectsOptions } from '../../subgraphs/projects/config';
import { execute } from '../support/subgraph';

/** Issues, issue stats, milestones, status reports, profile edits, delivery health and staffing, against the Jira simulator. */

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
const TODAY = '2026-11-26';
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator(jiraSimulator(data));
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const options = { ...loadProjectsOptions({}), now: () => new Date(`${TODAY}T23:59:59.999Z`) };
const subgraph = () => createProjectsSubgraph(new JiraClient(simulatorConfig('jira', sim.url)), options);
const run = async (query: string, variables?: Record<string, unknown>) => execute(await subgraph(), query, variables);
const person = (id: string | null) => data.people.find((p) => p.scimId === id);
const byKey = (a: DemoIssue, b: DemoIssue) => a.projectKey.localeCompare(b.projectKey) || Number(a.key.split('-')[1]) - Number(b.key.split('-')[1]);
const sortedProjects = [...data.projects].sort((a, b) => a.key.localeCompare(b.key));
const jiraRequests = () => Object.values(sim.requests()).reduce((a, b) => a + b, 0);

describe('issues', () => {
  const ISSUES = `query($projectKey: String, $filter: IssueFilter, $first: Int, $after: String, $updatedSince: DateTime) {
    issues(projectKey: $projectKey, filter: $filter, first: $first, after: $after, updatedSince: $updatedSince) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { key } }
    }
  }`;

  it('pages every project in key order across Jira pages, with filters, and never includes the PMO reports project', async () => {
    const expected = data.issues.filter((i) => i.statusCategory !== 'done' && ['Highest', 'High'].includes(i.priority)).sort(byKey).map((i) => i.key);
    expect(expected.length).toBeGreaterThan(200);
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount = -1;
    do {
      const { data: result, errors }: any = await run(ISSUES, { filter: { statusCategory: ['TO_DO', 'IN_PROGRESS'], priority: ['Highest', 'High'] }, first: 70, after });
      expect(errors).toBeUndefined();
      totalCount = result.issues.totalCount;
      seen.push(...result.issues.edges.map((e: any) => e.node.key));
      after = result.issues.pageInfo.hasNextPage ? result.issues.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  });

  it('resumes from any edge cursor, not only the last', async () => {
    const filter = { type: ['Bug'], labels: data.issues.find((i) => i.type === 'Bug' && i.labels.length)!.labels.slice(0, 1) };
    const expected = data.issues.filter((i) => i.type === 'Bug' && i.labels.includes(filter.labels[0])).sort(byKey).map((i) => i.key);
    const first: any = await run(ISSUES, { filter, first: 10 });
    const middle = first.data.issues.edges[3].cursor;
    const next: any = await run(ISSUES, { filter, first: 5, after: middle });
    expect(next.data.issues.edges.map((e: any) => e.node.key)).toEqual(expected.slice(4, 9));
  });

  it('filters one project by assignee email, due date and updatedSince, with key cursors', async () => {
    const project = data.projects.find((p) => p.phase === 'EXECUTING')!;
    const assignee = person(project.team[0].personId)!;
    const since = '2026-09-01T00:00:00.000Z';
    const expected = data.issues
      .filter((i) => i.projectKey === project.key && i.assigneeId === assignee.scimId && i.dueDate !== null && i.dueDate < '2026-12-31' && i.updated >= since)
      .sort(byKey)
      .map((i) => i.key);
    const { data: result, errors }: any = await run(
      `query($key: String!, $filter: IssueFilter, $since: DateTime) { project(key: $key) { issues(filter: $filter, updatedSince: $since, first: 200) { totalCount edges { node { key } } } } }`,
      { key: project.key, filter: { assigneeEmail: assignee.email.toUpperCase(), dueBefore: '2026-12-31' }, since },
    );
    expect(errors).toBeUndefined();
    expect(result.project.issues.edges.map((e: any) => e.node.key)).toEqual(expected);
    expect(result.project.issues.totalCount).toBe(expected.length);
  });

  it.each([
    ['a quote and OR', 'x" OR project = "IAM'],
    ['a backslash before the quote', 'x\\\\" OR project = IAM OR summary ~ "'],
    ['ORDER BY', 'Story ORDER BY created DESC'],
    ['a parenthesis', 'x") OR (project = "IAM'],
  ])('a hostile filter value with %s stays one literal and matches nothing', async (_name, hostile) => {
    const { data: result, errors }: any = await run(ISSUES, { projectKey: 'SISR', filter: { search: hostile, labels: [hostile] }, first: 5 });
    expect(errors).toBeUndefined();
    expect(result.issues).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('refuses control characters (newlines) in filter values as BAD_USER_INPUT before asking Jira', async () => {
    const { errors } = await run(ISSUES, { filter: { search: 'x\nOR project = IAM' } });
    expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(jiraRequests()).toBe(0);
  });

  it('refuses a page over 200 and a cursor it did not issue', async () => {
    expect((await run(ISSUES, { first: 201 })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect((await run(ISSUES, { after: 'bm9wZQ' })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('a page of projects', () => {
  const PAGE = `query($first: Int) { projects(first: $first) { edges { node {
    key
    issueStats { total open overdue blocked byStatusCategory { toDo inProgress done } }
    deliveryHealth { schedule scope overall reasons }
    latestStatus { overall statusDate }
    statusFreshness { daysSinceLastReport stale }
  } } } }`;

  it('counts issues by category, overdue and blocked as the data set has them', async () => {
    const { data: result, errors }: any = await run(PAGE, { first: 40 });
    expect(errors).toBeUndefined();
    for (const { node } of result.projects.edges) {
      const issues = data.issues.filter((i) => i.projectKey === node.key);
      const open = issues.filter((i) => i.statusCategory !== 'done');
      const unresolved = new Set(data.issues.filter((i) => i.statusCategory !== 'done').map((i) => i.key));
      expect(node.issueStats).toEqual({
        total: issues.length,
        open: open.length,
        overdue: open.filter((i) => i.dueDate !== null && i.dueDate < TODAY).length,
        blocked: open.filter((i) => i.blockedBy.some((k) => unresolved.has(k))).length,
        byStatusCategory: {
          toDo: issues.filter((i) => i.statusCategory === 'new').length,
          inProgress: issues.filter((i) => i.statusCategory === 'indeterminate').length,
          done: issues.filter((i) => i.statusCategory === 'done').length,
        },
      });
      for (const reason of node.deliveryHealth.reasons) expect(reason).toMatch(/^(Schedule|Scope) (RED|AMBER): .{20,}/);
      if (node.deliveryHealth.overall !== 'GREEN') expect(node.deliveryHealth.reasons.length).toBeGreaterThan(0);
    }
    expect(result.projects.edges.some((e: any) => e.node.deliveryHealth.overall === 'RED')).toBe(true);
  });

  it('costs a fixed handful of Jira requests per page, plus five for the overdue or blocked work and one per 100 such issues of theirs', async () => {
    /** Open issues of these projects that are overdue or have an "is blocked by" link: the search that pages by 100. */
    const troubled = (keys: string[]) =>
      data.issues.filter((i) => keys.includes(i.projectKey) && i.statusCategory !== 'done' && ((i.dueDate !== null && i.dueDate < TODAY) || i.blockedBy.length > 0)).length;
    /** That search runs for a fifth of the batch's projects each, side by side. */
    const troubledSearches = (keys: string[]) => {
      let searches = 0;
      const per = Math.ceil(keys.length / 5);
      for (let i = 0; i < keys.length; i += per) searches += Math.max(1, Math.ceil(troubled(keys.slice(i, i + per)) / 100));
      return searches;
    };
    for (const size of [5, 30]) {
      sim.reset();
      await run(PAGE, { first: size });
      const keys = sortedProjects.slice(0, size).map((p) => p.key);
      // The portfolio (one /project/search), the story points field, three key-only category counts (5000 a
      // page), the troubled work (five searches side by side, 100 a page) and the status reports of the whole page (one search).
      expect(sim.requests()).toEqual({
        'GET /rest/api/3/project/search': 1,
        'GET /rest/api/3/field': 1,
        'GET /rest/api/3/search/jql': 3 + troubledSearches(keys) + 1,
      });
    }
  });

  it('gives every milestone its progress from the same request as the milestone list', async () => {
    const project = data.projects.find((p) => p.phase === 'EXECUTING')!;
    const { data: result }: any = await run(`query($key: String!) { project(key: $key) {
      milestones { id progress { done total ratio } } nextMilestone { id overdue }
    } }`, { key: project.key });
    for (const milestone of result.project.milestones) {
      const issues = data.issues.filter((i) => i.fixVersionIds.includes(milestone.id));
      const done = issues.filter((i) => i.statusCategory === 'done').length;
      expect(milestone.progress).toEqual({ done, total: issues.length, ratio: issues.length ? done / issues.length : null });
    }
    const next = project.versions.filter((v) => !v.released).sort((a, b) => (a.releaseDate ?? '9999').localeCompare(b.releaseDate ?? '9999'))[0];
    expect(result.project.nextMilestone?.id ?? null).toBe(next?.id ?? null);
    expect(sim.requests()['GET /rest/api/3/project/:idOrKey/version']).toBe(1);
  });
});

describe('portfolio filters and a person\'s issues', () => {
  it('filters the portfolio by overall delivery health', async () => {
    const all: any = await run('{ projects(first: 100) { edges { node { key deliveryHealth { overall } } } } }');
    const red = all.data.projects.edges.filter((e: any) => e.node.deliveryHealth.overall === 'RED').map((e: any) => e.node.key);
    const { data: result, errors }: any = await run('{ projects(filter: { health: [RED] }, first: 100) { totalCount edges { node { key } } } }');
    expect(errors).toBeUndefined();
    expect(result.projects.edges.map((e: any) => e.node.key)).toEqual(red);
    expect(result.projects.totalCount).toBe(red.length);
  });

  it("pages a person's assigned issues across projects", async () => {
    const assignee = data.people.find((p) => !p.jiraEmailHidden && data.issues.filter((i) => i.assigneeId === p.scimId).length > 30)!;
    const expected = data.issues.filter((i) => i.assigneeId === assignee.scimId && i.statusCategory !== 'done').sort(byKey).map((i) => i.key);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { data: result, errors }: any = await run(`query($reps: [_Any!]!, $after: String) { _entities(representations: $reps) { ... on Person {
        assignedIssues(filter: { statusCategory: [TO_DO, IN_PROGRESS] }, first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { key } } }
      } } }`, { reps: [{ __typename: 'Person', email: assignee.email }], after });
      expect(errors).toBeUndefined();
      const page = result._entities[0].assignedIssues;
      expect(page.totalCount).toBe(expected.length);
      seen.push(...page.edges.map((e: any) => e.node.key));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
  });
});

describe('status reports', () => {
  const project = sortedProjects.find((p) => p.statusReports.length >= 3)!;

  it('returns the full history newest first, the latest, and how fresh it is', async () => {
    const { data: result, errors }: any = await run(`query($key: String!) { project(key: $key) {
      statusReports { statusDate overall schedule summary risks author { email } }
      two: statusReports(last: 2) { statusDate }
      latestStatus { statusDate overall }
      statusFreshness { daysSinceLastReport cadenceDays stale }
    } }`, { key: project.key });
    expect(errors).toBeUndefined();
    const history = [...project.statusReports].sort((a, b) => b.statusDate.localeCompare(a.statusDate));
    expect(result.project.statusReports).toEqual(
      history.map((r) => ({ statusDate: r.statusDate, overall: r.overall, schedule: r.schedule, summary: r.summary, risks: r.risks, author: { email: person(r.authorId)!.email } })),
    );
    expect(result.project.two).toEqual(history.slice(0, 2).map((r) => ({ statusDate: r.statusDate })));
    expect(result.project.latestStatus).toEqual({ statusDate: history[0].statusDate, overall: history[0].overall });
    const days = Math.round((Date.parse(TODAY) - Date.parse(history[0].statusDate)) / 86_400_000);
    expect(result.project.statusFreshness).toEqual({ daysSinceLastReport: days, cadenceDays: 14, stale: days > 14 });
  });

  it('validates a submission: unknown project, missing summary, over-long text, future date → BAD_USER_INPUT, nothing written', async () => {
    const submit = (projectKey: string, input: Record<string, unknown>) =>
      run('mutation($key: String!, $input: StatusReportInput!) { submitStatusReport(projectKey: $key, input: $input) { id } }', { key: projectKey, input });
    const cases = [
      await submit('NOSUCH', { overall: 'GREEN', summary: 'Fine' }),
      await submit('PMO', { overall: 'GREEN', summary: 'Fine' }),
      await submit(project.key, { overall: 'GREEN', summary: '   ' }),
      await submit(project.key, { overall: 'GREEN', summary: 'x'.repeat(2001) }),
      await submit(project.key, { overall: 'GREEN', summary: 'Fine', risks: 'r'.repeat(4001) }),
      await submit(project.key, { overall: 'GREEN', summary: 'Fine', statusDate: '2026-12-01' }),
    ];
    for (const { errors } of cases) expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const missingOverall = await submit(project.key, { summary: 'Fine' });
    expect(missingOverall.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(sim.requests()['POST /rest/api/3/issue']).toBeUndefined();
  });

  it('stores 50 concurrent submissions on one project, none lost, without touching its issue counts', async () => {
    const target = sortedProjects.find((p) => p.phase === 'EXECUTING')!;
    const before: any = await run('query($key: String!) { project(key: $key) { issueStats { total } statusReports { id } } }', { key: target.key });
    const submissions = Array.from({ length: 50 }, (_, n) =>
      run('mutation($key: String!, $input: StatusReportInput!) { submitStatusReport(projectKey: $key, input: $input) { id overall summary } }', {
        key: target.key,
        input: { overall: n % 3 === 0 ? 'RED' : 'AMBER', schedule: 'AMBER', summary: `Concurrent report ${n}`, authorEmail: person(target.leadId)!.email },
      }),
    );
    const results = await Promise.all(submissions);
    for (const { errors } of results) expect(errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data!.submitStatusReport.id)).size).toBe(50);
    expect(sim.requests()['POST /rest/api/3/issue']).toBe(50);

    sim.reset();
    const after: any = await run('query($key: String!) { project(key: $key) { issueStats { total } statusReports { id summary } latestStatus { statusDate } } }', { key: target.key });
    expect(after.data.project.statusReports).toHaveLength(before.data.project.statusReports.length + 50);
    const summaries = after.data.project.statusReports.map((r: any) => r.summary);
    for (let n = 0; n < 50; n++) expect(summaries).toContain(`Concurrent report ${n}`);
    expect(after.data.project.latestStatus.statusDate).toBe(TODAY);
    expect(after.data.project.issueStats.total).toBe(before.data.project.issueStats.total);
    // The whole history, 50 more reports included, in one search page.
    expect(sim.requests()['GET /rest/api/3/search/jql']).toBeLessThanOrEqual(1 + 4);
  });
});

describe('updateProjectProfile', () => {
  const UPDATE = 'mutation($key: String!, $input: ProjectProfileInput!) { updateProjectProfile(key: $key, input: $input) { key phase priority plannedStart plannedEnd sponsor { email } team { role allocation person { email } } } }';

  it('validates before writing: priority range, dates in order, emails, duplicate members', async () => {
    const project = sortedProjects[2];
    for (const input of [
      { priority: 9 },
      { plannedStart: '2027-05-01', plannedEnd: '2027-01-01' },
      { sponsorEmail: 'not an email' },
      { team: [{ email: 'a@northfield.edu', role: 'Dev' }, { email: 'A@northfield.edu', role: 'Tester' }] },
      { team: [{ email: 'a@northfield.edu', role: 'Dev', allocation: 140 }] },
    ]) {
      const { errors } = await run(UPDATE, { key: project.key, input });
      expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(sim.requests()['PUT /rest/api/3/project/:idOrKey/properties/:propertyKey']).toBeUndefined();
  });

  it('merges the change into the pmo.profile property with one PUT, and it reads back', async () => {
    const project = sortedProjects[3];
    const { data: result, errors }: any = await run(UPDATE, {
      key: project.key.toLowerCase(),
      input: { phase: 'CLOSING', priority: 1, plannedEnd: '2027-06-30', team: [{ email: 'Rosa.Example@Northfield.edu', role: 'Project Manager', allocation: 50 }] },
    });
    expect(errors).toBeUndefined();
    expect(sim.requests()['PUT /rest/api/3/project/:idOrKey/properties/:propertyKey']).toBe(1);
    const expected = {
      key: project.key,
      phase: 'CLOSING',
      priority: 1,
      plannedStart: project.plannedStart,
      plannedEnd: '2027-06-30',
      sponsor: { email: person(project.sponsorId)!.email },
    };
    expect(result.updateProjectProfile).toMatchObject(expected);
    const read: any = await run('query($key: String!) { project(key: $key) { key phase priority plannedStart plannedEnd sponsor { email } team { role person { email } } } }', { key: project.key });
    expect(read.data.project).toMatchObject(expected);
    expect(read.data.project.team).toContainEqual({ role: 'Project Manager', person: { email: 'rosa.example@northfield.edu' } });
  });
});

describe('staffing', () => {
  it("computes a person's load from the portfolio staffing and their open Jira issues", async () => {
    const counts = new Map<string, number>();
    for (const p of data.projects.filter((x) => x.phase !== 'CLOSED')) for (const m of p.team) counts.set(m.personId, (counts.get(m.personId) ?? 0) + 1);
    const busiest = data.people.find((p) => p.scimId === [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0] && !p.jiraEmailHidden) ??
      data.people.find((p) => counts.has(p.scimId) && !p.jiraEmailHidden)!;
    const active = data.projects.filter((p) => p.phase !== 'CLOSED' && p.team.some((m) => m.personId === busiest.scimId));
    const open = data.issues.filter((i) => i.assigneeId === busiest.scimId && i.statusCategory !== 'done');
    const { data: result, errors }: any = await run(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
      allocation { activeProjects openIssues totalAllocation overAllocated reasons projects { project { key } role openIssues } }
    } } }`, { reps: [{ __typename: 'Person', email: busiest.email }] });
    expect(errors).toBeUndefined();
    const allocation = result._entities[0].allocation;
    expect(allocation).toMatchObject({
      activeProjects: active.length,
      openIssues: open.length,
      totalAllocation: active.reduce((sum, p) => sum + p.team.find((m) => m.personId === busiest.scimId)!.allocation, 0),
    });
    expect(allocation.overAllocated).toBe(allocation.reasons.length > 0);
  });

  it('lists everyone over a threshold, naming the projects', async () => {
    const { data: result, errors }: any = await run('{ staffingConflicts(maxActiveProjects: 1, maxOpenIssues: 1000, maxAllocation: 1000) { person { email } allocation { activeProjects reasons } } }');
    expect(errors).toBeUndefined();
    expect(result.staffingConflicts.length).toBeGreaterThan(0);
    for (const conflict of result.staffingConflicts) {
      expect(conflict.allocation.activeProjects).toBeGreaterThan(1);
      expect(conflict.allocation.reasons[0]).toMatch(/^On \d+ active projects \(limit 1\): [A-Z0-9]+(, [A-Z0-9]+)+$/);
    }
  });
});
