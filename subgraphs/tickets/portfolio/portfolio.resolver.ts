import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Rag } from '../../common/rag';
import type { TicketsContext } from '../context';
import { linkedProjectKeys, openP1Incidents, portfolioOperations, projectKeyOfLink } from './portfolio-operations';
import { PortfolioRef, ProjectOperations } from './portfolio.type';

const NULL_WHEN_DOWN = 'Null (with an error) when ServiceNow cannot answer.';

@Resolver(() => PortfolioRef)
export class PortfolioTicketsResolver {
  @FieldResolver(() => [ProjectOperations], {
    nullable: true,
    description: `Operational health and open P1s of every project tickets link to (absent: GREEN, nothing open); one Aggregate API request per rule group plus one incident read, whatever the portfolio size. ${NULL_WHEN_DOWN}`,
  })
  async operations(@Root() _portfolio: PortfolioRef, @Ctx() ctx: TicketsContext): Promise<ProjectOperations[]> {
    const [health, p1s] = await Promise.all([portfolioOperations(ctx), openP1Incidents(ctx)]);
    const byKey = new Map<string, typeof p1s>();
    for (const incident of p1s) {
      const key = projectKeyOfLink(ctx.link, incident.projectLink);
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), incident]);
    }
    return [...health].sort(([a], [b]) => a.localeCompare(b)).map(([projectKey, verdict]) => ({
      projectKey,
      rag: verdict.rag as Rag,
      reasons: verdict.reasons,
      openP1Incidents: (byKey.get(projectKey) ?? []).map((t) => ({ number: t.number, shortDescription: t.shortDescription, openedAt: t.openedAt, url: t.url })),
    }));
  }

  @FieldResolver(() => [String], { nullable: true, description: `Every project key a ticket is linked to (four Aggregate API requests). ${NULL_WHEN_DOWN}` })
  linkedProjectKeys(@Root() _portfolio: PortfolioRef, @Ctx() ctx: TicketsContext): Promise<string[]> {
    return linkedProjectKeys(ctx.servicenow, ctx.link);
  }
}
