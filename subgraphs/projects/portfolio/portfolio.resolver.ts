import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { JiraProject } from '../../../connectors/jira/models';
import { jql } from '../../../connectors/jira/jql';
import { badUserInput } from '../../common/errors';
import { personKey } from '../../common/person-ref';
import { Rag } from '../../common/rag';
import type { ProjectsContext } from '../context';
import { projectHealth, today } from '../health/project-health';
import { toMilestone } from '../milestone/milestone.type';
import { personRef } from '../person/person.type';
import { STATUS_CATEGORY_ID } from '../project/delivery-signals.loader';
import { Phase } from '../project/project.enums';
import { Project, toProject } from '../project/project.type';
import { statusFreshness } from '../status-report/status-report.resolver';
import { CHECKS, dataQuality } from '../quality/data-quality';
import type { DataQualityCheck } from '../quality/data-quality.type';
import { countBy, ragTrend, timeline } from './portfolio';
import {
  DataQualityCount, HealthCount, KeyIssue, KeyIssueKind, PhaseCount, Portfolio, PortfolioDataQuality, ProjectLead, ProjectOperationsRef,
  RagTrend, SponsorCount, StaleReport, TimelineEntry,
} from './portfolio.type';
import { LeadDirectoryRef } from '../quality/lead-directory.type';

const PHASES = [Phase.INITIATING, Phase.PLANNING, Phase.EXECUTING, Phase.CLOSING, Phase.CLOSED];
const RAGS: Array<Rag | null> = [Rag.RED, Rag.AMBER, Rag.GREEN, null];
const HIGH_PRIORITIES = ['Highest', 'High'];
const MAX_TREND = 26;

export function portfolioId(phases: readonly Phase[]): string {
  return phases.length ? `Portfolio:${[...phases].sort().join(',')}` : 'Portfolio:all';
}

/** The portfolio an id names, with whatever other subgraphs sent for a `@requires` (`extra`) riding along. */
export function portfolioFromId(id: string, ctx: ProjectsContext, extra: object = {}): Portfolio {
  const tail = id.startsWith('Portfolio:') ? id.slice('Portfolio:'.length) : '';
  const phases = tail === 'all' || tail === '' ? [] : (tail.split(',').filter((p) => PHASES.includes(p as Phase)) as Phase[]);
  return Object.assign(new Portfolio(), extra, { id: portfolioId(phases), asOf: today(ctx), phases });
}

/** The portfolio's projects, after its phase filter. */
async function members(portfolio: Portfolio, ctx: ProjectsContext): Promise<JiraProject[]> {
  const all = await ctx.loaders.portfolio();
  return portfolio.phases.length ? all.filter((p) => portfolio.phases.includes(p.profile?.phase as Phase)) : all;
}

/** What the tickets subgraph sent for `operations` (through `@requires`), by project key. */
function operationsByKey(portfolio: Portfolio): Map<string, ProjectOperationsRef> | null {
  const operations = (portfolio as Portfolio & { operations?: ProjectOperationsRef[] | null }).operations;
  return operations ? new Map(operations.map((o) => [o.projectKey.toUpperCase(), o])) : null;
}

@Resolver(() => Portfolio)
export class PortfolioResolver {
  @Query(() => Portfolio, { description: 'Portfolio roll-ups: counts, timeline, key issues, stale reports, trends and data quality, in one query.' })
  portfolio(@Arg('phase', () => [Phase], { nullable: true, description: 'Only projects in these phases; all when omitted.' }) phase: Phase[] | null, @Ctx() ctx: ProjectsContext): Portfolio {
    return portfolioFromId(portfolioId(phase ?? []), ctx);
  }

  @FieldResolver(() => Int, { description: 'Projects in the portfolio (after the phase filter).' })
  async projectCount(@Root() portfolio: Portfolio, @Ctx() ctx: ProjectsContext): Promise<number> {
    return (await members(portfolio, ctx)).length;
  }

  @FieldResolver(() => [Project], { description: 'The projects, in key order.' })
  async projects(@Root() portfolio: Portfolio, @Ctx() ctx: ProjectsContext): Promise<Project[]> {
    return (await members(portfolio, ctx)).map(toProject);
  }

  @FieldResolver(() => [PhaseCount], { description: 'Projects per phase, in lifecycle order, then those without a phase.' })
  async byPhase(@Root() portfolio: Portfolio, @Ctx() ctx: ProjectsContext): Promise<PhaseCount[]> {
    const phases = (await members(portfolio, ctx)).map((p) => (p.profile?.phase as Phase | undefined) ?? null);
    return countBy<Phase | null>([...PHASES, null], phases).map(({ key, count }) => ({ phase: key, count }));
  }

  @FieldResolver(() => [SponsorCount], { description: 'Projects per executive sponsor, most projects first; null sponsor last.' })
  async bySponsor(@Root() portfolio: Portfolio, @Ctx() ctx: ProjectsContext): Promise<SponsorCount[]> {
    const groups = new Map<string | null, string[]>();
    for (const p of await members(portfolio, ctx)) {
      const sponsor = personKey(p.profile?.sponsorEmail);
      groups.set(sponsor, [...(groups.get(sponsor) ?? []), p.key]);
    }
    return [...groups]
      .sort(([a, x], [b, y]) => Number(a === null) - Number(b === null) || y.length - x.length || String(a).localeCompare(String(b)))
      .map(([email, keys]) => ({ sponsor: personRef(email), count: keys.length, projectKeys: keys }));
  }

  @FieldResolver(() => [ProjectLead], { description: "Each project's lead email: what the people subgraph's department roll-ups are computed from." })
  async projectLeads(@Root() portfolio: Portfolio, @Ctx() ctx: ProjectsContext): Promise<ProjectLead[]> {
    return (await members(portfolio, ctx)).map((p) => ({ projectKey: p.key, email: personKey(p.lead?.email) }));
  }

  @Directive('@requires(fields: "operations { projectKey rag reasons }")')
  @FieldResolver(() => [HealthCount], {
    description: 'Projects per RAG (RED, AMBER, GREEN, unknown): combined Project.health.overall, computed, and reported by the PM.',
  })
  async byHealth(@Root() portfolio: Portfolio, @Ctx() ctx: ProjectsContext): Promise<HealthCount[]> {
    const projects = await members(portfolio, ctx);
    const operations = operationsByKey(portfolio);
    const healths = await Promise.all(
      projects.map((p) => projectHealth(p, operations ? (operations.get(p.key) ?? { rag: 'GREEN', reasons: [] }) : null, ctx)),
    );
    const count = (pick: (i: number) => string | null) => (rag: Rag | null) => healths.filter((_, i) => pick(i) === rag).length;
    const overall = count((i) => healths[i].overall);
    const computed = count((i) => healths[i].computed.overall);
    const reported = count((i) => healths[i].reported?.overall ?? null);
    return RAGS.map((rag) => ({ rag, overall: overall(rag), computed: computed(rag), reported: reported(rag) }));
  }

  @FieldResolver(() => [StaleReport], { description: 'Active projects without a report within the cadence, never-reported first, then oldest report first.' })
  async staleReports(@Root() portfolio: Portfolio, @Ctx() ctx: ProjectsContext): Promise<StaleReport[]> {
    const projects = await members(portfolio, ctx);
    const reports = await ctx.loaders.statusReports.loadMany(projects.map((p) => p.key));
    const stale: StaleReport[] = [];
    projects.forEach((project, i) => {
      const list = reports[i];
      if (list instanceof Error) throw list;
      const latest = list[0] ?? null;
      const freshness = statusFreshness(latest?.statusDate ?? null, ctx.options.reportCadenceDays, project.profile?.phase === 'CLOSED', ctx.options.now());
      if (freshness.stale) stale.push({ project: toProject(project), daysSinceLastReport: freshness.daysSinceLastReport, lastReportDate: latest?.statusDate ?? null });
    });
    return stale.sort((a, b) => (b.daysSinceLastReport ?? Infinity) - (a.daysSinceLastReport ?? Infinity) || a.project.key.localeCompare(b.project.key));
  }

  @FieldResolver(() => [TimelineEntry], {
    description: 'Unreleased milestones overdue or due within `withinDays`, most overdue first. Jira has no multi-project versions endpoint: one (cached) request per project.',
  })
  async timeline(
    @Root() portfolio: Portfolio,
    @Arg('withinDays', () => Int, { defaultValue: 90, description: 'How far ahead, 0 to 90 days.' }) withinDays: number,
    @Ctx() ctx: ProjectsContext,
  ): Promise<TimelineEntry[]> {
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 90) throw badUserInput('"withinDays" must be 0 to 90', 'withinDays');
    const projects = (await members(portfolio, ctx)).filter((p) => p.profile?.phase !== 'CLOSED');
    const versions = await ctx.loaders.versions.loadMany(projects.map((p) => p.key));
    const lists = versions.map((v) => {
      if (v instanceof Error) throw v;
      return v;
    });
    return timeline(projects, lists, today(ctx), withinDays).map((item) => ({
      project: toProject(item.project),
      milestone: toMilestone(item.version),
      bucket: item.bucket,
      daysUntil: item.daysUntil,
    }));
  }

  @Directive('@requires(fields: "operations { projectKey openP1Incidents { number shortDescription openedAt url } }")')
  @FieldResolver(() => [KeyIssue], {
    description:
      "Key issues: open P1 incidents (ServiceNow, any project, closed ones too: the service still runs) and, for active projects, blocked Highest/High Jira issues and the latest reports' key issues and risks; P1s first, then blocked work, then reports, newest first.",
  })
  async keyIssues(@Root() portfolio: Portfolio, @Ctx() ctx: ProjectsContext): Promise<KeyIssue[]> {
    const everyProject = await members(portfolio, ctx);
    const projects = everyProject.filter((p) => p.profile?.phase !== 'CLOSED');
    const byKey = new Map(everyProject.map((p) => [p.key.toUpperCase(), p]));
    const issues: KeyIssue[] = [];
    const push = (project: JiraProject, kind: KeyIssueKind, reference: string, text: string, date: string | null, url: string | null) =>
      issues.push({ id: `${kind}:${reference}`, project: toProject(project), kind, reference, text, date, url });

    for (const [key, ops] of operationsByKey(portfolio) ?? []) {
      const project = byKey.get(key);
      if (project) for (const inc of ops.openP1Incidents) push(project, KeyIssueKind.P1_INCIDENT, inc.number, inc.shortDescription, inc.openedAt?.slice(0, 10) ?? null, inc.url);
    }
    if (projects.length) {
      const blocked = await blockedHighPriority(ctx, projects.map((p) => p.key));
      for (const issue of blocked) {
        const project = byKey.get(issue.projectKey.toUpperCase());
        if (project) push(project, KeyIssueKind.BLOCKED_ISSUE, issue.key, `${issue.summary} (blocked by ${issue.unresolvedBlockers.join(', ')})`, issue.dueDate, issue.url);
      }
    }
    const reports = await ctx.loaders.statusReports.loadMany(projects.map((p) => p.key));
    projects.forEach((project, i) => {
      const list = reports[i];
      if (list instanceof Error) throw list;
      const latest = list[0];
      if (meaningful(latest?.keyIssues)) push(project, KeyIssueKind.REPORTED_ISSUE, latest.id, latest.keyIssues!, latest.statusDate, latest.url);
      if (meaningful(latest?.risks)) push(project, KeyIssueKind.REPORTED_RISK, `${latest.id}/risks`, latest.risks!, latest.statusDate, latest.url);
    });
    const order = [KeyIssueKind.P1_INCIDENT, KeyIssueKind.BLOCKED_ISSUE, KeyIssueKind.REPORTED_ISSUE, KeyIssueKind.REPORTED_RISK];
    return issues.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id));
  }

  @FieldResolver(() => [RagTrend], { description: "Each reporting project's reported overall RAG over its last `last` reports, worsening first." })
  async trends(
    @Root() portfolio: Portfolio,
    @Arg('last', () => Int, { defaultValue: 6, description: 'Reports per project, 1 to 26.' }) last: number,
    @Ctx() ctx: ProjectsContext,
  ): Promise<RagTrend[]> {
    if (!Number.isInteger(last) || last < 1 || last > MAX_TREND) throw badUserInput(`"last" must be 1 to ${MAX_TREND}`, 'last');
    const projects = await members(portfolio, ctx);
    const reports = await ctx.loaders.statusReports.loadMany(projects.map((p) => p.key));
    const trends: RagTrend[] = [];
    projects.forEach((project, i) => {
      const list = reports[i];
      if (list instanceof Error) throw list;
      if (!list.length) return;
      const trend = ragTrend(list, last);
      trends.push({ project: toProject(project), points: trend.points.map((p) => ({ statusDate: p.statusDate, overall: p.overall as Rag })), change: trend.change });
    });
    return trends.sort((a, b) => b.change - a.change || a.project.key.localeCompare(b.project.key));
  }

  @Directive('@requires(fields: "linkedProjectKeys leadDirectory { email inDirectory }")')
  @FieldResolver(() => PortfolioDataQuality, { description: 'Data-quality checks rolled up over the portfolio, plus tickets linked to keys that are not projects.' })
  async dataQuality(@Root() portfolio: Portfolio, @Ctx() ctx: ProjectsContext): Promise<PortfolioDataQuality> {
    const projects = await members(portfolio, ctx);
    const extra = portfolio as Portfolio & { linkedProjectKeys?: string[] | null; leadDirectory?: LeadDirectoryRef[] | null };
    const directory = extra.leadDirectory ? new Map(extra.leadDirectory.map((l) => [l.email, l.inDirectory])) : null;
    const [versions, reports] = await Promise.all([
      ctx.loaders.versions.loadMany(projects.map((p) => p.key)),
      ctx.loaders.statusReports.loadMany(projects.map((p) => p.key)),
    ]);
    const failing = projects.map((project, i) => {
      const v = versions[i];
      const r = reports[i];
      if (v instanceof Error) throw v;
      if (r instanceof Error) throw r;
      const lead = personKey(project.lead?.email);
      return dataQuality({
        project,
        versions: v,
        latestReport: r[0] ?? null,
        leadInDirectory: lead && directory ? (directory.get(lead) ?? null) : undefined,
        cadenceDays: ctx.options.reportCadenceDays,
        now: ctx.options.now(),
      }).failing;
    });
    const all = new Set((await ctx.loaders.portfolio()).map((p) => p.key.toUpperCase()));
    all.add(ctx.options.statusReports.projectKey);
    return {
      checks: CHECKS.map((check) => {
        const keys = projects.filter((_, i) => failing[i].includes(check)).map((p) => p.key);
        return Object.assign(new DataQualityCount(), { check: check as DataQualityCheck, count: keys.length, projectKeys: keys });
      }),
      projectsWithIssues: failing.filter((f) => f.length > 0).length,
      unknownTicketProjectKeys: [...new Set((extra.linkedProjectKeys ?? []).map((k) => k.toUpperCase()))].filter((k) => !all.has(k)).sort(),
    };
  }
}

/** A report text that says something: PMs write "None" or "n/a" rather than leave a field empty. */
function meaningful(text: string | null | undefined): boolean {
  const t = text?.trim().toLowerCase().replace(/[.\s]+$/, '') ?? '';
  return t !== '' && !['none', 'n/a', 'na', '-', 'nothing', 'no issues', 'no risks'].includes(t);
}

/** Unresolved Highest/High issues blocked by an unresolved issue: one search for the whole portfolio (chunked by 50 projects). */
async function blockedHighPriority(ctx: ProjectsContext, keys: readonly string[]) {
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += 50) chunks.push(keys.slice(i, i + 50));
  const pages = await Promise.all(
    chunks.map(async (chunk) => {
      const query = jql()
        .in('project', chunk)
        .where('statusCategory', '!=', STATUS_CATEGORY_ID.done)
        .where('issueLinkType', '=', 'is blocked by')
        .in('priority', HIGH_PRIORITIES)
        .orderBy('key')
        .toString();
      const found = [];
      let token: string | null = null;
      do {
        const page = await ctx.jira.searchIssues({ jql: query, maxResults: 100, nextPageToken: token });
        found.push(...page.issues);
        token = page.nextPageToken;
      } while (token);
      return found;
    }),
  );
  return pages.flat().filter((i) => i.unresolvedBlockers.length > 0);
}
