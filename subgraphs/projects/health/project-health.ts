import type { JiraProject } from '../../../connectors/jira/models';
import type { ProjectsContext } from '../context';
import { statusFreshness } from '../status-report/status-report.resolver';
import { deliveryHealth, type RagValue } from './delivery-health';
import { resourcesHealth } from './resources-health';
import { combineHealth, DEFAULT_COMBINATION_RULES, type CombinedHealth, type ReportedStatus } from './health-combination';

export const today = (ctx: ProjectsContext): string => ctx.options.now().toISOString().slice(0, 10);

/** The PM's latest report as the combination rule reads it; null when there is none. */
export async function reportedStatus(project: JiraProject, ctx: ProjectsContext): Promise<ReportedStatus | null> {
  const [latest] = await ctx.loaders.statusReports.load(project.key);
  if (!latest) return null;
  const closed = project.profile?.phase === 'CLOSED';
  return {
    id: latest.id,
    statusDate: latest.statusDate,
    overall: latest.overall as RagValue,
    schedule: latest.schedule as RagValue | null,
    scope: latest.scope as RagValue | null,
    cost: latest.cost as RagValue | null,
    resources: latest.resources as RagValue | null,
    stale: statusFreshness(latest.statusDate, ctx.options.reportCadenceDays, closed, ctx.options.now()).stale,
  };
}

/**
 * One project's combined health: delivery from this subgraph's Jira signals, the report from Jira, operations
 * as the tickets subgraph computed it (passed in, never fetched here).
 */
export async function projectHealth(
  project: JiraProject,
  operations: { rag: string; reasons: string[] } | null | undefined,
  ctx: ProjectsContext,
  { withReport = true }: { withReport?: boolean } = {},
): Promise<CombinedHealth> {
  const [signals, reported, portfolio] = await Promise.all([
    ctx.loaders.deliverySignals.load(project.key),
    withReport ? reportedStatus(project, ctx) : null,
    ctx.loaders.portfolio(),
  ]);
  const day = today(ctx);
  return combineHealth(
    {
      delivery: deliveryHealth(project.profile, signals, ctx.options.healthRules, day),
      operations: operations ? { rag: operations.rag as RagValue, reasons: operations.reasons } : null,
      resources: resourcesHealth(project, portfolio, ctx.options.staffing),
      reported,
      override: project.healthOverride,
      today: day,
    },
    ctx.options.healthCombination ?? DEFAULT_COMBINATION_RULES,
  );
}
