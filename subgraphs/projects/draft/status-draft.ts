import type { JiraIssue, JiraProject, JiraStatusReport, JiraVersion } from '../../../connectors/jira/models';
import type { CombinedHealth, HealthReasonValue } from '../health/health-combination';
import type { RagValue } from '../health/delivery-health';

const DAY = 86_400_000;
/** Lines per section: a draft is read by a person, and every section stays inside the report's 4000 characters. */
export const MAX_LINES = 25;
const MAX_TEXT = 4000;

export interface DraftInputs {
  project: JiraProject;
  lastReport: JiraStatusReport | null;
  /** Resolved since `since`, newest first. */
  resolved: readonly JiraIssue[];
  /** Unresolved, due from today to the end of the next cadence. */
  dueNext: readonly JiraIssue[];
  /** Unresolved and blocked by an unresolved issue. */
  blocked: readonly JiraIssue[];
  /** Milestones (versions) unreleased and due by the end of the next cadence, or overdue. */
  milestones: readonly JiraVersion[];
  /** Lines from the tickets subgraph (open P1 incidents, failed changes); null when ServiceNow did not answer. */
  operationalIssues: readonly string[] | null;
  /** The computed health (Jira and ServiceNow rules only): the suggestion. */
  computed: CombinedHealth;
  since: string;
  until: string;
  today: string;
}

export interface StatusDraftValue {
  since: string;
  until: string;
  statusDate: string;
  overall: RagValue;
  schedule: RagValue | null;
  scope: RagValue | null;
  cost: RagValue | null;
  resources: RagValue | null;
  summary: string;
  accomplishments: string | null;
  nextSteps: string | null;
  keyIssues: string | null;
  risks: string | null;
  reasons: HealthReasonValue[];
  resolvedIssueKeys: string[];
  dueIssueKeys: string[];
  blockedIssueKeys: string[];
  notes: string[];
}

/** Up to MAX_LINES lines, then how many more, kept inside the report's text limit. */
function lines(items: readonly string[]): string | null {
  if (!items.length) return null;
  const shown = items.slice(0, MAX_LINES).map((line) => `- ${line}`);
  if (items.length > MAX_LINES) shown.push(`- … and ${items.length - MAX_LINES} more`);
  const text = shown.join('\n');
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** When the draft's window starts: the last report's date, else the planned start, else one cadence ago. */
export function draftWindow(lastReport: JiraStatusReport | null, project: JiraProject, today: string, cadenceDays: number): { since: string; until: string } {
  const since = lastReport?.statusDate ?? project.profile?.plannedStart ?? new Date(Date.parse(today) - cadenceDays * DAY).toISOString().slice(0, 10);
  const until = new Date(Date.parse(today) + cadenceDays * DAY).toISOString().slice(0, 10);
  return { since: since > today ? today : since, until };
}

/**
 * A status report pre-filled from the systems. Deterministic: the same issues, tickets and rules give the same
 * text, every line names its record, and the suggested RAG is the computed health with its reasons. Cost is
 * left as last reported (no system here measures it), as is resources for a project without a PMO team.
 */
export function statusDraft(inputs: DraftInputs): StatusDraftValue {
  const { project, lastReport, computed } = inputs;
  const c = computed.computed;
  const overall: RagValue = c.overall ?? 'GREEN';
  const notes: string[] = [];
  if (!lastReport) notes.push(`No earlier report: accomplishments count from ${inputs.since}.`);
  if (inputs.operationalIssues === null) notes.push('ServiceNow did not answer: P1 incidents and failed changes are missing and operations is not suggested.');
  notes.push('Cost is copied from the last report: no connected system measures it.');
  if (c.resources === null) notes.push('Resources is copied from the last report: the project has no PMO team to judge.');

  const accomplishments = inputs.resolved.map((i) => `${i.key} ${i.summary} (resolved ${i.resolved?.slice(0, 10) ?? '?'})`);
  const nextSteps = [
    ...inputs.milestones.map((v) => `Milestone ${v.name} due ${v.releaseDate}${v.overdue ? ' (overdue)' : ''}`),
    ...inputs.dueNext.map((i) => `${i.key} ${i.summary} (due ${i.dueDate})`),
  ];
  const keyIssues = [
    ...(inputs.operationalIssues ?? []),
    ...inputs.blocked.map((i) => `${i.key} ${i.summary} is blocked by ${i.unresolvedBlockers.join(', ')}`),
  ];
  const risks = computed.reasons.filter((r) => r.rag !== 'GREEN' && r.dimension === 'schedule').map((r) => r.message);

  const summary =
    `${project.name}: ${inputs.resolved.length} issue${inputs.resolved.length === 1 ? '' : 's'} resolved since ${inputs.since}, ` +
    `${inputs.dueNext.length} due by ${inputs.until}, ${inputs.blocked.length} blocked; suggested overall ${overall}.`;

  return {
    since: inputs.since,
    until: inputs.until,
    statusDate: inputs.today,
    overall,
    schedule: c.schedule,
    scope: c.scope,
    cost: lastReport?.cost as RagValue | null ?? null,
    resources: c.resources ?? ((lastReport?.resources as RagValue | null) ?? null),
    summary,
    accomplishments: lines(accomplishments),
    nextSteps: lines(nextSteps),
    keyIssues: lines(keyIssues),
    risks: lines(risks),
    reasons: computed.reasons,
    resolvedIssueKeys: inputs.resolved.map((i) => i.key),
    dueIssueKeys: inputs.dueNext.map((i) => i.key),
    blockedIssueKeys: inputs.blocked.map((i) => i.key),
    notes,
  };
}
