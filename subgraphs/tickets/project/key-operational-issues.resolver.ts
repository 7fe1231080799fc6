import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { condition, glideDateTime } from '../../../connectors/servicenow/query';
import type { TicketsContext } from '../context';
import { openStateCodes } from '../ticket/ticket.enums';
import { ProjectRef } from './project.type';

const DAY = 86_400_000;

@Resolver(() => ProjectRef)
export class KeyOperationalIssuesResolver {
  @FieldResolver(() => [String], {
    nullable: true,
    description:
      "One line per open P1 incident and per change that failed in the last 30 days, newest first, each naming its record: a status report's key issues from ServiceNow. Null (with an error) when ServiceNow cannot answer.",
  })
  async keyOperationalIssues(@Root() project: ProjectRef, @Ctx() ctx: TicketsContext): Promise<string[]> {
    const now = ctx.options.now();
    const [p1s, failed] = await Promise.all([
      ctx.projectTickets('incident', [condition.in('state', openStateCodes('incident')), condition.where('priority', '=', '1')]).load(project.key),
      ctx
        .projectTickets('change_request', [
          condition.where('close_code', '=', 'unsuccessful'),
          condition.where('end_date', '>=', glideDateTime(new Date(now.getTime() - 30 * DAY))),
          condition.where('end_date', '<=', glideDateTime(now)),
        ])
        .load(project.key),
    ]);
    return [
      ...p1s.map((t) => `${t.number} open P1 incident since ${t.openedAt?.slice(0, 10) ?? '?'}: ${t.shortDescription}`),
      ...failed.map((t) => `${t.number} change failed (ended ${t.plannedEnd?.slice(0, 10) ?? '?'}): ${t.shortDescription}`),
    ];
  }
}
