import { requiresScopes } from '../../common/federation';
import { Arg, Directive, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { StatusReportBody } from '../../../connectors/jira/models';
import { hasScope } from '../../common/caller';
import { badUserInput, forbidden } from '../../common/errors';
import { personKey } from '../../common/person-ref';
import type { ProjectsContext } from '../context';
import { PersonRef, personRef } from '../person/person.type';
import { normaliseProjectKey, teamOf } from '../project/project.resolver';
import { Project } from '../project/project.type';
import { StatusFreshness, StatusReport, StatusReportInput, toStatusReport } from './status-report.type';

const DAY = 86_400_000;
const MAX_SUMMARY = 2000;
const MAX_TEXT = 4000;

/** Validates a submission into the stored body; every problem is BAD_USER_INPUT naming the field. */
export function statusReportBody(projectKey: string, input: StatusReportInput, today: string): StatusReportBody {
  const text = (field: keyof StatusReportInput, value: string | null | undefined, max: number, required = false): string | null => {
    const trimmed = value?.trim() ?? '';
    if (required && !trimmed) throw badUserInput(`input.${field} is required`, `input.${field}`);
    if (trimmed.length > max) throw badUserInput(`input.${field} is ${trimmed.length} characters; at most ${max}`, `input.${field}`);
    return trimmed || null;
  };
  if (!input.overall) throw badUserInput('input.overall is required', 'input.overall');
  const statusDate = input.statusDate ? (input.statusDate instanceof Date ? input.statusDate.toISOString() : String(input.statusDate)).slice(0, 10) : today;
  if (statusDate > today) throw badUserInput(`input.statusDate ${statusDate} is in the future`, 'input.statusDate');
  const author = input.authorEmail ? personKey(input.authorEmail) : null;
  if (author && !/^[^\s@]+@[^\s@]+$/.test(author)) throw badUserInput(`Not an email address: ${JSON.stringify(input.authorEmail)}`, 'input.authorEmail');
  return {
    projectKey,
    statusDate,
    authorEmail: author,
    overall: input.overall,
    schedule: input.schedule ?? null,
    cost: input.cost ?? null,
    scope: input.scope ?? null,
    resources: input.resources ?? null,
    summary: text('summary', input.summary, MAX_SUMMARY, true)!,
    accomplishments: text('accomplishments', input.accomplishments, MAX_TEXT),
    nextSteps: text('nextSteps', input.nextSteps, MAX_TEXT),
    keyIssues: text('keyIssues', input.keyIssues, MAX_TEXT),
    risks: text('risks', input.risks, MAX_TEXT),
  };
}

@Resolver(() => StatusReport)
export class StatusReportResolver {
  @FieldResolver(() => PersonRef, { nullable: true, description: 'Who filed it; null when not recorded.' })
  author(@Root() report: StatusReport): PersonRef | null {
    return personRef(report.authorEmail);
  }
}

@Resolver(() => Project)
export class ProjectStatusResolver {
  @Directive(requiresScopes(['status:write'], ['portfolio:admin']))
  @Mutation(() => StatusReport, {
    description:
      'Files a status report in Jira (one new issue in the PMO reports project, so concurrent submissions never overwrite each other). Never retried automatically.',
  })
  async submitStatusReport(
    @Arg('projectKey', { description: 'The Jira key of the project reported on.' }) projectKey: string,
    @Arg('input', () => StatusReportInput, { description: 'The report.' }) input: StatusReportInput,
    @Ctx() ctx: ProjectsContext,
  ): Promise<StatusReport> {
    const key = normaliseProjectKey(projectKey);
    const today = ctx.options.now().toISOString().slice(0, 10);
    const body = statusReportBody(key, input, today);
    const project = key === ctx.options.statusReports.projectKey ? null : await ctx.loaders.projectByKey.load(key);
    if (!project) throw badUserInput(`No project ${key} in Jira (or not visible to this integration)`, 'projectKey');
    // The schema lets status:write or portfolio:admin in; a PM files only for a project they lead or staff.
    const caller = ctx.caller;
    if (!hasScope(caller, 'portfolio:admin') && !(caller.email && teamOf(project).some((m) => m.email === caller.email))) {
      throw forbidden(`Only ${key}'s lead or staff (or a caller with portfolio:admin) may file its status report`);
    }
    // The author is the caller; a given authorEmail counts only for a caller without one (the demo, a service).
    const authorEmail = caller.email ?? body.authorEmail;
    const report = await ctx.jira.createStatusReport(ctx.options.statusReports, { ...body, authorEmail, projectKey: project.key });
    return toStatusReport(report);
  }

  @FieldResolver(() => [StatusReport], {
    nullable: true,
    description: 'Status reports, newest first: the full history, or the latest `last`. One Jira search serves a whole page of projects.',
  })
  async statusReports(
    @Root() project: Project,
    @Arg('last', () => Int, { nullable: true, description: 'Only the latest this many reports.' }) last: number | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<StatusReport[]> {
    if (last !== null && last !== undefined && (!Number.isInteger(last) || last < 0)) throw badUserInput('"last" must be a whole number ≥ 0', 'last');
    const reports = await ctx.loaders.statusReports.load(project.key);
    return (last === null || last === undefined ? reports : reports.slice(0, last)).map(toStatusReport);
  }

  @FieldResolver(() => StatusReport, { nullable: true, description: 'The newest status report.' })
  async latestStatus(@Root() project: Project, @Ctx() ctx: ProjectsContext): Promise<StatusReport | null> {
    const [latest] = await ctx.loaders.statusReports.load(project.key);
    return latest ? toStatusReport(latest) : null;
  }

  @FieldResolver(() => StatusFreshness, { nullable: true, description: 'Whether status reporting keeps up with the cadence.' })
  async statusFreshness(@Root() project: Project, @Ctx() ctx: ProjectsContext): Promise<StatusFreshness> {
    const [latest] = await ctx.loaders.statusReports.load(project.key);
    return statusFreshness(latest?.statusDate ?? null, ctx.options.reportCadenceDays, project.phase === 'CLOSED', ctx.options.now());
  }
}

export function statusFreshness(lastReport: string | null, cadenceDays: number, closed: boolean, now: Date): StatusFreshness {
  const today = Date.parse(now.toISOString().slice(0, 10));
  const days = lastReport === null ? null : Math.max(0, Math.round((today - Date.parse(lastReport)) / DAY));
  return { daysSinceLastReport: days, cadenceDays, stale: !closed && (days === null || days > cadenceDays) };
}
