import { Ctx, Query, Resolver } from 'type-graphql';
import type { ProjectsContext } from '../context';
import { today } from '../health/project-health';
import type { Phase } from '../project/project.enums';
import { toProject } from '../project/project.type';
import { Consensus, toProposal } from './proposal.type';
import { ActiveProjectPriority, PortfolioRanking, RankedProposal } from './ranking.type';
import { rank, scoreProposal } from './scoring';

@Resolver(() => PortfolioRanking)
export class RankingResolver {
  @Query(() => PortfolioRanking, {
    description:
      'Proposals in review and approved-not-started ranked by score, ties and near ties marked, beside the active projects by priority. One Jira read per ranked proposal for its scorecards.',
  })
  async portfolioRanking(@Ctx() ctx: ProjectsContext): Promise<PortfolioRanking> {
    const [proposals, projects] = await Promise.all([ctx.loaders.intake.proposals(), ctx.loaders.portfolio()]);
    const phaseOf = new Map(projects.map((p) => [p.key, p.profile?.phase ?? null]));
    const candidates = proposals.filter(
      (p) =>
        p.workflow.state === 'IN_REVIEW' ||
        (p.workflow.state === 'APPROVED' && (!p.workflow.projectKey || phaseOf.get(p.workflow.projectKey) === 'INITIATING')),
    );
    const details = await ctx.loaders.intake.detail.loadMany(candidates.map((p) => p.key));
    const scored = candidates.map((proposal, i) => {
      const detail = details[i];
      if (detail instanceof Error) throw detail;
      return { proposal, result: scoreProposal(ctx.options.intake.criteria, detail?.scorecards ?? []) };
    });
    const rankable = scored
      .filter((s) => s.result.score !== null)
      .map((s) => ({ key: s.proposal.key, score: s.result.score!, spread: s.result.spread ?? 0, s }));
    const priority = (p: number | null | undefined) => p ?? Number.POSITIVE_INFINITY;
    return {
      asOf: today(ctx),
      criteriaVersion: ctx.options.intake.criteria.version,
      proposals: rank(rankable).map(
        (r): RankedProposal => ({
          rank: r.rank,
          proposal: toProposal(r.item.s.proposal),
          score: r.item.score,
          spread: r.item.spread,
          consensus: r.item.s.result.consensus as Consensus | null,
          tie: r.tiedWith.length > 0,
          tiedWith: r.tiedWith,
          nearTie: r.nearTieWith.length > 0,
          nearTieWith: r.nearTieWith,
        }),
      ),
      unscored: scored.filter((s) => s.result.score === null && s.proposal.workflow.state === 'IN_REVIEW').map((s) => toProposal(s.proposal)),
      activeProjects: projects
        .filter((p) => p.profile?.phase !== 'CLOSED')
        .sort((a, b) => priority(a.profile?.priority) - priority(b.profile?.priority) || a.key.localeCompare(b.key))
        .map((p): ActiveProjectPriority => ({ project: toProject(p), priority: p.profile?.priority ?? null, phase: (p.profile?.phase as Phase | undefined) ?? null })),
    };
  }
}
