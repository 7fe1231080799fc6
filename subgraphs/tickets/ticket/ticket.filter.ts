import type { TicketTable } from '../../../connectors/servicenow/models';
import { condition, glideDateTime, type Condition } from '../../../connectors/servicenow/query';
import { badUserInput } from '../../common/errors';
import type { ProjectLink } from '../project-link';
import type { TicketFilter, TicketSearchFilter } from './ticket.args';
import { priorityCode, stateCodes, TicketPriority } from './ticket.enums';

/**
 * Turns GraphQL filters into encoded-query conditions. Enums and instants become codes we write; the one
 * free-text value (assignmentGroup) goes through the query builder, which refuses `^`, `=`, control characters
 * and scripts, so no value can add a condition.
 */
/** The half-open window [since, before) on sys_updated_on that incremental refresh reads. */
export interface UpdatedWindow {
  updatedSince?: Date | null;
  updatedBefore?: Date | null;
}

export function filterConditions(table: TicketTable, filter: TicketFilter | null | undefined, updated: UpdatedWindow = {}): Condition[] {
  const conditions: Condition[] = [];
  if (filter?.state?.length) {
    const codes = stateCodes(table, filter.state);
    if ('invalid' in codes) throw badUserInput(`${table} has no state ${codes.invalid.join(', ')}`, 'filter.state');
    conditions.push(condition.in('state', codes));
  }
  if (filter?.priority?.length) {
    const codes = filter.priority.filter((p) => p !== TicketPriority.UNKNOWN).map((p) => priorityCode(p)!);
    if (codes.length) conditions.push(condition.in('priority', codes));
  }
  if (filter?.active !== null && filter?.active !== undefined) conditions.push(condition.where('active', '=', String(filter.active)));
  if (filter?.assignmentGroup !== null && filter?.assignmentGroup !== undefined) {
    const group = filter.assignmentGroup.trim();
    if (group === '') throw badUserInput('"assignmentGroup" must not be blank', 'filter.assignmentGroup');
    conditions.push(condition.where('assignment_group.name', '=', group));
  }
  if (filter?.openedAfter) conditions.push(condition.where('opened_at', '>', glideDateTime(filter.openedAfter)));
  if (updated.updatedSince) conditions.push(condition.where('sys_updated_on', '>=', glideDateTime(updated.updatedSince)));
  if (updated.updatedBefore) conditions.push(condition.where('sys_updated_on', '<', glideDateTime(updated.updatedBefore)));
  return conditions;
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]*$/;

/** filterConditions plus the project link of `filter.projectKey`. */
export function searchConditions(table: TicketTable, filter: TicketSearchFilter | null | undefined, updated: UpdatedWindow, link: ProjectLink): Condition[] {
  const conditions = filterConditions(table, filter, updated);
  if (filter?.projectKey !== null && filter?.projectKey !== undefined) {
    const key = filter.projectKey.trim().toUpperCase();
    if (!PROJECT_KEY.test(key)) throw badUserInput(`Not a Jira project key: ${JSON.stringify(filter.projectKey)}`, 'filter.projectKey');
    conditions.push(condition.anyOf(link.conditions([key])));
  }
  return conditions;
}
