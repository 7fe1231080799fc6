import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PmoProfile } from '../../connectors/jira/models';
import { loadProjectsOptions } from '../../subgraphs/projects/config';
import { deliveryHealth } from '../../subgraphs/projects/health/delivery-health';
import { DEFAULT_HEALTH_RULES } from '../../subgraphs/projects/health/health-rules';
import type { DeliverySignals } from '../../subgraphs/projects/project/delivery-signals.loader';

/** The published delivery-health rules, applied to hand-made signals, and their configuration. */

const TODAY = '2026-11-26';
const profile = (overrides: Partial<PmoProfile> = {}): PmoProfile => ({
  phase: 'EXECUTING',
  priority: 2,
  sponsorEmail: null,
  plannedStart: '2026-01-01',
  plannedEnd: '2027-06-30',
  team: [],
  ...overrides,
});
const signals = (overrides: Partial<DeliverySignals> = {}): DeliverySignals => ({
  total: 100,
  toDo: 20,
  inProgress: 20,
  done: 60,
  overdue: 0,
  blocked: 0,
  lateMilestones: [],
  ...overrides,
});

it('is GREEN with no reasons when nothing fires', () => {
  expect(deliveryHealth(profile(), signals(), DEFAULT_HEALTH_RULES, TODAY)).toEqual({ schedule: 'GREEN', scope: 'GREEN', overall: 'GREEN', reasons: [] });
});

it('names late milestones: one is AMBER, two are RED', () => {
  const one = deliveryHealth(profile(), signals({ lateMilestones: [{ id: '1', name: 'Release 2.0', releaseDate: '2026-10-01' }] }), DEFAULT_HEALTH_RULES, TODAY);
  expect(one).toMatchObject({ schedule: 'AMBER', overall: 'AMBER', reasons: ['Schedule AMBER: 1 milestone is past the release date with open work: Release 2.0 (due 2026-10-01)'] });
  const two = deliveryHealth(
    profile(),
    signals({ lateMilestones: [{ id: '1', name: 'R1', releaseDate: '2026-09-01' }, { id: '2', name: 'R2', releaseDate: '2026-10-01' }] }),
    DEFAULT_HEALTH_RULES,
    TODAY,
  );
  expect(two.schedule).toBe('RED');
});

it('compares % done with % of planned time elapsed', () => {
  // 2026-01-01 → 2026-12-31: 90% of the time gone on 2026-11-26; 40% done is 50 points behind.
  const behind = deliveryHealth(profile({ plannedEnd: '2026-12-31' }), signals({ done: 40, toDo: 30, inProgress: 30 }), DEFAULT_HEALTH_RULES, TODAY);
  expect(behind.schedule).toBe('RED');
  expect(behind.reasons[0]).toMatch(/^Schedule RED: 40% of issues done with 90% of the planned time elapsed \(50 points behind\)$/);
  expect(behind.reasons).toContain('Scope AMBER: 30% of issues not started with 90% of the planned time elapsed');
});

it('is RED past the planned end unless closing, and GREEN once closed', () => {
  const late = deliveryHealth(profile({ plannedEnd: '2026-11-01' }), signals(), DEFAULT_HEALTH_RULES, TODAY);
  expect(late.reasons).toContain('Schedule RED: Past its planned end (2026-11-01) and not yet closing');
  expect(deliveryHealth(profile({ plannedEnd: '2026-11-01', phase: 'CLOSED' }), signals({ overdue: 40 }), DEFAULT_HEALTH_RULES, TODAY).overall).toBe('GREEN');
});

it('rates overdue and blocked shares of the open work', () => {
  const health = deliveryHealth(profile(), signals({ overdue: 12, blocked: 8 }), DEFAULT_HEALTH_RULES, TODAY);
  expect(health).toMatchObject({ schedule: 'RED', scope: 'RED', overall: 'RED' });
  expect(health.reasons).toEqual([
    'Schedule RED: 12 of 40 open issues (30%) are past their due date',
    'Scope RED: 8 of 40 open issues (20%) are blocked by unresolved issues',
  ]);
});

describe('configuration', () => {
  const file = (content: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rules-'));
    writeFileSync(path.join(dir, 'rules.json'), content);
    return path.join(dir, 'rules.json');
  };

  it('documents defaults and overrides any subset from PROJECTS_HEALTH_RULES', () => {
    expect(loadProjectsOptions({}).healthRules).toEqual(DEFAULT_HEALTH_RULES);
    const rules = loadProjectsOptions({ PROJECTS_HEALTH_RULES: file('{"overdueMilestones":{"red":3}}') }).healthRules;
    expect(rules.overdueMilestones).toEqual({ amber: 1, red: 3 });
    expect(rules.blockedShare).toEqual(DEFAULT_HEALTH_RULES.blockedShare);
  });

  it('stops start-up naming the variable on a bad value', () => {
    expect(() => loadProjectsOptions({ PROJECTS_HEALTH_RULES: file('{"overdueMilestones":{"amber":3,"red":1}}') })).toThrow(/PROJECTS_HEALTH_RULES/);
    expect(() => loadProjectsOptions({ PROJECTS_HEALTH_RULES: file('{"vibes":{}}') })).toThrow(/PROJECTS_HEALTH_RULES: unknown rule\(s\) vibes/);
    expect(() => loadProjectsOptions({ PROJECTS_HEALTH_RULES: '/nope/rules.json' })).toThrow(/PROJECTS_HEALTH_RULES/);
    expect(() => loadProjectsOptions({ PROJECTS_REPORT_CADENCE_DAYS: 'weekly' })).toThrow(/PROJECTS_REPORT_CADENCE_DAYS/);
    expect(() => loadProjectsOptions({ PROJECTS_PMO_PROJECT_KEY: 'pm o' })).toThrow(/PROJECTS_PMO_PROJECT_KEY/);
    expect(() => loadProjectsOptions({ PROJECTS_STAFFING_MAX_PROJECTS: '0' })).toThrow(/PROJECTS_STAFFING_MAX_PROJECTS/);
  });
});
