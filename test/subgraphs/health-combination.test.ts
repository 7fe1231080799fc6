import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JiraIssue, JiraProject, JiraStatusReport } from '../../connectors/jira/models';
import { parseHealthOverride } from '../../connectors/jira/health-override';
import { statusDraft, draftWindow, MAX_LINES } from '../../subgraphs/projects/draft/status-draft';
import type { DeliveryHealthResult } from '../../subgraphs/projects/health/delivery-health';
import { combineHealth, DEFAULT_COMBINATION_RULES, loadCombinationRules, type HealthInputs, type ReportedStatus } from '../../subgraphs/projects/health/health-combination';
import { healthOverride } from '../../subgraphs/projects/health/project-health.resolver';
import { dataQuality } from '../../subgraphs/projects/quality/data-quality';
import { resourcesHealth } from '../../subgraphs/projects/health/resources-health';
import { timeline } from '../../subgraphs/projects/portfolio/portfolio';

const TODAY = '2026-11-26';
const delivery = (schedule: 'GREEN' | 'AMBER' | 'RED', scope: 'GREEN' | 'AMBER' | 'RED', reasons: string[] = []): DeliveryHealthResult => ({
  schedule,
  scope,
  overall: schedule === 'RED' || scope === 'RED' ? 'RED' : schedule === 'AMBER' || scope === 'AMBER' ? 'AMBER' : 'GREEN',
  reasons,
});
const report = (over: Partial<ReportedStatus> = {}): ReportedStatus => ({
  id: 'PMO-7', statusDate: '2026-11-20', overall: 'GREEN', schedule: 'GREEN', scope: 'GREEN', cost: 'GREEN', resources: 'GREEN', stale: false, ...over,
});
const inputs = (over: Partial<HealthInputs> = {}): HealthInputs => ({
  delivery: delivery('GREEN', 'GREEN'), operations: { rag: 'GREEN', reasons: [] }, reported: null, override: null, today: TODAY, ...over,
});
const override = { overall: 'GREEN' as const, reason: 'Vendor fix lands Monday', author: 'pm@northfield.edu', setAt: '2026-11-25T10:00:00.000Z', expires: '2026-12-01' };

describe('the combination rule', () => {
  test('by default each dimension is the worse of computed and reported, and overall the worst of all', () => {
    const health = combineHealth(
      inputs({
        delivery: delivery('AMBER', 'GREEN', ['Schedule AMBER: 1 milestone is past the release date with open work: R1 (due 2026-11-01)']),
        operations: { rag: 'RED', reasons: ['RED: 1 open P1 incident (rule p1Open >= 1)'] },
        reported: report({ schedule: 'GREEN', cost: 'AMBER' }),
      }),
      DEFAULT_COMBINATION_RULES,
    );
    expect(health.dimensions).toEqual({ schedule: 'AMBER', scope: 'GREEN', cost: 'AMBER', resources: 'GREEN', operations: 'RED', overall: 'RED' });
    expect(health.computed.overall).toBe('RED');
    expect(health.reported?.cost).toBe('AMBER');
    // Every non-GREEN dimension says why and where from, worst first.
    expect(health.reasons.map((r) => [r.dimension, r.rag, r.source])).toEqual([
      ['operations', 'RED', 'SERVICENOW_RULE'],
      ['schedule', 'AMBER', 'JIRA_RULE'],
      ['cost', 'AMBER', 'PM_REPORT'],
    ]);
    expect(health.reasons[0].message).toBe('1 open P1 incident (rule p1Open >= 1)');
    expect(health.reasons[2].message).toBe('The PM reported cost AMBER in PMO-7 of 2026-11-20');
  });

  test('what no system computes and no report gives is unknown, not GREEN', () => {
    const health = combineHealth(inputs({ operations: null }), DEFAULT_COMBINATION_RULES);
    expect(health.dimensions.cost).toBeNull();
    expect(health.dimensions.operations).toBeNull();
    expect(health.overall).toBe('GREEN');
  });

  test('"computed" and "reported" preferences, and ignoring stale reports, are configurable', () => {
    const given = inputs({ delivery: delivery('RED', 'GREEN'), reported: report({ schedule: 'GREEN', overall: 'GREEN', stale: true }) });
    expect(combineHealth(given, { prefer: 'computed', ignoreStaleReports: false }).dimensions.schedule).toBe('RED');
    expect(combineHealth(given, { prefer: 'reported', ignoreStaleReports: false }).dimensions.schedule).toBe('GREEN');
    const ignoring = combineHealth(given, { prefer: 'reported', ignoreStaleReports: true });
    expect(ignoring.dimensions.schedule).toBe('RED');
    expect(ignoring.reported?.overall).toBe('GREEN');
  });

  test('PROJECTS_HEALTH_COMBINATION is read and validated at start-up', () => {
    const file = (text: string) => {
      const name = path.join(tmpdir(), `combination-${process.pid}-${Math.random()}.json`);
      writeFileSync(name, text);
      return name;
    };
    expect(loadCombinationRules({})).toEqual(DEFAULT_COMBINATION_RULES);
    expect(loadCombinationRules({ PROJECTS_HEALTH_COMBINATION: file('{"prefer":"computed"}') })).toEqual({ prefer: 'computed', ignoreStaleReports: false });
    expect(() => loadCombinationRules({ PROJECTS_HEALTH_COMBINATION: file('{"prefer":"vibes"}') })).toThrow(/PROJECTS_HEALTH_COMBINATION: prefer/);
    expect(() => loadCombinationRules({ PROJECTS_HEALTH_COMBINATION: file('{"extra":1}') })).toThrow(/PROJECTS_HEALTH_COMBINATION/);
    expect(() => loadCombinationRules({ PROJECTS_HEALTH_COMBINATION: '/nope.json' })).toThrow(/PROJECTS_HEALTH_COMBINATION/);
  });
});

describe('the override', () => {
  test('an active override wins overall and comes first in the reasons; the dimensions stay as computed', () => {
    const health = combineHealth(inputs({ operations: { rag: 'RED', reasons: ['RED: 1 open P1 incident (rule p1Open >= 1)'] }, override }), DEFAULT_COMBINATION_RULES);
    expect(health.overall).toBe('GREEN');
    expect(health.dimensions.operations).toBe('RED');
    expect(health.override).toMatchObject({ active: true, author: 'pm@northfield.edu' });
    expect(health.reasons[0]).toEqual({
      dimension: 'overall', rag: 'GREEN', source: 'PM_OVERRIDE', message: 'Overridden to GREEN by pm@northfield.edu until 2026-12-01: Vendor fix lands Monday',
    });
  });

  test('an expired override is shown but no longer wins', () => {
    const health = combineHealth(inputs({ operations: { rag: 'RED', reasons: [] }, override, today: '2026-12-02' }), DEFAULT_COMBINATION_RULES);
    expect(health.overall).toBe('RED');
    expect(health.override?.active).toBe(false);
    expect(health.reasons.some((r) => r.source === 'PM_OVERRIDE')).toBe(false);
  });

  test('input is validated: a reason, and an expiry from today to 90 days ahead', () => {
    const now = new Date(`${TODAY}T12:00:00Z`);
    expect(healthOverride({ overall: 'AMBER' as never, reason: ' Known ', expires: '2026-12-10' }, 'pm@x.edu', now)).toEqual({
      overall: 'AMBER', reason: 'Known', author: 'pm@x.edu', setAt: now.toISOString(), expires: '2026-12-10',
    });
    expect(() => healthOverride({ overall: 'AMBER' as never, reason: ' ', expires: '2026-12-10' }, 'a', now)).toThrow(/input.reason/);
    expect(() => healthOverride({ overall: 'AMBER' as never, reason: 'x', expires: '2026-11-25' }, 'a', now)).toThrow(/input.expires/);
    expect(() => healthOverride({ overall: 'AMBER' as never, reason: 'x', expires: '2027-03-01' }, 'a', now)).toThrow(/input.expires/);
  });

  test('what Jira stores is validated on read: anything else is no override', () => {
    expect(parseHealthOverride(override)).toEqual(override);
    expect(parseHealthOverride({})).toBeNull();
    expect(parseHealthOverride({ ...override, overall: 'PURPLE' })).toBeNull();
  });
});

const project = (over: Partial<JiraProject['profile']> = {}, lead: string | null = 'lead@northfield.edu'): JiraProject => ({
  id: '1', key: 'SOC', name: 'Security Operations', description: null, url: 'https://jira/browse/SOC', category: null,
  lead: lead ? { accountId: 'a', displayName: 'Lead', email: lead, active: true } : null,
  profile: { phase: 'EXECUTING', priority: 1, sponsorEmail: 's@northfield.edu', plannedStart: '2026-01-01', plannedEnd: '2027-01-01', team: [{ email: 'lead@northfield.edu', role: 'PM', allocation: 50 }], ...over },
  healthOverride: null,
});
const issue = (key: string, over: Partial<JiraIssue> = {}): JiraIssue => ({
  id: key, key, projectKey: 'SOC', summary: `Work ${key}`, type: 'Task', hierarchyLevel: 0, status: 'Done', statusCategory: 'done' as never, priority: 'High',
  assignee: null, reporter: null, dueDate: null, created: '2026-01-01T00:00:00Z', updated: '2026-11-25T00:00:00Z', resolved: '2026-11-24T10:00:00Z',
  labels: [], storyPoints: null, parentKey: null, fixVersionIds: [], fixVersions: [], blockedBy: [], unresolvedBlockers: [], url: `https://jira/browse/${key}`, ...over,
});
const lastReport = { id: 'PMO-3', statusDate: '2026-11-12', cost: 'AMBER', resources: 'GREEN' } as JiraStatusReport;

describe('the status draft', () => {
  const computed = combineHealth(
    inputs({ delivery: delivery('AMBER', 'GREEN', ['Schedule AMBER: 2 of 10 open issues (20%) are past their due date']), operations: { rag: 'RED', reasons: ['RED: 1 open P1 incident (rule p1Open >= 1)'] } }),
    DEFAULT_COMBINATION_RULES,
  );
  const base = {
    project: project(), lastReport, resolved: [issue('SOC-9', { resolved: '2026-11-25T09:00:00Z' }), issue('SOC-4')],
    dueNext: [issue('SOC-12', { statusCategory: 'inProgress' as never, resolved: null, dueDate: '2026-12-01' })],
    blocked: [issue('SOC-13', { resolved: null, unresolvedBlockers: ['SOC-2'] })],
    milestones: [{ id: 'v1', name: 'Go-live', releaseDate: '2026-12-05', overdue: false } as never],
    operationalIssues: ['INC0010001 open P1 incident since 2026-11-20: VPN down'],
    computed, since: '2026-11-12', until: '2026-12-10', today: TODAY,
  };

  test('lists the work resolved since the last report, what is due next, and the key issues, each naming its record', () => {
    const draft = statusDraft(base);
    expect(draft.accomplishments).toBe('- SOC-9 Work SOC-9 (resolved 2026-11-25)\n- SOC-4 Work SOC-4 (resolved 2026-11-24)');
    expect(draft.nextSteps).toBe('- Milestone Go-live due 2026-12-05\n- SOC-12 Work SOC-12 (due 2026-12-01)');
    expect(draft.keyIssues).toBe('- INC0010001 open P1 incident since 2026-11-20: VPN down\n- SOC-13 Work SOC-13 is blocked by SOC-2');
    expect(draft.risks).toBe('- 2 of 10 open issues (20%) are past their due date');
    expect(draft.resolvedIssueKeys).toEqual(['SOC-9', 'SOC-4']);
    expect(draft.summary).toBe('Security Operations: 2 issues resolved since 2026-11-12, 1 due by 2026-12-10, 1 blocked; suggested overall RED.');
  });

  test('suggests the computed RAG per dimension with its reasons; cost (and resources without a team) carry over from the last report', () => {
    const draft = statusDraft(base);
    expect([draft.overall, draft.schedule, draft.scope, draft.cost, draft.resources]).toEqual(['RED', 'AMBER', 'GREEN', 'AMBER', 'GREEN']);
    expect(draft.reasons.map((r) => r.source)).toEqual(['SERVICENOW_RULE', 'JIRA_RULE']);
    const staffed = combineHealth(inputs({ resources: { rag: 'RED', reasons: ['2 of 3 team members are over-committed'] } }), DEFAULT_COMBINATION_RULES);
    expect(statusDraft({ ...base, computed: staffed }).resources).toBe('RED');
  });

  test('is deterministic, says what it could not fill, and keeps sections within the report limits', () => {
    expect(statusDraft(base)).toEqual(statusDraft(base));
    const many = Array.from({ length: MAX_LINES + 5 }, (_, i) => issue(`SOC-${100 + i}`));
    const draft = statusDraft({ ...base, resolved: many, operationalIssues: null, lastReport: null });
    expect(draft.accomplishments!.split('\n')).toHaveLength(MAX_LINES + 1);
    expect(draft.accomplishments!.endsWith('- … and 5 more')).toBe(true);
    expect(draft.resolvedIssueKeys).toHaveLength(MAX_LINES + 5);
    expect(draft.notes.join(' ')).toMatch(/ServiceNow did not answer/);
    expect(draft.notes.join(' ')).toMatch(/No earlier report/);
  });

  test('its window runs from the last report (else the planned start) to one cadence ahead', () => {
    expect(draftWindow(lastReport, project(), TODAY, 14)).toEqual({ since: '2026-11-12', until: '2026-12-10' });
    expect(draftWindow(null, project(), TODAY, 14)).toEqual({ since: '2026-01-01', until: '2026-12-10' });
  });
});

describe('resources from the PMO staffing', () => {
  const limits = { maxActiveProjects: 2, maxOpenIssues: 25, maxAllocation: 100 };
  const staffed = (key: string, team: Array<[string, number]>, phase = 'EXECUTING') =>
    ({ ...project({ phase: phase as never, team: team.map(([email, allocation]) => ({ email, role: 'Dev', allocation })) }, null), key });
  test('one over-committed member is AMBER, half the team or more RED, and every one is named', () => {
    const soc = staffed('SOC', [['a@x.edu', 60], ['b@x.edu', 50], ['c@x.edu', 20]]);
    const iam = staffed('IAM', [['a@x.edu', 60]]);
    const amber = resourcesHealth(soc, [soc, iam], limits)!;
    expect(amber.rag).toBe('AMBER');
    expect(amber.reasons).toEqual(['1 of 3 team members are over-committed (limits 2 projects, 100%): a@x.edu (2 active projects, 120% allocated: SOC 60%, IAM 60%)']);
    const crm = staffed('CRM', [['b@x.edu', 60]]);
    expect(resourcesHealth(soc, [soc, iam, crm], limits)!.rag).toBe('RED');
    // A closed project takes nobody's time.
    expect(resourcesHealth(soc, [soc, staffed('IAM', [['a@x.edu', 60]], 'CLOSED')], limits)!.rag).toBe('GREEN');
    expect(resourcesHealth(staffed('NEW', []), [], limits)).toBeNull();
  });
});

describe('data quality and the timeline', () => {
  const now = new Date(`${TODAY}T12:00:00Z`);
  test('each check fires on its own; closed projects are not checked', () => {
    const check = (p: JiraProject, leadInDirectory: boolean | undefined = true, versions = [{ archived: false }], latest: JiraStatusReport | null = { statusDate: '2026-11-20' } as JiraStatusReport) =>
      dataQuality({ project: p, versions: versions as never, latestReport: latest, leadInDirectory, cadenceDays: 14, now }).failing;
    expect(check(project())).toEqual([]);
    expect(check(project({}, null))).toEqual(['NO_LEAD']);
    expect(check(project(), false)).toEqual(['LEAD_NOT_IN_DIRECTORY']);
    expect(check(project({ sponsorEmail: null, plannedStart: null, team: [] }))).toEqual(['NO_SPONSOR', 'NO_PLANNED_DATES', 'NO_TEAM']);
    expect(check(project({ plannedEnd: '2026-11-01' }))).toEqual(['PAST_PLANNED_END']);
    expect(check(project({ plannedEnd: '2026-11-01', phase: 'CLOSING' }))).toEqual([]);
    expect(check(project(), true, [{ archived: true }])).toEqual(['NO_MILESTONES']);
    expect(check(project(), true, undefined, null)).toEqual(['NO_REPORT']);
    expect(check(project(), true, undefined, { statusDate: '2026-10-01' } as JiraStatusReport)).toEqual(['STALE_REPORT']);
    expect(check(project({ phase: 'CLOSED', sponsorEmail: null }, null))).toEqual([]);
  });

  test('the timeline buckets unreleased milestones, most overdue first, and leaves out released and far ones', () => {
    const v = (name: string, releaseDate: string, released = false) => ({ id: name, name, releaseDate, released, archived: false }) as never;
    const items = timeline([project()], [[v('late', '2026-11-01'), v('soon', '2026-12-10'), v('mid', '2027-01-10'), v('far', '2027-06-01'), v('done', '2026-11-20', true), v('q', '2027-02-20')]], TODAY, 90);
    expect(items.map((i) => [i.version.name, i.bucket, i.daysUntil])).toEqual([
      ['late', 'OVERDUE', -25], ['soon', 'NEXT_30_DAYS', 14], ['mid', 'NEXT_60_DAYS', 45], ['q', 'NEXT_90_DAYS', 86],
    ]);
  });
});
