import type { PmoProfile } from '../../../connectors/jira/models';
import type { DeliverySignals } from '../project/delivery-signals.loader';
import type { HealthRules } from './health-rules';

export type RagValue = 'GREEN' | 'AMBER' | 'RED';

export interface DeliveryHealthResult {
  schedule: RagValue;
  scope: RagValue;
  overall: RagValue;
  /** One human-readable reason per rule that fired, worst first. */
  reasons: string[];
}

const RANK: Record<RagValue, number> = { GREEN: 0, AMBER: 1, RED: 2 };
const worst = (...values: RagValue[]): RagValue => values.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'GREEN');
const DAY = 86_400_000;
const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;

interface Finding {
  rag: RagValue;
  reason: string;
}

/** Applies the published rules (health-rules.ts) to one project's Jira signals. Pure: same inputs, same answer. */
export function deliveryHealth(profile: PmoProfile | null, signals: DeliverySignals, rules: HealthRules, today: string): DeliveryHealthResult {
  const phase = profile?.phase ?? null;
  if (phase === 'CLOSED') return { schedule: 'GREEN', scope: 'GREEN', overall: 'GREEN', reasons: [] };
  const schedule: Finding[] = [];
  const scope: Finding[] = [];
  const open = signals.toDo + signals.inProgress;

  const late = signals.lateMilestones;
  if (late.length >= rules.overdueMilestones.amber) {
    const names = late.map((m) => `${m.name} (due ${m.releaseDate})`).join(', ');
    schedule.push({
      rag: late.length >= rules.overdueMilestones.red ? 'RED' : 'AMBER',
      reason: `${late.length} milestone${late.length === 1 ? ' is' : 's are'} past the release date with open work: ${names}`,
    });
  }

  const elapsed = elapsedShare(profile, today);
  if (profile?.plannedEnd && today > profile.plannedEnd && phase !== 'CLOSING') {
    schedule.push({ rag: 'RED', reason: `Past its planned end (${profile.plannedEnd}) and not yet closing` });
  } else if (elapsed !== null && signals.total >= rules.progressLag.minIssues) {
    const doneShare = signals.done / signals.total;
    const lag = (elapsed - doneShare) * 100;
    if (lag >= rules.progressLag.amber) {
      schedule.push({
        rag: lag >= rules.progressLag.red ? 'RED' : 'AMBER',
        reason: `${pct(doneShare)} of issues done with ${pct(elapsed)} of the planned time elapsed (${Math.round(lag)} points behind)`,
      });
    }
  }

  if (open > 0) {
    const share = signals.overdue / open;
    if (share >= rules.overdueIssuesShare.amber) {
      schedule.push({
        rag: share >= rules.overdueIssuesShare.red ? 'RED' : 'AMBER',
        reason: `${signals.overdue} of ${open} open issues (${pct(share)}) are past their due date`,
      });
    }
    const blockedShare = signals.blocked / open;
    if (signals.blocked >= rules.blockedShare.minBlocked && blockedShare >= rules.blockedShare.amber) {
      scope.push({
        rag: blockedShare >= rules.blockedShare.red ? 'RED' : 'AMBER',
        reason: `${signals.blocked} of ${open} open issues (${pct(blockedShare)}) are blocked by unresolved issues`,
      });
    }
  }

  if (elapsed !== null && elapsed >= rules.lateScope.elapsed && signals.total > 0) {
    const toDoShare = signals.toDo / signals.total;
    if (toDoShare >= rules.lateScope.toDoShare) {
      scope.push({ rag: 'AMBER', reason: `${pct(toDoShare)} of issues not started with ${pct(elapsed)} of the planned time elapsed` });
    }
  }

  const byRank = (a: Finding, b: Finding) => RANK[b.rag] - RANK[a.rag];
  const scheduleRag = worst(...schedule.map((f) => f.rag));
  const scopeRag = worst(...scope.map((f) => f.rag));
  return {
    schedule: scheduleRag,
    scope: scopeRag,
    overall: worst(scheduleRag, scopeRag),
    reasons: [...schedule.map((f) => ({ ...f, reason: `Schedule ${f.rag}: ${f.reason}` })), ...scope.map((f) => ({ ...f, reason: `Scope ${f.rag}: ${f.reason}` }))]
      .sort(byRank)
      .map((f) => f.reason),
  };
}

/** The share (0..1) of the planned duration gone by today; null without planned dates or before the start. */
function elapsedShare(profile: PmoProfile | null, today: string): number | null {
  if (!profile?.plannedStart || !profile.plannedEnd) return null;
  const start = Date.parse(profile.plannedStart);
  const end = Date.parse(profile.plannedEnd);
  const now = Date.parse(today);
  if (end <= start || now < start) return null;
  return Math.min(1, (now - start) / Math.max(DAY, end - start));
}
