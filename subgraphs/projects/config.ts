import { readFileSync } from 'node:fs';
import { ConfigError } from '../../connectors/config';
import type { StatusReportStore } from '../../connectors/jira/models';
import { loadCombinationRules, type CombinationRules } from './health/health-combination';
import { DEFAULT_HEALTH_RULES, healthRulesSchema, type HealthRules } from './health/health-rules';
import { loadIntakeOptions, type IntakeOptions } from './intake/intake.config';

/** The projects subgraph's settings, read and validated once at start-up. */
export interface ProjectsOptions {
  /** Where status reports are filed: one issue per report in this Jira project (PROJECTS_PMO_PROJECT_KEY). */
  statusReports: StatusReportStore;
  /** Days between status reports before a project's reporting is stale (PROJECTS_REPORT_CADENCE_DAYS). */
  reportCadenceDays: number;
  healthRules: HealthRules;
  /** How Project.health combines computed and reported RAG (PROJECTS_HEALTH_COMBINATION); the default rule when absent. */
  healthCombination?: CombinationRules;
  staffing: StaffingThresholds;
  /** Where proposals live and the criteria they are scored on (PROJECTS_INTAKE_*). */
  intake: IntakeOptions;
  /** The clock; tests pin it to the demo data set's day. */
  now: () => Date;
}

/** Above any of these a person is over-committed (Person.allocation.overAllocated, Query.staffingConflicts). */
export interface StaffingThresholds {
  /** PROJECTS_STAFFING_MAX_PROJECTS: active projects (not CLOSED) a person is on the team of. */
  maxActiveProjects: number;
  /** PROJECTS_STAFFING_MAX_OPEN_ISSUES: unresolved Jira issues assigned to them. */
  maxOpenIssues: number;
  /** PROJECTS_STAFFING_MAX_ALLOCATION: the sum of their planned allocations on active projects, in percent. */
  maxAllocation: number;
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,254}$/;

function positiveInt(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${variable} must be a positive whole number, got "${raw}"`);
  return value;
}

function healthRules(env: NodeJS.ProcessEnv): HealthRules {
  const file = env.PROJECTS_HEALTH_RULES;
  if (!file) return DEFAULT_HEALTH_RULES;
  let overrides: unknown;
  try {
    overrides = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`PROJECTS_HEALTH_RULES: cannot read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new ConfigError(`PROJECTS_HEALTH_RULES: ${file} must hold a JSON object`);
  }
  const merged = Object.fromEntries(
    Object.entries(DEFAULT_HEALTH_RULES).map(([key, value]) => [key, { ...value, ...((overrides as Record<string, object>)[key] ?? {}) }]),
  );
  const unknown = Object.keys(overrides).filter((key) => !(key in DEFAULT_HEALTH_RULES));
  if (unknown.length) throw new ConfigError(`PROJECTS_HEALTH_RULES: unknown rule(s) ${unknown.join(', ')} in ${file}`);
  const parsed = healthRulesSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`PROJECTS_HEALTH_RULES: ${issue.path.join('.') || 'rules'}: ${issue.message} (in ${file})`);
  }
  return parsed.data;
}

export function loadProjectsOptions(env: NodeJS.ProcessEnv = process.env): ProjectsOptions {
  const pmoKey = (env.PROJECTS_PMO_PROJECT_KEY || 'PMO').trim().toUpperCase();
  if (!PROJECT_KEY.test(pmoKey)) throw new ConfigError(`PROJECTS_PMO_PROJECT_KEY must be a Jira project key (e.g. PMO), got "${env.PROJECTS_PMO_PROJECT_KEY}"`);
  const issueType = (env.PROJECTS_STATUS_REPORT_ISSUE_TYPE || 'Task').trim();
  return {
    statusReports: { projectKey: pmoKey, issueType },
    reportCadenceDays: positiveInt(env, 'PROJECTS_REPORT_CADENCE_DAYS', 14),
    healthRules: healthRules(env),
    healthCombination: loadCombinationRules(env),
    staffing: {
      maxActiveProjects: positiveInt(env, 'PROJECTS_STAFFING_MAX_PROJECTS', 3),
      maxOpenIssues: positiveInt(env, 'PROJECTS_STAFFING_MAX_OPEN_ISSUES', 25),
      maxAllocation: positiveInt(env, 'PROJECTS_STAFFING_MAX_ALLOCATION', 100),
    },
    intake: loadIntakeOptions(env, pmoKey),
    now: () => new Date(),
  };
}
