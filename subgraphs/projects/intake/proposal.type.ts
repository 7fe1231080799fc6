import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { JiraProposal } from '../../../connectors/jira/proposals.models';
import { ConnectionType } from '../../common/pagination';
import { globalId, ID_DESCRIPTION } from '../../common/global-id';
import { DateTimeScalar } from '../../common/scalars';
import { PersonRef } from '../person/person.type';
import { IntakeCriterion } from './criteria.type';

export enum ProposalState {
  SUBMITTED = 'SUBMITTED',
  SCREENING = 'SCREENING',
  IN_REVIEW = 'IN_REVIEW',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  DEFERRED = 'DEFERRED',
}
registerEnumType(ProposalState, {
  name: 'ProposalState',
  description: 'Where a proposal is in intake: SUBMITTED → SCREENING → IN_REVIEW → APPROVED / REJECTED / DEFERRED.',
  valuesConfig: {
    SUBMITTED: { description: 'Filed by the requester; the PMO has not picked it up.' },
    SCREENING: { description: 'The PMO checks it is complete; the requester may still edit it.' },
    IN_REVIEW: { description: 'Complete (sponsor, estimate and benefits given) and open for scoring.' },
    APPROVED: { description: 'Approved by a portfolio:admin; may be linked to the Jira project that delivers it.' },
    REJECTED: { description: 'Rejected, with the rationale.' },
    DEFERRED: { description: 'Deferred, with the rationale; it can be reopened for screening.' },
  },
});

export enum EffortBand {
  XS = 'XS',
  S = 'S',
  M = 'M',
  L = 'L',
  XL = 'XL',
}
registerEnumType(EffortBand, {
  name: 'EffortBand',
  description: "The requester's effort estimate (the effort criterion's anchors say what each band means).",
  valuesConfig: {
    XS: { description: 'Under two person-weeks.' },
    S: { description: 'Up to two person-months.' },
    M: { description: 'Up to six person-months.' },
    L: { description: 'Up to eighteen person-months.' },
    XL: { description: 'More than eighteen person-months.' },
  },
});

export enum DecisionOutcome {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  DEFER = 'DEFER',
}
registerEnumType(DecisionOutcome, {
  name: 'DecisionOutcome',
  description: 'An intake decision.',
  valuesConfig: {
    APPROVE: { description: 'Approve: the proposal becomes APPROVED.' },
    REJECT: { description: 'Reject: the proposal becomes REJECTED.' },
    DEFER: { description: 'Defer: the proposal becomes DEFERRED.' },
  },
});

export enum Consensus {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}
registerEnumType(Consensus, {
  name: 'Consensus',
  description: "How far the reviewers agree on a criterion, from the spread of their scores (highest − lowest).",
  valuesConfig: {
    HIGH: { description: 'Spread of 0 or 1: the reviewers agree.' },
    MEDIUM: { description: 'Spread of 2.' },
    LOW: { description: 'Spread of 3 or more: the reviewers disagree; discuss before deciding.' },
  },
});

@ObjectType({ description: 'One state change of a proposal.' })
export class ProposalTransition {
  @Field(() => ProposalState, { nullable: true, description: 'The state before; null for the submission.' })
  from!: ProposalState | null;

  @Field(() => ProposalState, { description: 'The state after.' })
  to!: ProposalState;

  @Field(() => DateTimeScalar, { description: 'When.' })
  at!: string;

  @Field({ description: 'Who: a lower-cased email, or the caller subject when it has none.' })
  by!: string;

  @Field(() => String, { nullable: true, description: 'Why, when given (a decision carries its rationale).' })
  note!: string | null;
}

@ObjectType({ description: 'An intake decision, with who took it and when.' })
export class ProposalDecision {
  @Field(() => DecisionOutcome, { description: 'Approve, reject or defer.' })
  outcome!: DecisionOutcome;

  @Field({ description: 'Why: shown to the requester and in the leadership digest.' })
  rationale!: string;

  @Field({ description: 'Who decided: a lower-cased email, or the caller subject.' })
  by!: string;

  @Field(() => DateTimeScalar, { description: 'When.' })
  at!: string;
}

@ObjectType({ description: "One reviewer's score on one criterion." })
export class CriterionScore {
  @Field({ description: 'The criterion id (IntakeCriterion.id).' })
  criterion!: string;

  @Field(() => Int, { description: "1 to 5 on the criterion's anchored scale (for inverted criteria 5 is the highest risk or effort)." })
  score!: number;

  @Field(() => String, { nullable: true, description: "The reviewer's comment on this criterion." })
  comment!: string | null;
}

@ObjectType({ description: "One reviewer's scorecard: their scores on every criterion. Re-scoring replaces it." })
export class Scorecard {
  @Field(() => ID, { description: ID_DESCRIPTION })
  id!: string;

  @Field({ description: 'The reviewer: a lower-cased email, or the caller subject when it has none.' })
  reviewerId!: string;

  @Field(() => PersonRef, { nullable: true, description: 'The reviewer as a Person; null when the reviewer is not identified by email.' })
  reviewer!: PersonRef | null;

  @Field({ description: 'The criteria version the scores were given against.' })
  criteriaVersion!: string;

  @Field(() => [CriterionScore], { description: 'One score per criterion, in the criteria order.' })
  scores!: CriterionScore[];

  @Field(() => String, { nullable: true, description: 'An overall comment.' })
  comment!: string | null;

  @Field(() => Float, { nullable: true, description: "This reviewer's own total by the published formula; null if a criterion is unscored." })
  total!: number | null;

  @Field(() => DateTimeScalar, { description: 'When the scorecard was last saved.' })
  scoredAt!: string;
}

@ObjectType({ description: 'The reviewers on one criterion: their median, the spread and the consensus it shows.' })
export class CriterionAssessment {
  @Field(() => IntakeCriterion, { description: 'The criterion, with its weight and anchors.' })
  criterion!: IntakeCriterion;

  @Field(() => Float, { nullable: true, description: "The median of the reviewers' scores (the mean of the middle two when even); what the score formula uses." })
  median!: number | null;

  @Field(() => Int, { nullable: true, description: 'The lowest score given.' })
  min!: number | null;

  @Field(() => Int, { nullable: true, description: 'The highest score given.' })
  max!: number | null;

  @Field(() => Int, { nullable: true, description: 'Highest minus lowest score.' })
  spread!: number | null;

  @Field(() => Consensus, { nullable: true, description: 'HIGH (spread ≤ 1), MEDIUM (2), LOW (≥ 3); null with fewer than two reviewers.' })
  consensus!: Consensus | null;

  @Field(() => Int, { description: 'Reviewers who scored it.' })
  reviewerCount!: number;
}

@ObjectType({ description: "A proposal's score by the published formula, and where its reviewers disagree." })
export class ProposalAssessment {
  @Field(() => Float, { nullable: true, description: "100 × Σ w·(m−1)/4 ÷ Σ w over the criteria's medians m (inverted criteria use 6 − m); 0 to 100, one decimal. Null until every criterion has a score." })
  score!: number | null;

  @Field({ description: 'The criteria version the score is computed with.' })
  criteriaVersion!: string;

  @Field(() => Int, { description: 'Reviewers who scored the proposal.' })
  reviewerCount!: number;

  @Field(() => Float, { nullable: true, description: "Highest minus lowest of the reviewers' own totals: how far apart they are overall." })
  spread!: number | null;

  @Field(() => Consensus, { nullable: true, description: 'The lowest consensus over the criteria.' })
  consensus!: Consensus | null;

  @Field(() => [CriterionAssessment], { description: 'Per criterion, in the criteria order.' })
  criteria!: CriterionAssessment[];
}

/** A proposal: one issue in the Jira intake project. Scorecards and the score are resolved in proposal.resolver.ts. */
@ObjectType({ description: 'A project proposal in intake: an issue in the Jira intake project, its structured body in issue properties.' })
export class Proposal {
  @Field(() => ID, { description: ID_DESCRIPTION })
  get id(): string {
    return globalId('Proposal', this.key);
  }

  @Field({ description: 'The Jira issue key, e.g. INTAKE-7.' })
  key!: string;

  @Field({ description: 'The proposal in the Jira UI.' })
  url!: string;

  @Field({ description: 'A short title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'The problem it solves.' })
  problem!: string | null;

  @Field(() => String, { nullable: true, description: 'The expected benefits (required for review).' })
  expectedBenefits!: string | null;

  @Field(() => String, { nullable: true, description: 'The requesting department.' })
  requestingDepartment!: string | null;

  @Field(() => Int, { nullable: true, description: "Estimated cost in whole units of the organisation's currency (required for review)." })
  estimatedCost!: number | null;

  @Field(() => EffortBand, { nullable: true, description: 'The effort band (required for review).' })
  effortBand!: EffortBand | null;

  @Field(() => String, { nullable: true, description: 'The quarter it should start, e.g. 2027-Q2.' })
  targetQuarter!: string | null;

  @Field(() => [String], { description: 'The strategic goals it serves.' })
  strategicGoals!: string[];

  @Field(() => String, { nullable: true, description: 'Known risks.' })
  risks!: string | null;

  @Field(() => String, { nullable: true, description: 'Dependencies on other work.' })
  dependencies!: string | null;

  @Field({ description: 'Who filed it: a lower-cased email, or the caller subject.' })
  submittedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was filed.' })
  submittedAt!: string;

  @Field(() => ProposalState, { description: 'Where it is in intake.' })
  state!: ProposalState;

  @Field(() => [ProposalTransition], { description: 'Every state change, oldest first, the submission included.' })
  history!: ProposalTransition[];

  @Field(() => ProposalDecision, { nullable: true, description: 'The latest decision; null until decided.' })
  decision!: ProposalDecision | null;

  @Field(() => [String], { description: 'Required fields still missing (sponsor, estimatedCost, effortBand, expectedBenefits); a proposal cannot enter review until this is empty.' })
  missingFields!: string[];

  /** The connector's object, for field resolvers (not exposed). */
  source!: JiraProposal;
}

export const ProposalConnection = ConnectionType('Proposal', Proposal);

/** The fields a proposal needs before review, by their GraphQL names. */
export function missingFields(proposal: JiraProposal): string[] {
  const b = proposal.body;
  return [
    ...(b.sponsorEmail ? [] : ['sponsor']),
    ...(b.estimatedCost === null ? ['estimatedCost'] : []),
    ...(b.effortBand === null ? ['effortBand'] : []),
    ...(b.expectedBenefits ? [] : ['expectedBenefits']),
  ];
}

export function toProposal(proposal: JiraProposal): Proposal {
  const { body, workflow } = proposal;
  return Object.assign(new Proposal(), {
    key: proposal.key,
    url: proposal.url,
    title: body.title,
    problem: body.problem,
    expectedBenefits: body.expectedBenefits,
    requestingDepartment: body.requestingDepartment,
    estimatedCost: body.estimatedCost,
    effortBand: body.effortBand as EffortBand | null,
    targetQuarter: body.targetQuarter,
    strategicGoals: body.strategicGoals,
    risks: body.risks,
    dependencies: body.dependencies,
    submittedBy: body.submittedBy,
    submittedAt: body.submittedAt,
    state: workflow.state as ProposalState,
    history: workflow.history.map((t) => ({ ...t, from: t.from as ProposalState | null, to: t.to as ProposalState })),
    decision: workflow.decision ? { ...workflow.decision, outcome: workflow.decision.outcome as DecisionOutcome } : null,
    missingFields: missingFields(proposal),
    source: proposal,
  });
}
