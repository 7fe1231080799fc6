import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { DecisionOutcome, EffortBand, ProposalState } from './proposal.type';

@InputType({ description: 'A new proposal. Only the title is needed to file it; sponsor, estimate and benefits are needed before review.' })
export class ProposalInput {
  @Field({ description: 'A short title (at most 200 characters).' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'The problem it solves.' })
  problem?: string | null;

  @Field(() => String, { nullable: true, description: 'The expected benefits.' })
  expectedBenefits?: string | null;

  @Field(() => String, { nullable: true, description: "The executive sponsor's work email." })
  sponsorEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'The requesting department.' })
  requestingDepartment?: string | null;

  @Field(() => Int, { nullable: true, description: "Estimated cost in whole units of the organisation's currency." })
  estimatedCost?: number | null;

  @Field(() => EffortBand, { nullable: true, description: 'The effort band.' })
  effortBand?: EffortBand | null;

  @Field(() => String, { nullable: true, description: 'The quarter it should start, e.g. 2027-Q2.' })
  targetQuarter?: string | null;

  @Field(() => [String], { nullable: true, description: 'The strategic goals it serves.' })
  strategicGoals?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Known risks.' })
  risks?: string | null;

  @Field(() => String, { nullable: true, description: 'Dependencies on other work.' })
  dependencies?: string | null;
}

@InputType({ description: 'Changes to a proposal: omitted fields are kept, null clears.' })
export class ProposalUpdateInput {
  @Field(() => String, { nullable: true, description: 'A new title (cannot be cleared).' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The problem it solves.' })
  problem?: string | null;

  @Field(() => String, { nullable: true, description: 'The expected benefits.' })
  expectedBenefits?: string | null;

  @Field(() => String, { nullable: true, description: "The executive sponsor's work email." })
  sponsorEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'The requesting department.' })
  requestingDepartment?: string | null;

  @Field(() => Int, { nullable: true, description: "Estimated cost in whole units of the organisation's currency." })
  estimatedCost?: number | null;

  @Field(() => EffortBand, { nullable: true, description: 'The effort band.' })
  effortBand?: EffortBand | null;

  @Field(() => String, { nullable: true, description: 'The quarter it should start, e.g. 2027-Q2.' })
  targetQuarter?: string | null;

  @Field(() => [String], { nullable: true, description: 'The strategic goals it serves.' })
  strategicGoals?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Known risks.' })
  risks?: string | null;

  @Field(() => String, { nullable: true, description: 'Dependencies on other work.' })
  dependencies?: string | null;
}

@InputType({ description: "A reviewer's score on one criterion." })
export class CriterionScoreInput {
  @Field({ description: 'The criterion id (Query.intakeCriteria).' })
  criterion!: string;

  @Field(() => Int, { description: "1 to 5 on the criterion's anchored scale." })
  score!: number;

  @Field(() => String, { nullable: true, description: 'Why this score (at most 1000 characters).' })
  comment?: string | null;
}

@InputType({ description: "The calling reviewer's scorecard: a score for every published criterion." })
export class ScorecardInput {
  @Field(() => [CriterionScoreInput], { description: 'One score per criterion, every criterion of the published version.' })
  scores!: CriterionScoreInput[];

  @Field(() => String, { nullable: true, description: 'An overall comment.' })
  comment?: string | null;
}

@InputType({ description: 'An intake decision.' })
export class DecisionInput {
  @Field(() => DecisionOutcome, { description: 'Approve, reject or defer.' })
  outcome!: DecisionOutcome;

  @Field({ description: 'Why (required, at most 2000 characters).' })
  rationale!: string;

  @Field(() => String, { nullable: true, description: 'For APPROVE: the Jira project that delivers it, when it exists already.' })
  projectKey?: string | null;
}

@InputType({ description: 'Narrows the proposals. All given conditions must hold.' })
export class ProposalFilter {
  @Field(() => [ProposalState], { nullable: true, description: 'Any of these states.' })
  state?: ProposalState[] | null;

  @Field(() => String, { nullable: true, description: 'The requesting department (case-insensitive).' })
  department?: string | null;

  @Field(() => String, { nullable: true, description: "The sponsor's work email." })
  sponsor?: string | null;
}

@ArgsType()
export class ProposalsArgs {
  @Field(() => ProposalFilter, { nullable: true, description: 'Conditions the proposals must meet.' })
  filter?: ProposalFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 25, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page; omit for the first page.' })
  after?: string | null;
}
