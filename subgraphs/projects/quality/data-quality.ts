import type { JiraProject, JiraStatusReport, JiraVersion } from '../../../connectors/jira/models';
import { personKey } from '../../common/person-ref';
import { statusFreshness } from '../status-report/status-report.resolver';

export const CHECKS = [
  'NO_LEAD',
  'LEAD_NOT_IN_DIRECTORY',
  'NO_SPONSOR',
  'NO_PLANNED_DATES',
  'PAST_PLANNED_END',
  'NO_TEAM',
  'NO_MILESTONES',
  'NO_REPORT',
  'STALE_REPORT',
] as const;
export type CheckName = (typeof CHECKS)[number];

export interface QualityInputs {
  project: JiraProject;
  versions: readonly JiraVersion[];
  latestReport: JiraStatusReport | null;
  /** Whether the directory knows the lead as an active person; undefined when not known (directory not asked or down). */
  leadInDirectory: boolean | null | undefined;
  cadenceDays: number;
  now: Date;
}

/** The checks a project fails, in check order. Closed projects are not checked. Pure. */
export function dataQuality(inputs: QualityInputs): { failing: CheckName[]; score: number } {
  const { project, versions, latestReport, now } = inputs;
  const profile = project.profile;
  if (profile?.phase === 'CLOSED') return { failing: [], score: 100 };
  const today = now.toISOString().slice(0, 10);
  const lead = personKey(project.lead?.email);
  const results: Array<[CheckName, boolean | null]> = [
    ['NO_LEAD', !lead],
    // Unknown (null) when there is no lead to look up or the directory did not say.
    ['LEAD_NOT_IN_DIRECTORY', lead && typeof inputs.leadInDirectory === 'boolean' ? !inputs.leadInDirectory : null],
    ['NO_SPONSOR', !profile?.sponsorEmail],
    ['NO_PLANNED_DATES', !profile?.plannedStart || !profile?.plannedEnd],
    ['PAST_PLANNED_END', profile?.plannedEnd ? today > profile.plannedEnd && profile.phase !== 'CLOSING' : null],
    ['NO_TEAM', !(profile?.team.length)],
    ['NO_MILESTONES', !versions.some((v) => !v.archived)],
    ['NO_REPORT', latestReport === null],
    ['STALE_REPORT', latestReport ? statusFreshness(latestReport.statusDate, inputs.cadenceDays, false, now).stale : null],
  ];
  const applied = results.filter(([, failed]) => failed !== null);
  const failing = applied.filter(([, failed]) => failed).map(([name]) => name);
  return { failing, score: applied.length ? Math.round(((applied.length - failing.length) / applied.length) * 100) : 100 };
}
