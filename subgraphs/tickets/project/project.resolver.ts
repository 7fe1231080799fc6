import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TicketTable } from '../../../connectors/servicenow/models';
import { sliceConnection, type ConnectionShape } from '../../common/pagination';
import type { TicketsContext } from '../context';
import { TicketListArgs } from '../ticket/ticket.args';
import { filterConditions } from '../ticket/ticket.filter';
import { ChangeRequestConnection, IncidentConnection, toTicket, type Ticket } from '../ticket/ticket.type';
import { ProjectRef } from './project.type';

async function projectTickets(table: TicketTable, project: ProjectRef, args: TicketListArgs, ctx: TicketsContext): Promise<ConnectionShape<Ticket>> {
  const tickets = await ctx.projectTickets(table, filterConditions(table, args.filter)).load(project.key);
  return sliceConnection(tickets.map(toTicket), args.first, args.after);
}

@Resolver(() => ProjectRef)
export class ProjectTicketsResolver {
  @FieldResolver(() => IncidentConnection, { nullable: true, description: 'Incidents linked to the project, newest first. Null (with an error) when ServiceNow cannot answer.' })
  incidents(@Root() project: ProjectRef, @Args() args: TicketListArgs, @Ctx() ctx: TicketsContext) {
    return projectTickets('incident', project, args, ctx);
  }

  @FieldResolver(() => ChangeRequestConnection, { nullable: true, description: 'Change requests linked to the project, newest first. Null (with an error) when ServiceNow cannot answer.' })
  changes(@Root() project: ProjectRef, @Args() args: TicketListArgs, @Ctx() ctx: TicketsContext) {
    return projectTickets('change_request', project, args, ctx);
  }
}
