import type { TicketTable } from '../../../connectors/servicenow/models';
import { condition, type Condition } from '../../../connectors/servicenow/query';
import { badUserInput } from '../../common/errors';
import type { TicketFilter } from './ticket.args';
import { priorityCode, stateCodes, TicketPriority } from './ticket.enums';

/** Turns a GraphQL filter into encoded-query conditions; enum values only, so nothing user-typed reaches the query. */
export function filterConditions(table: TicketTable, filter: TicketFilter | null | undefined): Condition[] {
  const conditions: Condition[] = [];
  if (!filter) return conditions;
  if (filter.state?.length) {
    const codes = stateCodes(table, filter.state);
    if ('invalid' in codes) throw badUserInput(`${table} has no state ${codes.invalid.join(', ')}`, 'filter.state');
    conditions.push(condition.in('state', codes));
  }
  if (filter.priority?.length) {
    const codes = filter.priority.filter((p) => p !== TicketPriority.UNKNOWN).map((p) => priorityCode(p)!);
    if (codes.length) conditions.push(condition.in('priority', codes));
  }
  if (filter.active !== null && filter.active !== undefined) conditions.push(condition.where('active', '=', String(filter.active)));
  return conditions;
}
