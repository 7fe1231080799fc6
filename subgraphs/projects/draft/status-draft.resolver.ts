import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { JiraConnector } from '../../../connectors/jira/connector';
import type { JiraIssue } from '../../../connectors/jira/models';
import { jql } from '../../../connectors/jira/jql';
import type { Rag } from '../../common/rag';
import type { ProjectsContext } from '../context';
import { projectHealth, today } from '../health/project-health';
import type { HealthDimension, HealthSource } from '../health/project-health.type';
import { STATUS_CATEGORY_ID } from '../project/delivery-signals.loader';
import { Project } from '../project/project.type';
import { draftWindow, statusDraft } from './status-draft';
import { StatusDraft } from './status-draft.type';

const MAX_ISSUES = 200;

type WithTickets = Project & { keyOperationalIssues?: string[] | null };

async function search(jira: JiraConnector, query: string): Promise<JiraIssue[]> {
  const page = await jira.searchIssues({ jql: query, maxResults: MAX_ISSUES });
  return page.issues;
}

@Resolver(() => Project)
export class StatusDraftResolver {
  @Directive('@external')
  @FieldResolver(() => [String], { nullable: true, description: 'Owned by the tickets subgraph.' })
  keyOperationalIssues(@Root() project: WithTickets): string[] | null {
    return project.keyOperationalIssues ?? null;
  }

  @Directive('@requires(fields: "operationalHealth { rag reasons } keyOperationalIssues")')
  @FieldResolver(() => StatusDraft, {
    nullable: true,
    description:
      'A status report pre-filled from the systems (README, "Status drafts"): three Jira searches for this project plus what ServiceNow says; correct it and file it with submitStatusReport.',
  })
  async statusDraft(@Root() project: WithTickets, @Ctx() ctx: ProjectsContext): Promise<StatusDraft> {
    const day = today(ctx);
    const [lastReport] = await ctx.loaders.statusReports.load(project.key);
    const { since, until } = draftWindow(lastReport ?? null, project.source, day, ctx.options.reportCadenceDays);
    const scope = () => jql().where('project', '=', project.key);
    const open = () => scope().where('statusCategory', '!=', STATUS_CATEGORY_ID.done);
    const [resolved, dueNext, blocked, versions, health] = await Promise.all([
      search(ctx.jira, scope().where('statusCategory', '=', STATUS_CATEGORY_ID.done).where('resolved', '>=', since).orderBy('resolved', 'DESC').orderBy('key').toString()),
      search(ctx.jira, open().where('duedate', '>=', day).where('duedate', '<=', until).orderBy('duedate').orderBy('key').toString()),
      search(ctx.jira, open().where('issueLinkType', '=', 'is blocked by').orderBy('key').toString()),
      ctx.loaders.versions.load(project.key),
      // The suggestion is what the systems say: the PM's own last report and override are left out.
      projectHealth({ ...project.source, healthOverride: null }, project.operationalHealth, ctx, { withReport: false }),
    ]);
    const draft = statusDraft({
      project: project.source,
      lastReport: lastReport ?? null,
      resolved,
      dueNext,
      blocked: blocked.filter((i) => i.unresolvedBlockers.length > 0),
      milestones: versions
        .filter((v) => !v.released && !v.archived && v.releaseDate !== null && v.releaseDate <= until)
        .sort((a, b) => a.releaseDate!.localeCompare(b.releaseDate!)),
      operationalIssues: project.keyOperationalIssues ?? null,
      computed: health,
      since,
      until,
      today: day,
    });
    return {
      ...draft,
      overall: draft.overall as Rag,
      schedule: draft.schedule as Rag | null,
      scope: draft.scope as Rag | null,
      cost: draft.cost as Rag | null,
      resources: draft.resources as Rag | null,
      reasons: draft.reasons.map((r) => ({ dimension: r.dimension as HealthDimension, rag: r.rag as Rag, source: r.source as HealthSource, message: r.message })),
    };
  }
}
