import { GraphQLError } from 'graphql';
import type {
  DecisionOutcome, ProposalBody, ProposalState, ProposalWorkflow, Scorecard,
} from '../../../connectors/jira/proposals.models';
import { hasScope, type Caller, type Scope } from '../../common/caller';
import { badUserInput } from '../../common/errors';
import { personKey } from '../../common/person-ref';
import type { IntakeCriteria } from './criteria';
import type { ProposalInput, ProposalUpdateInput, ScorecardInput } from './proposal.input';

/** Validation of what callers send, and the state machine. Every problem is BAD_USER_INPUT naming the field. */

const MAX_TITLE = 200;
const MAX_TEXT = 4000;
const MAX_COMMENT = 1000;
const MAX_RATIONALE = 2000;
const MAX_GOALS = 10;
const MAX_COST = 2_000_000_000;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const QUARTER = /^\d{4}-Q[1-4]$/;

export const OPEN_STATES: readonly ProposalState[] = ['SUBMITTED', 'SCREENING', 'IN_REVIEW'];

/** Who the caller is in intake records: their email, or the subject when the identity has none. */
export const actor = (caller: Caller): string => personKey(caller.email) ?? caller.subject;

export function requireScope(caller: Caller, scope: Scope, action: string): void {
  if (!hasScope(caller, scope)) throw new GraphQLError(`${action} needs the ${scope} scope`, { extensions: { code: 'FORBIDDEN', scope } });
}

function text(field: string, value: string | null | undefined, max = MAX_TEXT): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > max) throw badUserInput(`input.${field} is ${trimmed.length} characters; at most ${max}`, `input.${field}`);
  return trimmed || null;
}

type Editable = Omit<ProposalBody, 'submittedBy' | 'submittedAt'>;

/** The body fields from an input, validated; `current` supplies what an update omits. */
export function proposalFields(input: ProposalInput | ProposalUpdateInput, current: Editable | null): Editable {
  const has = (key: keyof ProposalUpdateInput) => current === null || input[key] !== undefined;
  const title = has('title') ? text('title', input.title, MAX_TITLE) : current!.title;
  if (!title) throw badUserInput('input.title is required', 'input.title');
  let sponsorEmail = current?.sponsorEmail ?? null;
  if (has('sponsorEmail')) {
    sponsorEmail = personKey(input.sponsorEmail);
    if (sponsorEmail && !EMAIL.test(sponsorEmail)) throw badUserInput(`Not an email address: ${JSON.stringify(input.sponsorEmail)}`, 'input.sponsorEmail');
  }
  let estimatedCost = current?.estimatedCost ?? null;
  if (has('estimatedCost')) {
    estimatedCost = input.estimatedCost ?? null;
    if (estimatedCost !== null && (!Number.isInteger(estimatedCost) || estimatedCost < 0 || estimatedCost > MAX_COST)) {
      throw badUserInput(`input.estimatedCost must be a whole number from 0 to ${MAX_COST}`, 'input.estimatedCost');
    }
  }
  let targetQuarter = current?.targetQuarter ?? null;
  if (has('targetQuarter')) {
    targetQuarter = input.targetQuarter?.trim().toUpperCase() || null;
    if (targetQuarter && !QUARTER.test(targetQuarter)) throw badUserInput(`input.targetQuarter must look like 2027-Q2, got ${JSON.stringify(input.targetQuarter)}`, 'input.targetQuarter');
  }
  let strategicGoals = current?.strategicGoals ?? [];
  if (has('strategicGoals')) {
    strategicGoals = [...new Set((input.strategicGoals ?? []).map((g) => g.trim()).filter(Boolean))];
    if (strategicGoals.length > MAX_GOALS || strategicGoals.some((g) => g.length > 200)) {
      throw badUserInput(`input.strategicGoals takes at most ${MAX_GOALS} goals of at most 200 characters`, 'input.strategicGoals');
    }
  }
  const keep = <K extends keyof Editable>(key: K & keyof ProposalUpdateInput, read: () => Editable[K]): Editable[K] => (has(key) ? read() : current![key]);
  return {
    title,
    problem: keep('problem', () => text('problem', input.problem)),
    expectedBenefits: keep('expectedBenefits', () => text('expectedBenefits', input.expectedBenefits)),
    sponsorEmail,
    requestingDepartment: keep('requestingDepartment', () => text('requestingDepartment', input.requestingDepartment, 200)),
    estimatedCost,
    effortBand: keep('effortBand', () => input.effortBand ?? null),
    targetQuarter,
    strategicGoals,
    risks: keep('risks', () => text('risks', input.risks)),
    dependencies: keep('dependencies', () => text('dependencies', input.dependencies)),
  };
}

/** The moves advanceProposal may make; decisions go through decideProposal. */
const ADVANCES: Record<string, readonly ProposalState[]> = {
  SUBMITTED: ['SCREENING'],
  SCREENING: ['IN_REVIEW'],
  DEFERRED: ['SCREENING'],
};

export function advance(workflow: ProposalWorkflow, to: ProposalState, by: string, at: string, note: string | null, missing: readonly string[]): ProposalWorkflow {
  if (!(ADVANCES[workflow.state] ?? []).includes(to)) {
    throw badUserInput(`A ${workflow.state} proposal cannot move to ${to}`, 'to');
  }
  if (to === 'IN_REVIEW' && missing.length) {
    throw new GraphQLError(`The proposal cannot enter review: ${missing.join(', ')} missing`, { extensions: { code: 'BAD_USER_INPUT', field: 'to', missingFields: missing } });
  }
  return { ...workflow, state: to, history: [...workflow.history, { from: workflow.state, to, at, by, note: text('note', note, MAX_COMMENT) }] };
}

const OUTCOME_STATE: Record<DecisionOutcome, ProposalState> = { APPROVE: 'APPROVED', REJECT: 'REJECTED', DEFER: 'DEFERRED' };

export function decide(workflow: ProposalWorkflow, outcome: DecisionOutcome, rationale: string, by: string, at: string, projectKey: string | null): ProposalWorkflow {
  if (workflow.state !== 'IN_REVIEW') throw badUserInput(`Only a proposal IN_REVIEW can be decided; this one is ${workflow.state}`, 'key');
  const why = text('rationale', rationale, MAX_RATIONALE);
  if (!why) throw badUserInput('input.rationale is required', 'input.rationale');
  const to = OUTCOME_STATE[outcome];
  return {
    state: to,
    history: [...workflow.history, { from: workflow.state, to, at, by, note: why }],
    decision: { outcome, rationale: why, by, at },
    projectKey: outcome === 'APPROVE' ? projectKey : null,
  };
}

/** The caller's scorecard: exactly one score, 1 to 5, for every published criterion. */
export function scorecard(input: ScorecardInput, criteria: IntakeCriteria, reviewer: string, at: string): Scorecard {
  const ids = criteria.criteria.map((c) => c.id);
  input.scores.forEach((s, i) => {
    if (!ids.includes(s.criterion)) throw badUserInput(`input.scores[${i}].criterion: no criterion ${JSON.stringify(s.criterion)} in version ${criteria.version}`, `input.scores[${i}].criterion`);
    if (!Number.isInteger(s.score) || s.score < 1 || s.score > 5) throw badUserInput(`input.scores[${i}].score must be 1 to 5, got ${s.score}`, `input.scores[${i}].score`);
  });
  const missing = ids.filter((id) => !input.scores.some((s) => s.criterion === id));
  if (missing.length) throw badUserInput(`input.scores has no score for ${missing.join(', ')}`, 'input.scores');
  const twice = ids.find((id) => input.scores.filter((s) => s.criterion === id).length > 1);
  if (twice) throw badUserInput(`input.scores scores ${twice} twice`, 'input.scores');
  return {
    reviewer,
    criteriaVersion: criteria.version,
    scores: ids.map((id) => {
      const s = input.scores.find((x) => x.criterion === id)!;
      return { criterion: id, score: s.score, comment: text('scores.comment', s.comment, MAX_COMMENT) };
    }),
    comment: text('comment', input.comment, MAX_COMMENT),
    scoredAt: at,
  };
}
