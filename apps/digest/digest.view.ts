/**
 * The leadership digest as a document: the `LeadershipDigest` operation's answer turned into titled sections
 * of rows, once, so the HTML, Markdown and PDF renderings say exactly the same things with the same numbers.
 * Nothing here computes a figure the graph did not give; it only labels, orders and formats.
 */

export interface DigestData {
  digest: {
    since: string;
    until: string;
    asOf: string;
    portfolio: {
      projectCount: number;
      byPhase: Array<{ phase: string | null; count: number }>;
      byHealth: Array<{ rag: string | null; overall: number }> | null;
      timeline: Array<{ project: { key: string; name: string }; milestone: { name: string; releaseDate: string | null; progress: { done: number; total: number } | null }; bucket: string; daysUntil: number }>;
      keyIssues: Array<{ kind: string; project: { key: string }; text: string; reference: string; date: string | null }> | null;
      staleReports: Array<{ project: { key: string; name: string }; daysSinceLastReport: number | null; lastReportDate: string | null }>;
    };
    healthChanges: Array<{
      project: { key: string; name: string; health: { overall: string; reasons: Array<{ source: string; message: string }> } | null };
      from: string | null;
      to: string;
      reasons: string[];
      report: { id: string; statusDate: string };
    }>;
    reportsFiled: Array<{ project: { key: string; name: string }; report: { id: string; statusDate: string; overall: string; summary: string } }>;
    overrides: Array<{ project: { key: string; name: string }; overall: string; reason: string; author: string; setAt: string; expires: string }>;
    intakeDecisions: Array<{ proposal: { key: string; title: string; score: number | null; project: { key: string } | null }; outcome: string; rationale: string; by: string; at: string }>;
    proposalsSubmitted: Array<{ key: string; title: string; requestingDepartment: string | null; submittedAt: string }>;
    intakeByState: Array<{ state: string; count: number }>;
  };
}

export interface Table {
  columns: string[];
  rows: string[][];
}

export interface Section {
  id: string;
  title: string;
  /** A sentence under the title: what the section counts, or that there is nothing. */
  lead: string;
  table: Table | null;
}

export interface DigestView {
  title: string;
  period: string;
  asOf: string;
  /** The headline figures, label and value. */
  headline: Array<{ label: string; value: string }>;
  sections: Section[];
  /** What the graph could not answer (one system down): shown, not hidden. */
  warnings: string[];
}

const label = (value: string | null, none = 'Not set'): string =>
  value === null ? none : value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
const day = (iso: string) => iso.slice(0, 10);
/** A leadership read, not the register: the dashboard has the full list. */
const MAX_KEY_ISSUES = 20;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function section(id: string, title: string, count: number, what: string, table: Table, none: string): Section {
  return { id, title, lead: count ? `${plural(count, what)}.` : none, table: count ? table : null };
}

/** `until` is exclusive; the period reads as the days it covers. */
function periodOf(since: string, until: string): string {
  const last = new Date(Date.parse(until) - 1).toISOString().slice(0, 10);
  return day(since) === last ? day(since) : `${day(since)} to ${last}`;
}

export function digestView(data: DigestData, warnings: string[] = []): DigestView {
  const d = data.digest;
  const p = d.portfolio;
  const health = p.byHealth ?? [];
  const count = (rag: string | null) => health.find((h) => h.rag === rag)?.overall ?? 0;
  const due = p.timeline.filter((t) => t.bucket !== 'OVERDUE');
  const missed = p.timeline.filter((t) => t.bucket === 'OVERDUE');
  const milestoneRow = (t: DigestData['digest']['portfolio']['timeline'][number]) => [
    t.project.key,
    t.milestone.name,
    t.milestone.releaseDate ?? '',
    t.daysUntil < 0 ? `${plural(-t.daysUntil, 'day')} late` : t.daysUntil === 0 ? 'today' : `in ${plural(t.daysUntil, 'day')}`,
    t.milestone.progress ? `${t.milestone.progress.done}/${t.milestone.progress.total} done` : '',
  ];
  const decisions = d.intakeDecisions;
  const approved = decisions.filter((x) => x.outcome === 'APPROVE').length;

  return {
    title: 'Portfolio digest',
    period: periodOf(d.since, d.until),
    asOf: d.asOf,
    headline: [
      { label: 'Projects', value: String(p.projectCount) },
      { label: 'Red', value: p.byHealth ? String(count('RED')) : 'n/a' },
      { label: 'Amber', value: p.byHealth ? String(count('AMBER')) : 'n/a' },
      { label: 'Green', value: p.byHealth ? String(count('GREEN')) : 'n/a' },
      { label: 'Turned red or amber', value: String(d.healthChanges.length) },
      { label: 'Milestones due in 30 days', value: String(due.length) },
      { label: 'Milestones missed', value: String(missed.length) },
      { label: 'Stale reports', value: String(p.staleReports.length) },
      { label: 'Intake decisions', value: String(decisions.length) },
    ],
    sections: [
      {
        id: 'phases',
        title: 'Projects by phase and health',
        lead: `${plural(p.projectCount, 'project')} in the portfolio.`,
        table: {
          columns: ['Phase', 'Projects'],
          rows: [
            ...p.byPhase.map((x) => [label(x.phase), String(x.count)]),
            ...health.map((h) => [`Health: ${label(h.rag, 'Unknown')}`, String(h.overall)]),
          ],
        },
      },
      section(
        'changes',
        'Turned red or amber',
        d.healthChanges.length,
        'project reported worse',
        {
          columns: ['Project', 'Change', 'Reported', 'Why'],
          rows: d.healthChanges.map((c) => [
            `${c.project.key} ${c.project.name}`,
            `${label(c.from, 'First report')} to ${label(c.to)}`,
            c.report.statusDate,
            // The report's own words, then what the systems' rules say now (the report's reasons again would repeat it).
            [...c.reasons, ...(c.project.health?.reasons ?? []).filter((r) => r.source !== 'PM_REPORT').map((r) => r.message)].join(' / '),
          ]),
        },
        'No project was reported red or amber for the first time in the period.',
      ),
      section(
        'reports',
        'Status reports filed',
        d.reportsFiled.length,
        'report',
        { columns: ['Date', 'Project', 'Overall', 'Summary'], rows: d.reportsFiled.map((r) => [r.report.statusDate, r.project.key, label(r.report.overall), r.report.summary]) },
        'No status report was filed in the period.',
      ),
      section(
        'overrides',
        'Health overrides',
        d.overrides.length,
        'override',
        { columns: ['Project', 'Set to', 'Reason', 'By', 'Until'], rows: d.overrides.map((o) => [o.project.key, label(o.overall), o.reason, o.author, o.expires]) },
        'No health override was set in the period.',
      ),
      section(
        'due',
        'Milestones due in the next 30 days',
        due.length,
        'milestone',
        { columns: ['Project', 'Milestone', 'Due', 'When', 'Progress'], rows: due.map(milestoneRow) },
        'No milestone is due in the next 30 days.',
      ),
      section(
        'missed',
        'Missed milestones',
        missed.length,
        'milestone',
        { columns: ['Project', 'Milestone', 'Was due', 'Late by', 'Progress'], rows: missed.map(milestoneRow) },
        'No milestone is past its date.',
      ),
      {
        id: 'issues',
        title: 'Key issues and risks',
        lead: !p.keyIssues
          ? 'Key issues could not be read.'
          : p.keyIssues.length === 0
            ? 'No key issue or risk.'
            : p.keyIssues.length > MAX_KEY_ISSUES
              ? `${plural(p.keyIssues.length, 'key issue')}; the first ${MAX_KEY_ISSUES} (P1 incidents, then blocked work, then reports), the rest on /dashboard.`
              : `${plural(p.keyIssues.length, 'key issue')}.`,
        table: p.keyIssues?.length
          ? { columns: ['Kind', 'Project', 'Issue', 'Date'], rows: p.keyIssues.slice(0, MAX_KEY_ISSUES).map((k) => [label(k.kind), k.project.key, k.text, k.date ?? '']) }
          : null,
      },
      section(
        'stale',
        'Stale status reports',
        p.staleReports.length,
        'project',
        {
          columns: ['Project', 'Last report', 'Days since'],
          rows: p.staleReports.map((s) => [`${s.project.key} ${s.project.name}`, s.lastReportDate ?? 'never', s.daysSinceLastReport === null ? '' : String(s.daysSinceLastReport)]),
        },
        'Every active project reported within its cadence.',
      ),
      {
        id: 'intake',
        title: 'Intake decisions',
        lead: decisions.length ? `${plural(decisions.length, 'decision')} in the period (${approved} approved).` : 'No intake decision in the period.',
        table: decisions.length
          ? {
              columns: ['Proposal', 'Decision', 'Score', 'Rationale', 'Date'],
              rows: decisions.map((x) => [
                `${x.proposal.key} ${x.proposal.title}`,
                label(x.outcome) + (x.proposal.project ? ` (${x.proposal.project.key})` : ''),
                x.proposal.score === null ? '' : x.proposal.score.toFixed(1),
                x.rationale,
                day(x.at),
              ]),
            }
          : null,
      },
      section(
        'submitted',
        'Proposals filed',
        d.proposalsSubmitted.length,
        'proposal',
        { columns: ['Proposal', 'Department', 'Filed'], rows: d.proposalsSubmitted.map((x) => [`${x.key} ${x.title}`, x.requestingDepartment ?? '', day(x.submittedAt)]) },
        'No proposal was filed in the period.',
      ),
      {
        id: 'backlog',
        title: 'Intake backlog',
        lead: `${plural(d.intakeByState.reduce((n, s) => n + s.count, 0), 'proposal')} in intake.`,
        table: { columns: ['State', 'Proposals'], rows: d.intakeByState.map((s) => [label(s.state), String(s.count)]) },
      },
    ],
    warnings,
  };
}
