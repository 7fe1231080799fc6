import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { badUserInput } from '../../common/errors';
import { tableOfNumber, type TicketsContext } from '../context';
import { Ticket, toTicket } from './ticket.type';

@Resolver(() => Ticket)
export class TicketResolver {
  @Query(() => Ticket, { nullable: true, description: 'A ticket by number (INC…, CHG…, RITM…, PRB…).' })
  async ticket(@Arg('number') number: string, @Ctx() ctx: TicketsContext): Promise<Ticket | null> {
    const normalised = number.trim().toUpperCase();
    if (!/^[A-Z]+\d+$/.test(normalised) || !tableOfNumber(normalised)) {
      throw badUserInput(`Not a ServiceNow ticket number (INC…, CHG…, RITM…, PRB…): ${JSON.stringify(number)}`, 'number');
    }
    const ticket = await ctx.ticketByNumber.load(normalised);
    return ticket ? toTicket(ticket) : null;
  }
}
