/**
 * Intake proposals as the Jira connector returns them. A proposal is one issue in the intake project; what Jira
 * has no field for lives in issue properties (see proposals.ts for which and why).
 */

export type ProposalState = 'SUBMITTED' | 'SCREENING' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'DEFERRED';
export const PROPOSAL_STATES: readonly ProposalState[] = ['SUBMITTED', 'SCREENING', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'DEFERRED'];

export type EffortBand = 'XS' | 'S' | 'M' | 'L' | 'XL';
export const EFFORT_BANDS: readonly EffortBand[] = ['XS', 'S', 'M', 'L', 'XL'];

export type DecisionOutcome = 'APPROVE' | 'REJECT' | 'DEFER';

/** What the requester wrote: the `pmo.proposal` issue property. */
export interface ProposalBody {
  title: string;
  problem: string | null;
  expectedBenefits: string | null;
  /** Lower-cased work email of the executive sponsor. */
  sponsorEmail: string | null;
  requestingDepartment: string | null;
  /** Whole currency units (the organisation's own currency). */
  estimatedCost: number | null;
  effortBand: EffortBand | null;
  /** `2027-Q2`. */
  targetQuarter: string | null;
  strategicGoals: string[];
  risks: string | null;
  dependencies: string | null;
  /** Lower-cased email (or the caller's subject when it has none) of who filed it. */
  submittedBy: string;
  /** ISO instant. */
  submittedAt: string;
}

export interface ProposalTransition {
  /** Null for the first entry (the submission). */
  from: ProposalState | null;
  to: ProposalState;
  at: string;
  by: string;
  note: string | null;
}

export interface ProposalDecision {
  outcome: DecisionOutcome;
  rationale: string;
  by: string;
  at: string;
}

/** Where the proposal stands: the `pmo.proposal.workflow` issue property. */
export interface ProposalWorkflow {
  state: ProposalState;
  /** Every state change, oldest first. */
  history: ProposalTransition[];
  /** The latest decision; null until one is taken. */
  decision: ProposalDecision | null;
  /** The Jira project that delivers an approved proposal. */
  projectKey: string | null;
}

export interface CriterionScore {
  /** The criterion's id in the published criteria (`strategicAlignment`). */
  criterion: string;
  /** 1–5 on the criterion's anchored scale. */
  score: number;
  comment: string | null;
}

/** One reviewer's scores: the `pmo.scorecard.<reviewer>` issue property, one per reviewer. */
export interface Scorecard {
  /** Lower-cased email (or subject) of the reviewer. */
  reviewer: string;
  /** The criteria version the scores were given against. */
  criteriaVersion: string;
  scores: CriterionScore[];
  comment: string | null;
  scoredAt: string;
}

export interface JiraProposal {
  /** The issue key, e.g. INTAKE-7. */
  key: string;
  id: string;
  url: string;
  body: ProposalBody;
  workflow: ProposalWorkflow;
}

/** Where proposals live: one issue per proposal in this project. */
export interface IntakeStore {
  projectKey: string;
  issueType: string;
}
