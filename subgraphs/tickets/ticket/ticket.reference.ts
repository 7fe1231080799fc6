import type { TicketsContext } from '../context';
import { toTicket, type Ticket } from './ticket.type';

export async function resolveTicketReference(reference: { number: string }, ctx: TicketsContext): Promise<Ticket | null> {
  const ticket = await ctx.ticketByNumber.load(reference.number.toUpperCase());
  return ticket ? toTicket(ticket) : null;
}
