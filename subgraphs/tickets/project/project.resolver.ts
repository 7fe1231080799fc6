import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TicketTable } from '../../../connectors/servicenow/models';
import { sliceConnection, type ConnectionShape } from '../../common/pagination';
import type { TicketsContext } from '../context';
import { evaluateHealth, metricsOf, type HealthMetric, type TicketStatsValues } from '../health/health-rules';
import type { Rag } from '../../common/rag';
import { OperationalHealth } from '../health/operational-health.type';
import { TicketListArgs } from '../ticket/ticket.args';
import { filterConditions } from '../ticket/ticket.filter';
import { ChangeRequestConnection, IncidentConnection, ProblemConnection, ServiceRequestConnection, toTicket, type Ticket } from '../ticket/ticket.type';
import { GROUP_OF } from './ticket-stats';
import { TicketStats } from './ticket-stats.type';
import { ProjectRef } from './project.type';

async function projectTickets(table: TicketTable, project: ProjectRef, args: TicketListArgs, ctx: TicketsContext): Promise<ConnectionShape<Ticket>> {
  const tickets = await ctx.projectTickets(table, filterConditions(table, args.filter, args)).load(project.key);
  return sliceConnection(tickets.map(toTicket), args.first, args.after);
}

/** The metrics asked for, each from its group's batched Aggregate API request. */
async function projectMetrics(key: string, metrics: readonly HealthMetric[], ctx: TicketsContext): Promise<Partial<TicketStatsValues>> {
  const groups = [...new Set(metrics.map((m) => GROUP_OF[m]))];
  const parts = await Promise.all(groups.map((group) => ctx.projectStats(group).load(key)));
  return Object.assign({}, ...parts);
}

const NULL_WHEN_DOWN = 'Null (with an error) when ServiceNow cannot answer.';

@Resolver(() => ProjectRef)
export class ProjectTicketsResolver {
  @FieldResolver(() => IncidentConnection, { nullable: true, description: `Incidents linked to the project, newest first. ${NULL_WHEN_DOWN}` })
  incidents(@Root() project: ProjectRef, @Args() args: TicketListArgs, @Ctx() ctx: TicketsContext) {
    return projectTickets('incident', project, args, ctx);
  }

  @FieldResolver(() => ChangeRequestConnection, { nullable: true, description: `Change requests linked to the project, newest first. ${NULL_WHEN_DOWN}` })
  changes(@Root() project: ProjectRef, @Args() args: TicketListArgs, @Ctx() ctx: TicketsContext) {
    return projectTickets('change_request', project, args, ctx);
  }

  @FieldResolver(() => ServiceRequestConnection, { nullable: true, description: `Requested items linked to the project, newest first. ${NULL_WHEN_DOWN}` })
  requests(@Root() project: ProjectRef, @Args() args: TicketListArgs, @Ctx() ctx: TicketsContext) {
    return projectTickets('sc_req_item', project, args, ctx);
  }

  @FieldResolver(() => ProblemConnection, { nullable: true, description: `Problems linked to the project, newest first. ${NULL_WHEN_DOWN}` })
  problems(@Root() project: ProjectRef, @Args() args: TicketListArgs, @Ctx() ctx: TicketsContext) {
    return projectTickets('problem', project, args, ctx);
  }

  @FieldResolver(() => TicketStats, { nullable: true, description: `Ticket counts (each selected count costs one request per 40 projects, not one per project). ${NULL_WHEN_DOWN}` })
  ticketStats(@Root() project: ProjectRef): TicketStats {
    return Object.assign(new TicketStats(), { projectKey: project.key });
  }

  @FieldResolver(() => OperationalHealth, { nullable: true, description: `RAG from the configured rules over ticketStats, with a reason for each triggered rule. ${NULL_WHEN_DOWN}` })
  async operationalHealth(@Root() project: ProjectRef, @Ctx() ctx: TicketsContext): Promise<OperationalHealth> {
    const rules = ctx.options.healthRules;
    const stats = await projectMetrics(project.key, metricsOf(rules), ctx);
    const verdict = evaluateHealth(rules, stats as TicketStatsValues);
    return { rag: verdict.rag as Rag, reasons: verdict.reasons };
  }
}

@Resolver(() => TicketStats)
export class TicketStatsResolver {
  private static metric(stats: TicketStats, metric: HealthMetric, ctx: TicketsContext): Promise<number> {
    return projectMetrics(stats.projectKey, [metric], ctx).then((values) => values[metric] ?? 0);
  }

  @FieldResolver()
  openIncidents(@Root() stats: TicketStats, @Ctx() ctx: TicketsContext) {
    return TicketStatsResolver.metric(stats, 'openIncidents', ctx);
  }

  @FieldResolver()
  p1Open(@Root() stats: TicketStats, @Ctx() ctx: TicketsContext) {
    return TicketStatsResolver.metric(stats, 'p1Open', ctx);
  }

  @FieldResolver()
  p2Open(@Root() stats: TicketStats, @Ctx() ctx: TicketsContext) {
    return TicketStatsResolver.metric(stats, 'p2Open', ctx);
  }

  @FieldResolver()
  changesNext14Days(@Root() stats: TicketStats, @Ctx() ctx: TicketsContext) {
    return TicketStatsResolver.metric(stats, 'changesNext14Days', ctx);
  }

  @FieldResolver()
  failedChangesLast30Days(@Root() stats: TicketStats, @Ctx() ctx: TicketsContext) {
    return TicketStatsResolver.metric(stats, 'failedChangesLast30Days', ctx);
  }

  @FieldResolver()
  openProblems(@Root() stats: TicketStats, @Ctx() ctx: TicketsContext) {
    return TicketStatsResolver.metric(stats, 'openProblems', ctx);
  }
}
