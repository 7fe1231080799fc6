import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProjectsContext } from '../context';
import { Project } from '../project/project.type';
import type { Rag } from '../../common/rag';
import { deliveryHealth } from './delivery-health';
import { DeliveryHealth } from './delivery-health.type';

@Resolver(() => Project)
export class DeliveryHealthResolver {
  @FieldResolver(() => DeliveryHealth, {
    nullable: true,
    description: 'Schedule and scope RAG from Jira (overdue milestones, progress against time, overdue and blocked work); four Jira searches per 50 projects.',
  })
  async deliveryHealth(@Root() project: Project, @Ctx() ctx: ProjectsContext): Promise<DeliveryHealth> {
    const signals = await ctx.loaders.deliverySignals.load(project.key);
    const health = deliveryHealth(project.source.profile, signals, ctx.options.healthRules, ctx.options.now().toISOString().slice(0, 10));
    return { schedule: health.schedule as Rag, scope: health.scope as Rag, overall: health.overall as Rag, reasons: health.reasons };
  }
}
