import { Field, Float, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import type { Criterion, IntakeCriteria } from './criteria';

@ObjectType({ description: 'One published intake criterion: what reviewers score, its weight and its anchored 1–5 scale.' })
export class IntakeCriterion {
  @Field({ description: 'Stable id scorecards refer to, e.g. strategicAlignment.' })
  id!: string;

  @Field({ description: 'The name shown to reviewers.' })
  name!: string;

  @Field({ description: 'The question the reviewer answers.' })
  question!: string;

  @Field(() => Float, { description: 'Relative weight in the score formula (divided by the sum of the weights).' })
  weight!: number;

  @Field({ description: 'True when a high score is bad for the proposal (risk, effort): the formula uses 6 − score.' })
  inverted!: boolean;

  @Field(() => [String], { description: 'What scores 1, 2, 3, 4 and 5 mean, in that order: the text reviewers read.' })
  anchors!: string[];
}

@ObjectType({ description: 'The published, versioned intake criteria and the score formula over them.' })
export class IntakeCriteriaSet {
  @Field({ description: 'The version scorecards record, e.g. 2026.1.' })
  version!: string;

  @Field(() => DateScalar, { description: 'When this version was published.' })
  publishedOn!: string;

  @Field(() => [IntakeCriterion], { description: 'The criteria, in the order reviewers see them.' })
  criteria!: IntakeCriterion[];

  @Field({ description: 'The score formula, as published.' })
  formula!: string;

  @Field({ description: 'How consensus is read from the spread of scores.' })
  consensusRule!: string;
}

export const FORMULA =
  'score = 100 × Σ w·(v(m)−1)/4 ÷ Σ w, over every criterion, where m is the median of the reviewers\' scores and v(m) = m, or 6 − m for an inverted criterion (0 to 100, one decimal)';
export const CONSENSUS_RULE = 'spread = highest − lowest score on a criterion: ≤ 1 HIGH, 2 MEDIUM, ≥ 3 LOW (null with fewer than two reviewers)';

export const toCriterion = (c: Criterion): IntakeCriterion => Object.assign(new IntakeCriterion(), { ...c, anchors: [...c.anchors] });

export function toCriteriaSet(criteria: IntakeCriteria): IntakeCriteriaSet {
  return Object.assign(new IntakeCriteriaSet(), {
    version: criteria.version,
    publishedOn: criteria.publishedOn,
    criteria: criteria.criteria.map(toCriterion),
    formula: FORMULA,
    consensusRule: CONSENSUS_RULE,
  });
}
