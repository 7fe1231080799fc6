import { Field, Int, ObjectType } from 'type-graphql';
import { Rag } from '../../common/rag';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { Portfolio } from '../portfolio/portfolio.type';
import { Project } from '../project/project.type';
import { StatusReport } from '../status-report/status-report.type';
import { DecisionOutcome, Proposal, ProposalState } from './proposal.type';

@ObjectType({ description: "A project whose PM reported it RED or AMBER in the period, worse than the report before." })
export class DigestHealthChange {
  @Field(() => Project, { description: 'The project (select health for its current reasons across systems).' })
  project!: Project;

  @Field(() => Rag, { nullable: true, description: 'The overall RAG of the report before; null when this was its first report.' })
  from!: Rag | null;

  @Field(() => Rag, { description: 'The overall RAG reported: RED or AMBER.' })
  to!: Rag;

  @Field(() => [String], { description: 'Why, from the report: its RED and AMBER dimensions, summary and key issues.' })
  reasons!: string[];

  @Field(() => StatusReport, { description: 'The report that says so.' })
  report!: StatusReport;
}

@ObjectType({ description: 'A status report filed in the period.' })
export class DigestReport {
  @Field(() => Project, { description: 'The project reported on.' })
  project!: Project;

  @Field(() => StatusReport, { description: 'The report.' })
  report!: StatusReport;
}

@ObjectType({ description: "A PM's health override set in the period." })
export class DigestOverride {
  @Field(() => Project, { description: 'The project.' })
  project!: Project;

  @Field(() => Rag, { description: 'The overall RAG the PM set.' })
  overall!: Rag;

  @Field({ description: 'Why.' })
  reason!: string;

  @Field({ description: 'Who set it.' })
  author!: string;

  @Field(() => DateTimeScalar, { description: 'When.' })
  setAt!: string;

  @Field(() => DateScalar, { description: 'The last day it applies.' })
  expires!: string;
}

@ObjectType({ description: 'An intake decision taken in the period.' })
export class DigestDecision {
  @Field(() => Proposal, { description: 'The proposal.' })
  proposal!: Proposal;

  @Field(() => DecisionOutcome, { description: 'Approve, reject or defer.' })
  outcome!: DecisionOutcome;

  @Field({ description: 'Why.' })
  rationale!: string;

  @Field({ description: 'Who decided.' })
  by!: string;

  @Field(() => DateTimeScalar, { description: 'When.' })
  at!: string;
}

@ObjectType({ description: 'Proposals in one intake state.' })
export class ProposalStateCount {
  @Field(() => ProposalState, { description: 'The state.' })
  state!: ProposalState;

  @Field(() => Int, { description: 'How many proposals.' })
  count!: number;
}

@ObjectType({
  description:
    'The leadership digest for a period [since, until): what changed (health, reports, overrides, intake), with the portfolio roll-ups (counts, timeline, key issues, stale reports) as of now.',
})
export class Digest {
  @Field(() => DateTimeScalar, { description: 'Start of the period (inclusive).' })
  since!: string;

  @Field(() => DateTimeScalar, { description: 'End of the period (exclusive).' })
  until!: string;

  @Field(() => DateScalar, { description: 'The day the roll-ups are computed for.' })
  asOf!: string;

  @Field(() => Portfolio, { description: 'The whole portfolio: headline counts by phase and health, timeline, key issues, stale reports.' })
  portfolio!: Portfolio;

  @Field(() => [DigestHealthChange], { description: 'Projects reported RED or AMBER in the period, worse than before; RED first, then newest.' })
  healthChanges!: DigestHealthChange[];

  @Field(() => [DigestReport], { description: 'Status reports filed in the period, newest first.' })
  reportsFiled!: DigestReport[];

  @Field(() => [DigestOverride], { description: 'Health overrides set in the period, newest first (those still stored).' })
  overrides!: DigestOverride[];

  @Field(() => [DigestDecision], { description: 'Intake decisions in the period, newest first.' })
  intakeDecisions!: DigestDecision[];

  @Field(() => [Proposal], { description: 'Proposals filed in the period, newest first.' })
  proposalsSubmitted!: Proposal[];

  @Field(() => [ProposalStateCount], { description: 'Every proposal by state now, in workflow order.' })
  intakeByState!: ProposalStateCount[];
}
