import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { JiraStatusReport } from '../../../connectors/jira/models';
import { PROPOSAL_STATES } from '../../../connectors/jira/proposals.models';
import { badUserInput } from '../../common/errors';
import type { Rag } from '../../common/rag';
import { DateTimeScalar } from '../../common/scalars';
import type { ProjectsContext } from '../context';
import { today } from '../health/project-health';
import { portfolioFromId } from '../portfolio/portfolio.resolver';
import { toProject } from '../project/project.type';
import { toStatusReport } from '../status-report/status-report.type';
import { Digest, DigestHealthChange } from './digest.type';
import { DecisionOutcome, ProposalState, toProposal } from './proposal.type';

const DAY = 86_400_000;
const MAX_DAYS = 366;
const DEFAULT_DAYS = 7;
const STEP: Record<string, number> = { GREEN: 0, AMBER: 1, RED: 2 };

const instant = (value: Date | string | null | undefined): number | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.getTime() : Date.parse(value);

/** The report's own words on why: its RED/AMBER dimensions, the summary and the key issues. */
function reasonsOf(report: JiraStatusReport): string[] {
  const dims = (['schedule', 'scope', 'cost', 'resources'] as const).filter((d) => report[d] === 'RED' || report[d] === 'AMBER').map((d) => `${d} ${report[d]}`);
  return [...(dims.length ? [`Reported ${dims.join(', ')}`] : []), report.summary, ...(report.keyIssues && !/^none\.?$/i.test(report.keyIssues.trim()) ? [report.keyIssues] : [])];
}

@Resolver(() => Digest)
export class DigestResolver {
  @Query(() => Digest, {
    description:
      'The leadership digest for [since, until) (default: the 7 days up to now): health changes, reports filed, overrides and intake decisions in the period, and the portfolio roll-ups. /digest renders it as HTML, Markdown or PDF.',
  })
  async digest(
    @Arg('since', () => DateTimeScalar, { nullable: true, description: 'Start of the period (inclusive); default 7 days before until.' }) since: Date | null,
    @Arg('until', () => DateTimeScalar, { nullable: true, description: 'End of the period (exclusive); default now.' }) until: Date | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Digest> {
    const end = instant(until) ?? ctx.options.now().getTime();
    const start = instant(since) ?? end - DEFAULT_DAYS * DAY;
    if (start >= end) throw badUserInput('"since" must be before "until"', 'since');
    if (end - start > MAX_DAYS * DAY) throw badUserInput(`The period is at most ${MAX_DAYS} days`, 'since');
    const within = (iso: string | null | undefined) => {
      const t = instant(iso);
      return t !== null && t >= start && t < end;
    };

    const [projects, proposals] = await Promise.all([ctx.loaders.portfolio(), ctx.loaders.intake.proposals()]);
    const reports = await ctx.loaders.statusReports.loadMany(projects.map((p) => p.key));
    const healthChanges: DigestHealthChange[] = [];
    const reportsFiled: Digest['reportsFiled'] = [];
    projects.forEach((project, i) => {
      const list = reports[i];
      if (list instanceof Error) throw list;
      const oldestFirst = [...list].reverse();
      oldestFirst.forEach((report, j) => {
        if (!within(report.created)) return;
        reportsFiled.push({ project: toProject(project), report: toStatusReport(report) });
        const before = oldestFirst[j - 1]?.overall ?? null;
        if (report.overall !== 'GREEN' && STEP[report.overall] > STEP[before ?? 'GREEN']) {
          healthChanges.push({ project: toProject(project), from: before as Rag | null, to: report.overall as Rag, reasons: reasonsOf(report), report: toStatusReport(report) });
        }
      });
    });
    const newest = <T>(at: (t: T) => string) => (a: T, b: T) => at(b).localeCompare(at(a));
    return {
      since: new Date(start).toISOString(),
      until: new Date(end).toISOString(),
      asOf: today(ctx),
      portfolio: portfolioFromId('Portfolio:all', ctx),
      healthChanges: healthChanges.sort((a, b) => STEP[b.to] - STEP[a.to] || b.report.submittedAt.localeCompare(a.report.submittedAt) || a.project.key.localeCompare(b.project.key)),
      reportsFiled: reportsFiled.sort((a, b) => b.report.submittedAt.localeCompare(a.report.submittedAt) || a.project.key.localeCompare(b.project.key)),
      overrides: projects
        .filter((p) => p.healthOverride && within(p.healthOverride.setAt))
        .map((p) => ({ project: toProject(p), ...p.healthOverride!, overall: p.healthOverride!.overall as Rag }))
        .sort(newest((o) => o.setAt)),
      intakeDecisions: proposals
        .filter((p) => p.workflow.decision && within(p.workflow.decision.at))
        .map((p) => ({ proposal: toProposal(p), ...p.workflow.decision!, outcome: p.workflow.decision!.outcome as DecisionOutcome }))
        .sort(newest((d) => d.at)),
      proposalsSubmitted: proposals.filter((p) => within(p.body.submittedAt)).map(toProposal).sort(newest((p) => p.submittedAt)),
      intakeByState: PROPOSAL_STATES.map((state) => ({ state: state as ProposalState, count: proposals.filter((p) => p.workflow.state === state).length })),
    };
  }
}
