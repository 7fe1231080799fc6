import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { TicketTable } from '../../../connectors/servicenow/models';
import { encodedQuery } from '../../../connectors/servicenow/query';
import { badUserInput } from '../../common/errors';
import { offsetAfter, offsetConnection, pageSize, type ConnectionShape } from '../../common/pagination';
import { TICKET_ORDER, tableOfNumber, type TicketsContext } from '../context';
import { TicketSearchArgs } from './ticket.args';
import { searchConditions } from './ticket.filter';
import { tablePageConnection } from './ticket.page';
import { ChangeRequestConnection, IncidentConnection, ProblemConnection, ServiceRequestConnection, Ticket, toTicket } from './ticket.type';

/** One page of a table, read with sysparm_limit/sysparm_offset; `first: 0` asks the Aggregate API for the count alone. */
async function searchTickets(table: TicketTable, args: TicketSearchArgs, ctx: TicketsContext): Promise<ConnectionShape<Ticket>> {
  const size = pageSize(args.first);
  const offset = offsetAfter(args.after);
  const query = encodedQuery();
  for (const c of searchConditions(table, args.filter, args, ctx.link)) query.and(c);
  if (size === 0) {
    const [counted] = await ctx.servicenow.countTickets(table, query);
    return offsetConnection([], offset, counted?.count ?? 0);
  }
  const page = await ctx.servicenow.listTickets(table, { query: TICKET_ORDER(query), limit: size, offset });
  return tablePageConnection(page, offset, size);
}

const LIST = (what: string) => `${what}, newest first (then by number). Null (with an error) when ServiceNow cannot answer.`;

@Resolver(() => Ticket)
export class TicketResolver {
  @Query(() => Ticket, { nullable: true, description: 'A ticket by number (INC…, CHG…, RITM…, PRB…).' })
  async ticket(@Arg('number', { description: 'The ticket number; its prefix (INC, CHG, RITM, PRB) says the table.' }) number: string, @Ctx() ctx: TicketsContext): Promise<Ticket | null> {
    const normalised = number.trim().toUpperCase();
    if (!/^[A-Z]+\d+$/.test(normalised) || !tableOfNumber(normalised)) {
      throw badUserInput(`Not a ServiceNow ticket number (INC…, CHG…, RITM…, PRB…): ${JSON.stringify(number)}`, 'number');
    }
    const ticket = await ctx.ticketByNumber.load(normalised);
    return ticket ? toTicket(ticket) : null;
  }

  @Query(() => IncidentConnection, { nullable: true, description: LIST('Incidents') })
  incidents(@Args() args: TicketSearchArgs, @Ctx() ctx: TicketsContext) {
    return searchTickets('incident', args, ctx);
  }

  @Query(() => ChangeRequestConnection, { nullable: true, description: LIST('Change requests') })
  changes(@Args() args: TicketSearchArgs, @Ctx() ctx: TicketsContext) {
    return searchTickets('change_request', args, ctx);
  }

  @Query(() => ServiceRequestConnection, { nullable: true, description: LIST('Requested items (sc_req_item)') })
  requests(@Args() args: TicketSearchArgs, @Ctx() ctx: TicketsContext) {
    return searchTickets('sc_req_item', args, ctx);
  }

  @Query(() => ProblemConnection, { nullable: true, description: LIST('Problems') })
  problems(@Args() args: TicketSearchArgs, @Ctx() ctx: TicketsContext) {
    return searchTickets('problem', args, ctx);
  }
}
