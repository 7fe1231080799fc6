import type { Scorecard } from '../../../connectors/jira/proposals.models';
import type { Criterion, IntakeCriteria } from './criteria';

/**
 * The published score formula (README, "Intake and approval"). Absolute: a proposal's score depends on its own
 * scorecards and the criteria only, never on the other proposals.
 *
 *   value(c, s) = s for a normal criterion, 6 − s for an inverted one (so 5 is always best for the proposal)
 *   m_c         = the median of the reviewers' scores on criterion c (the mean of the middle two when even)
 *   score       = 100 × Σ_c w_c · (value(c, m_c) − 1) / 4  ÷  Σ_c w_c          (0 to 100, one decimal)
 *
 * Consensus per criterion is read from the spread (highest − lowest score): ≤ 1 HIGH, 2 MEDIUM, ≥ 3 LOW.
 */

export type Consensus = 'HIGH' | 'MEDIUM' | 'LOW';

export interface CriterionResult {
  criterion: Criterion;
  /** Each reviewer's score, in reviewer order. */
  scores: Array<{ reviewer: string; score: number; comment: string | null }>;
  median: number | null;
  min: number | null;
  max: number | null;
  /** max − min; null without scores. */
  spread: number | null;
  /** Null with fewer than two reviewers: one opinion shows no agreement. */
  consensus: Consensus | null;
}

export interface ProposalScore {
  /** Null until every criterion has at least one score. */
  score: number | null;
  criteria: CriterionResult[];
  /** Each reviewer's own total by the same formula (over their own scores). */
  reviewerTotals: Array<{ reviewer: string; total: number | null }>;
  /** Highest − lowest reviewer total: how far apart the reviewers are overall. */
  spread: number | null;
  /** The lowest consensus over the criteria. */
  consensus: Consensus | null;
  reviewerCount: number;
}

export const round1 = (value: number): number => Math.round(value * 10) / 10;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function consensusOf(spread: number): Consensus {
  return spread <= 1 ? 'HIGH' : spread === 2 ? 'MEDIUM' : 'LOW';
}

const value = (criterion: Criterion, score: number): number => (criterion.inverted ? 6 - score : score);

/** The formula over one value per criterion; null when a criterion has none. */
export function weightedScore(criteria: readonly Criterion[], scoreOf: (criterion: Criterion) => number | null): number | null {
  let weighted = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const s = scoreOf(criterion);
    if (s === null) return null;
    weighted += criterion.weight * ((value(criterion, s) - 1) / 4);
    weights += criterion.weight;
  }
  return weights ? round1((100 * weighted) / weights) : null;
}

/** Scores for criteria the published version does not have are ignored (a scorecard of an older version). */
export function scoreProposal(criteria: IntakeCriteria, cards: readonly Scorecard[]): ProposalScore {
  const results: CriterionResult[] = criteria.criteria.map((criterion) => {
    const scores = cards.flatMap((card) => {
      const entry = card.scores.find((s) => s.criterion === criterion.id);
      return entry ? [{ reviewer: card.reviewer, score: entry.score, comment: entry.comment }] : [];
    });
    const values = scores.map((s) => s.score);
    const min = values.length ? Math.min(...values) : null;
    const max = values.length ? Math.max(...values) : null;
    const spread = min === null || max === null ? null : max - min;
    return { criterion, scores, median: median(values), min, max, spread, consensus: spread !== null && scores.length >= 2 ? consensusOf(spread) : null };
  });
  const byId = new Map(results.map((r) => [r.criterion.id, r]));
  const reviewerTotals = cards.map((card) => ({
    reviewer: card.reviewer,
    total: weightedScore(criteria.criteria, (c) => card.scores.find((s) => s.criterion === c.id)?.score ?? null),
  }));
  const totals = reviewerTotals.map((t) => t.total).filter((t): t is number => t !== null);
  const order: Consensus[] = ['LOW', 'MEDIUM', 'HIGH'];
  const consensuses = results.map((r) => r.consensus).filter((c): c is Consensus => c !== null);
  return {
    score: weightedScore(criteria.criteria, (c) => byId.get(c.id)!.median),
    criteria: results,
    reviewerTotals,
    spread: totals.length ? round1(Math.max(...totals) - Math.min(...totals)) : null,
    consensus: consensuses.length ? order.find((c) => consensuses.includes(c))! : null,
    reviewerCount: cards.length,
  };
}

export interface Rankable {
  key: string;
  score: number;
  /** The reviewers' spread of totals (ProposalScore.spread); 0 with one reviewer. */
  spread: number;
}

export interface Ranked<T extends Rankable> {
  item: T;
  /** Competition ranking: equal scores share a rank (1, 2, 2, 4). */
  rank: number;
  /** Keys of the proposals with exactly the same score. */
  tiedWith: string[];
  /** Keys of the neighbours whose score is closer than the reviewers' disagreement (see nearTie). */
  nearTieWith: string[];
}

/**
 * Two neighbours in the ranking are a near tie when their scores differ by no more than half the mean of their
 * spreads: the gap is smaller than the reviewers' own disagreement, so the order between them is not a finding.
 */
export function nearTie(a: Rankable, b: Rankable): boolean {
  return a.score !== b.score && Math.abs(a.score - b.score) <= (a.spread + b.spread) / 4;
}

/** Highest score first, then key; ties and near ties marked. */
export function rank<T extends Rankable>(items: readonly T[]): Array<Ranked<T>> {
  const sorted = [...items].sort((a, b) => b.score - a.score || a.key.localeCompare(b.key, 'en', { numeric: true }));
  return sorted.map((item, i) => {
    const first = sorted.findIndex((other) => other.score === item.score);
    const neighbours = [sorted[i - 1], sorted[i + 1]].filter((n): n is T => n !== undefined);
    return {
      item,
      rank: first + 1,
      tiedWith: sorted.filter((other) => other !== item && other.score === item.score).map((o) => o.key),
      nearTieWith: neighbours.filter((n) => nearTie(item, n)).map((n) => n.key),
    };
  });
}
