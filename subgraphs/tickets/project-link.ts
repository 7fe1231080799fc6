import { condition, type Condition } from '../../connectors/servicenow/query';

/**
 * How a ticket is linked to a Jira project: `correlation_id` holds the project key (`SOC`) or an issue key
 * of it (`SOC-42`).
 */
const LINK_FIELD = 'correlation_id';

/** ORed conditions matching any of the projects (to AND with the rest of a query). */
export function linkConditions(projectKeys: readonly string[]): Condition[] {
  return projectKeys.flatMap((key) => [condition.where(LINK_FIELD, '=', key), condition.where(LINK_FIELD, 'STARTSWITH', `${key}-`)]);
}

/** Which of `projectKeys` a ticket's correlation id belongs to, if any. */
export function linkedProject(correlationId: string | null, projectKeys: readonly string[]): string | null {
  if (!correlationId) return null;
  const upper = correlationId.toUpperCase();
  return projectKeys.find((key) => upper === key || upper.startsWith(`${key}-`)) ?? null;
}
