import { requiresScopes } from '../../common/federation';
import { Arg, Args, Ctx, Directive, FieldResolver, Float, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { JiraProposal, ProposalWorkflow } from '../../../connectors/jira/proposals.models';
import { hasScope } from '../../common/caller';
import { badUserInput } from '../../common/errors';
import { globalId } from '../../common/global-id';
import { sliceConnection, type ConnectionShape } from '../../common/pagination';
import { personKey } from '../../common/person-ref';
import type { ProjectsContext } from '../context';
import { PersonRef, personRef } from '../person/person.type';
import { normaliseProjectKey } from '../project/project.resolver';
import { Project, toProject } from '../project/project.type';
import { IntakeCriteriaSet, toCriteriaSet, toCriterion } from './criteria.type';
import type { ProposalDetail } from './intake.loader';
import { DecisionInput, ProposalInput, ProposalsArgs, ProposalUpdateInput, ScorecardInput } from './proposal.input';
import { actor, advance, decide, OPEN_STATES, proposalFields, requireScope, scorecard } from './proposal.rules';
import { Consensus, Proposal, ProposalAssessment, ProposalConnection, ProposalState, Scorecard, toProposal } from './proposal.type';
import { scoreProposal, type ProposalScore } from './scoring';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d{0,9}$/;

/** A proposal key in the intake project, upper-cased; BAD_USER_INPUT when it is not an issue key at all. */
function proposalKey(key: string, ctx: ProjectsContext): string | null {
  const upper = key.trim().toUpperCase();
  if (!ISSUE_KEY.test(upper)) throw badUserInput(`Not a Jira issue key: ${JSON.stringify(key)}`, 'key');
  return upper.startsWith(`${ctx.options.intake.store.projectKey}-`) ? upper : null;
}

/** The proposal with its scorecards, or BAD_USER_INPUT naming the key. */
async function requireProposal(key: string, ctx: ProjectsContext, fresh = false): Promise<ProposalDetail> {
  const normalised = proposalKey(key, ctx);
  if (fresh && normalised) ctx.loaders.intake.detail.clear(normalised);
  const detail = normalised ? await ctx.loaders.intake.detail.load(normalised) : null;
  if (!detail) throw badUserInput(`No proposal ${key.trim().toUpperCase()} in the intake project ${ctx.options.intake.store.projectKey}`, 'key');
  return detail;
}

/** The proposal as it reads after a write (re-read from Jira, so concurrent writers' changes show too). */
async function reread(key: string, ctx: ProjectsContext): Promise<Proposal> {
  return toProposal((await requireProposal(key, ctx, true)).proposal);
}

export async function assessmentOf(proposal: Proposal, ctx: ProjectsContext): Promise<ProposalScore> {
  const detail = await ctx.loaders.intake.detail.load(proposal.key);
  return scoreProposal(ctx.options.intake.criteria, detail?.scorecards ?? []);
}

const now = (ctx: ProjectsContext) => ctx.options.now().toISOString();

@Resolver(() => Proposal)
export class ProposalResolver {
  @Query(() => IntakeCriteriaSet, { description: 'The published intake criteria: weights, anchored 1–5 scales, the score formula and the consensus rule.' })
  intakeCriteria(@Ctx() ctx: ProjectsContext): IntakeCriteriaSet {
    return toCriteriaSet(ctx.options.intake.criteria);
  }

  @Query(() => ProposalConnection, { nullable: true, description: 'Intake proposals in key order (oldest first). One Jira search serves the list.' })
  async proposals(@Args() { filter, first, after }: ProposalsArgs, @Ctx() ctx: ProjectsContext): Promise<ConnectionShape<Proposal>> {
    const sponsor = filter?.sponsor ? personKey(filter.sponsor) : null;
    const department = filter?.department?.trim().toLowerCase();
    const matching = (await ctx.loaders.intake.proposals()).filter(
      (p) =>
        (!filter?.state?.length || filter.state.includes(p.workflow.state as ProposalState)) &&
        (!department || p.body.requestingDepartment?.toLowerCase() === department) &&
        (!sponsor || p.body.sponsorEmail === sponsor),
    );
    return sliceConnection(matching.map(toProposal), first, after);
  }

  @Query(() => Proposal, { nullable: true, description: 'A proposal by its Jira key (INTAKE-7); null when the intake project has no such proposal.' })
  async proposal(@Arg('key', { description: 'The Jira issue key.' }) key: string, @Ctx() ctx: ProjectsContext): Promise<Proposal | null> {
    const normalised = proposalKey(key, ctx);
    const detail = normalised ? await ctx.loaders.intake.detail.load(normalised) : null;
    return detail ? toProposal(detail.proposal) : null;
  }

  @Mutation(() => Proposal, { description: 'Files a proposal: one new issue in the Jira intake project, state SUBMITTED. Never retried automatically.' })
  async submitProposal(@Arg('input', () => ProposalInput, { description: 'The proposal.' }) input: ProposalInput, @Ctx() ctx: ProjectsContext): Promise<Proposal> {
    const at = now(ctx);
    const by = actor(ctx.caller);
    const body = { ...proposalFields(input, null), submittedBy: by, submittedAt: at };
    const workflow: ProposalWorkflow = { state: 'SUBMITTED', history: [{ from: null, to: 'SUBMITTED', at, by, note: null }], decision: null, projectKey: null };
    return toProposal(await ctx.jira.createProposal(ctx.options.intake.store, body, workflow));
  }

  @Mutation(() => Proposal, { description: 'Edits a proposal until it is decided (omitted = keep, null = clear). For the submitter, intake:review or portfolio:admin.' })
  async updateProposal(
    @Arg('key', { description: 'The proposal key.' }) key: string,
    @Arg('input', () => ProposalUpdateInput, { description: 'The changes.' }) input: ProposalUpdateInput,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Proposal> {
    const { proposal } = await requireProposal(key, ctx, true);
    if (actor(ctx.caller) !== proposal.body.submittedBy && !hasScope(ctx.caller, 'portfolio:admin')) {
      requireScope(ctx.caller, 'intake:review', "Editing someone else's proposal");
    }
    if (!OPEN_STATES.includes(proposal.workflow.state)) throw badUserInput(`A ${proposal.workflow.state} proposal can no longer be edited`, 'key');
    const { submittedBy, submittedAt } = proposal.body;
    await ctx.jira.putProposalBody(proposal.key, { ...proposalFields(input, proposal.body), submittedBy, submittedAt });
    return reread(proposal.key, ctx);
  }

  @Mutation(() => Proposal, {
    description: 'Moves a proposal on: SUBMITTED → SCREENING → IN_REVIEW, or a DEFERRED one back to SCREENING. Entering review needs sponsor, estimate and benefits (the error lists what is missing). intake:review.',
  })
  async advanceProposal(
    @Arg('key', { description: 'The proposal key.' }) key: string,
    @Arg('to', () => ProposalState, { description: 'SCREENING or IN_REVIEW.' }) to: ProposalState,
    @Arg('note', () => String, { nullable: true, description: 'Why, kept in the history.' }) note: string | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Proposal> {
    requireScope(ctx.caller, 'intake:review', 'Moving a proposal on');
    const { proposal } = await requireProposal(key, ctx, true);
    await ctx.jira.putProposalWorkflow(proposal.key, advance(proposal.workflow, to, actor(ctx.caller), now(ctx), note ?? null, toProposal(proposal).missingFields));
    return reread(proposal.key, ctx);
  }

  @Directive(requiresScopes(['intake:review']))
  @Mutation(() => Proposal, {
    description:
      "Saves the calling reviewer's scorecard on a proposal IN_REVIEW: a score (1–5) and comment per published criterion. Each reviewer has their own Jira property, so re-scoring replaces only theirs and concurrent reviewers never lose each other's scores. intake:review.",
  })
  async scoreProposal(
    @Arg('key', { description: 'The proposal key.' }) key: string,
    @Arg('input', () => ScorecardInput, { description: 'The scores.' }) input: ScorecardInput,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Proposal> {
    requireScope(ctx.caller, 'intake:review', 'Scoring a proposal');
    const { proposal } = await requireProposal(key, ctx, true);
    if (proposal.workflow.state !== 'IN_REVIEW') throw badUserInput(`Only a proposal IN_REVIEW can be scored; this one is ${proposal.workflow.state}`, 'key');
    await ctx.jira.putScorecard(proposal.key, scorecard(input, ctx.options.intake.criteria, actor(ctx.caller), now(ctx)));
    return reread(proposal.key, ctx);
  }

  @Directive(requiresScopes(['portfolio:admin']))
  @Mutation(() => Proposal, {
    description: 'Records an intake decision on a proposal IN_REVIEW (approve, reject or defer, with rationale), with who and when, in its history. Approving needs at least one scorecard. portfolio:admin.',
  })
  async decideProposal(
    @Arg('key', { description: 'The proposal key.' }) key: string,
    @Arg('input', () => DecisionInput, { description: 'The decision.' }) input: DecisionInput,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Proposal> {
    requireScope(ctx.caller, 'portfolio:admin', 'Deciding on a proposal');
    const { proposal, scorecards } = await requireProposal(key, ctx, true);
    if (input.outcome === 'APPROVE' && scorecards.length === 0) throw badUserInput('A proposal nobody has scored cannot be approved', 'key');
    const projectKey = input.projectKey ? await this.deliveringProject(input.projectKey, ctx) : null;
    await ctx.jira.putProposalWorkflow(proposal.key, decide(proposal.workflow, input.outcome, input.rationale, actor(ctx.caller), now(ctx), projectKey));
    return reread(proposal.key, ctx);
  }

  @Mutation(() => Proposal, { description: 'Links an approved proposal to the Jira project that delivers it (Proposal.project, Project.origin). portfolio:admin.' })
  async linkProposalProject(
    @Arg('key', { description: 'The proposal key.' }) key: string,
    @Arg('projectKey', { description: 'The delivering Jira project.' }) projectKey: string,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Proposal> {
    requireScope(ctx.caller, 'portfolio:admin', 'Linking a proposal to its project');
    const { proposal } = await requireProposal(key, ctx, true);
    if (proposal.workflow.state !== 'APPROVED') throw badUserInput(`Only an APPROVED proposal can be linked to a project; this one is ${proposal.workflow.state}`, 'key');
    const delivering = await this.deliveringProject(projectKey, ctx);
    const other = (await ctx.loaders.intake.proposals()).find((p) => p.key !== proposal.key && p.workflow.projectKey === delivering);
    if (other) throw badUserInput(`${delivering} already delivers ${other.key}`, 'projectKey');
    await ctx.jira.putProposalWorkflow(proposal.key, { ...proposal.workflow, projectKey: delivering });
    return reread(proposal.key, ctx);
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: 'The executive sponsor (required for review).' })
  sponsor(@Root() proposal: Proposal): PersonRef | null {
    return personRef(proposal.source.body.sponsorEmail);
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: 'Who filed it, as a Person; null when not identified by email.' })
  submitter(@Root() proposal: Proposal): PersonRef | null {
    return proposal.submittedBy.includes('@') ? personRef(proposal.submittedBy) : null;
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The Jira project that delivers it, once approved and linked.' })
  async project(@Root() proposal: Proposal, @Ctx() ctx: ProjectsContext): Promise<Project | null> {
    const key = proposal.source.workflow.projectKey;
    const project = key ? await ctx.loaders.projectByKey.load(key) : null;
    return project ? toProject(project) : null;
  }

  @FieldResolver(() => [Scorecard], { description: "Every reviewer's scorecard, by reviewer. One Jira read per proposal (properties=*all)." })
  async scorecards(@Root() proposal: Proposal, @Ctx() ctx: ProjectsContext): Promise<Scorecard[]> {
    const { reviewerTotals } = await assessmentOf(proposal, ctx);
    const detail = await ctx.loaders.intake.detail.load(proposal.key);
    return (detail?.scorecards ?? []).map((card, i) => ({
      ...card,
      id: globalId('Scorecard', proposal.key, card.reviewer),
      reviewerId: card.reviewer,
      reviewer: card.reviewer.includes('@') ? personRef(card.reviewer) : null,
      total: reviewerTotals[i]?.total ?? null,
    }));
  }

  @FieldResolver(() => Float, { nullable: true, description: 'The score by the published formula (assessment.score); null until every criterion is scored.' })
  async score(@Root() proposal: Proposal, @Ctx() ctx: ProjectsContext): Promise<number | null> {
    return (await assessmentOf(proposal, ctx)).score;
  }

  @FieldResolver(() => ProposalAssessment, { description: 'The score, and per criterion the median, spread and consensus of the reviewers.' })
  async assessment(@Root() proposal: Proposal, @Ctx() ctx: ProjectsContext): Promise<ProposalAssessment> {
    const result = await assessmentOf(proposal, ctx);
    return {
      score: result.score,
      criteriaVersion: ctx.options.intake.criteria.version,
      reviewerCount: result.reviewerCount,
      spread: result.spread,
      consensus: result.consensus as Consensus | null,
      criteria: result.criteria.map((c) => ({
        criterion: toCriterion(c.criterion),
        median: c.median,
        min: c.min,
        max: c.max,
        spread: c.spread,
        consensus: c.consensus as Consensus | null,
        reviewerCount: c.scores.length,
      })),
    };
  }

  /** A portfolio project's key, or BAD_USER_INPUT. */
  private async deliveringProject(projectKey: string, ctx: ProjectsContext): Promise<string> {
    const key = normaliseProjectKey(projectKey);
    const project = await ctx.loaders.projectByKey.load(key);
    if (!project) throw badUserInput(`No project ${key} in Jira (or not visible to this integration)`, 'projectKey');
    return project.key;
  }
}

@Resolver(() => Project)
export class ProjectOriginResolver {
  @FieldResolver(() => Proposal, { nullable: true, description: 'The approved intake proposal this project delivers; null when it did not come through intake.' })
  async origin(@Root() project: Project, @Ctx() ctx: ProjectsContext): Promise<Proposal | null> {
    const found: JiraProposal | undefined = (await ctx.loaders.intake.proposals()).find((p) => p.workflow.projectKey === project.key.toUpperCase());
    return found ? toProposal(found) : null;
  }
}
