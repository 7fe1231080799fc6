import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { Phase } from '../project/project.enums';
import { Project } from '../project/project.type';
import { Consensus, Proposal } from './proposal.type';

@ObjectType({ description: 'A proposal in the ranking, with its score and whether its place is a real difference.' })
export class RankedProposal {
  @Field(() => Int, { description: 'Competition rank by score: equal scores share a rank (1, 2, 2, 4).' })
  rank!: number;

  @Field(() => Proposal, { description: 'The proposal.' })
  proposal!: Proposal;

  @Field(() => Float, { description: 'The score by the published formula.' })
  score!: number;

  @Field(() => Float, { description: "Highest minus lowest of the reviewers' own totals (0 with one reviewer)." })
  spread!: number;

  @Field(() => Consensus, { nullable: true, description: 'The lowest consensus over the criteria.' })
  consensus!: Consensus | null;

  @Field({ description: 'Another proposal has exactly the same score.' })
  tie!: boolean;

  @Field(() => [String], { description: 'The keys of the proposals with the same score.' })
  tiedWith!: string[];

  @Field({ description: "A neighbour's score is within half the mean of the two spreads: the order between them is not a finding." })
  nearTie!: boolean;

  @Field(() => [String], { description: 'The keys of the neighbours it is near-tied with.' })
  nearTieWith!: string[];
}

@ObjectType({ description: "An active project's portfolio priority, shown beside the ranked proposals." })
export class ActiveProjectPriority {
  @Field(() => Project, { description: 'The project.' })
  project!: Project;

  @Field(() => Int, { nullable: true, description: 'Portfolio priority, 1 (highest) to 5; null when not recorded.' })
  priority!: number | null;

  @Field(() => Phase, { nullable: true, description: 'Its phase.' })
  phase!: Phase | null;
}

@ObjectType({ description: 'One ordered list for the directors: proposals in review and approved-not-started by score, and the active projects by priority.' })
export class PortfolioRanking {
  @Field(() => DateScalar, { description: 'The day the ranking is computed for.' })
  asOf!: string;

  @Field({ description: 'The criteria version the scores use.' })
  criteriaVersion!: string;

  @Field(() => [RankedProposal], { description: 'Scored proposals IN_REVIEW, and APPROVED ones whose project has not started (none linked, or it is INITIATING), highest score first.' })
  proposals!: RankedProposal[];

  @Field(() => [Proposal], { description: 'Proposals in review that cannot be ranked yet: not every criterion has a score.' })
  unscored!: Proposal[];

  @Field(() => [ActiveProjectPriority], { description: 'Projects not CLOSED, by priority (1 first, unrecorded last), then key.' })
  activeProjects!: ActiveProjectPriority[];
}
