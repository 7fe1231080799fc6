import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Ticket as SnowTicket, TicketTable } from '../../../connectors/servicenow/models';
import { condition, type Condition } from '../../../connectors/servicenow/query';
import { badUserInput } from '../../common/errors';
import { personKey } from '../../common/person-ref';
import { sliceConnection, type ConnectionShape } from '../../common/pagination';
import type { TicketsContext } from '../context';
import { AssignedTicketArgs } from '../ticket/ticket.args';
import { filterConditions } from '../ticket/ticket.filter';
import { STATE_CODES, type TicketState } from '../ticket/ticket.enums';
import { TicketConnection, toTicket, type Ticket } from '../ticket/ticket.type';
import { PersonRef } from './person.type';

const TABLES = Object.keys(STATE_CODES) as TicketTable[];

/** Per table, the state condition for `states` (each table has its own codes); tables with none of them drop out. */
function tableFilters(states: readonly TicketState[] | null | undefined): Array<[TicketTable, Condition[]]> {
  if (!states?.length) return TABLES.map((table) => [table, []]);
  const filters = TABLES.flatMap((table): Array<[TicketTable, Condition[]]> => {
    const codes = STATE_CODES[table].filter(([, state]) => states.includes(state)).map(([code]) => code);
    return codes.length ? [[table, [condition.in('state', codes)]]] : [];
  });
  if (!filters.length) throw badUserInput(`No ticket table has the state ${states.join(', ')}`, 'state');
  return filters;
}

/** Newest first, then by number, across tables: the order each table's list already has. */
const newestFirst = (a: SnowTicket, b: SnowTicket): number =>
  (b.openedAt ?? '').localeCompare(a.openedAt ?? '') || a.number.localeCompare(b.number);

@Resolver(() => PersonRef)
export class PersonTicketsResolver {
  @FieldResolver(() => TicketConnection, {
    nullable: true,
    description: 'Tickets of every table assigned to this person in ServiceNow (matched by email, without case), newest first. Null (with an error) when ServiceNow cannot answer.',
  })
  async assignedTickets(@Root() person: PersonRef, @Args() args: AssignedTicketArgs, @Ctx() ctx: TicketsContext): Promise<ConnectionShape<Ticket>> {
    const email = personKey(person.email);
    const filters = tableFilters(args.state).map(([table, state]): [TicketTable, Condition[]] => [table, [...state, ...filterConditions(table, null, args)]]);
    if (!email) return sliceConnection([], args.first, args.after);
    const lists = await Promise.all(filters.map(([table, filter]) => ctx.assignedTickets(table, filter).load(email)));
    return sliceConnection(lists.flat().sort(newestFirst).map(toTicket), args.first, args.after);
  }
}
