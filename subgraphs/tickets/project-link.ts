import { condition, type Condition } from '../../connectors/servicenow/query';
import type { ProjectLinkRule } from './config';

/** Keys (projects, emails) per Table API or Aggregate API request: keeps the encoded query well inside URL limits. */
export const KEYS_PER_REQUEST = 40;

/**
 * How a ticket is linked to a Jira project, per the configured rule: by default `correlation_id` holds the
 * project key (`SOC`) or an issue key of it (`SOC-42`).
 */
export class ProjectLink {
  constructor(readonly rule: ProjectLinkRule) {}

  /** ORed conditions matching any of the projects (to AND with the rest of a query). */
  conditions(projectKeys: readonly string[]): Condition[] {
    const { field, match } = this.rule;
    if (match === 'key') return [condition.in(field, projectKeys)];
    return projectKeys.flatMap((key) => [condition.where(field, '=', key), condition.where(field, 'STARTSWITH', `${key}-`)]);
  }

  /** Which of `projectKeys` a link value belongs to, if any (the instance compares without case, so do we). */
  projectOf(value: string | null, projectKeys: readonly string[]): string | null {
    if (!value) return null;
    const upper = value.toUpperCase();
    const issueKeys = this.rule.match === 'key-or-issue';
    return projectKeys.find((key) => upper === key || (issueKeys && upper.startsWith(`${key}-`))) ?? null;
  }
}
