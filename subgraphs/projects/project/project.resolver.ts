import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { JiraConnector } from '../../../connectors/jira/connector';
import type { JiraProject } from '../../../connectors/jira/models';
import { jql } from '../../../connectors/jira/jql';
import { badUserInput } from '../../common/errors';
import { decodeCursor, encodeCursor, offsetAfter, offsetConnection, pageSize, selects, type ConnectionShape } from '../../common/pagination';
import { personKey } from '../../common/person-ref';
import { JIRA_PROJECT_PAGE, type ProjectsContext } from '../context';
import { Issue, IssueConnection, toIssue } from '../issue/issue.type';
import { Milestone } from '../milestone/milestone.type';
import { PersonRef, personRef } from '../person/person.type';
import { TeamMember } from '../team/team-member.type';
import { PageArgs, ProjectsArgs, type ProjectFilter } from './project.args';
import { Project, ProjectConnection, toProject } from './project.type';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,254}$/;

export function normaliseProjectKey(key: string): string {
  const upper = key.trim().toUpperCase();
  if (!PROJECT_KEY.test(upper)) throw badUserInput(`Not a Jira project key: ${JSON.stringify(key)}`, 'key');
  return upper;
}

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => ProjectConnection, { description: 'The portfolio, ordered by project key.' })
  async projects(@Args() { filter, first, after }: ProjectsArgs, @Ctx() ctx: ProjectsContext): Promise<ConnectionShape<Project>> {
    const size = pageSize(first);
    const offset = offsetAfter(after);
    if (filter?.phase?.length || filter?.leadEmail) {
      const matching = (await ctx.loaders.portfolio()).filter((p) => matches(p, filter)).sort((a, b) => a.key.localeCompare(b.key));
      return offsetConnection(matching.slice(offset, offset + size).map(toProject), offset, matching.length);
    }
    const { rows, total } = await readProjectPage(ctx.jira, offset, size, filter?.search ?? undefined);
    for (const project of rows) ctx.loaders.projectByKey.prime(project.key, project);
    return offsetConnection(rows.map(toProject), offset, total);
  }

  @Query(() => Project, { nullable: true })
  async project(@Arg('key') key: string, @Ctx() ctx: ProjectsContext): Promise<Project | null> {
    const project = await ctx.loaders.projectByKey.load(normaliseProjectKey(key));
    return project ? toProject(project) : null;
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: 'The Jira project lead; null when Jira hides their email.' })
  lead(@Root() project: Project): PersonRef | null {
    return personRef(personKey(project.source.lead?.email));
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: 'The executive sponsor (PMO metadata).' })
  sponsor(@Root() project: Project): PersonRef | null {
    return personRef(personKey(project.source.profile?.sponsorEmail));
  }

  @FieldResolver(() => [TeamMember], { description: 'The staffing the PMO recorded for the project, lead first.' })
  team(@Root() project: Project): TeamMember[] {
    return teamOf(project.source).map(({ email, role, allocation }) => ({ person: personRef(email)!, role, allocation }));
  }

  @FieldResolver(() => [Milestone], { nullable: true, description: 'Jira versions, in release order.' })
  async milestones(@Root() project: Project, @Ctx() ctx: ProjectsContext): Promise<Milestone[]> {
    const versions = await ctx.loaders.versions.load(project.key);
    return versions.filter((v) => !v.archived);
  }

  @FieldResolver(() => IssueConnection, { nullable: true, description: 'Issues of the project, ordered by key.' })
  async issues(
    @Root() project: Project,
    @Args() { first, after }: PageArgs,
    @Ctx() ctx: ProjectsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Issue>> {
    const size = pageSize(first);
    const base = jql().where('project', '=', project.key);
    const page = jql().where('project', '=', project.key);
    if (after) page.where('key', '>', decodeCursor(after, 'k'));
    page.orderBy('key', 'ASC');
    const [rows, totalCount] = await Promise.all([
      readIssues(ctx.jira, page.toString(), size),
      selects(info, 'totalCount') ? ctx.jira.countIssues(base.toString()) : Promise.resolve(-1),
    ]);
    for (const issue of rows.issues) ctx.loaders.issueByKey.prime(issue.key, issue);
    const edges = rows.issues.map((issue) => ({ cursor: encodeCursor('k', issue.key), node: toIssue(issue) }));
    return {
      edges,
      totalCount,
      pageInfo: {
        hasNextPage: rows.hasMore,
        hasPreviousPage: Boolean(after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }
}

/** The PMO's staffing plus the Jira lead (when their email is visible and they are not already listed). */
export function teamOf(project: JiraProject): Array<{ email: string; role: string; allocation: number | null }> {
  const team = (project.profile?.team ?? [])
    .map((m) => ({ email: personKey(m.email), role: m.role, allocation: m.allocation }))
    .filter((m): m is { email: string; role: string; allocation: number | null } => m.email !== null);
  const lead = personKey(project.lead?.email);
  if (lead && !team.some((m) => m.email === lead)) team.unshift({ email: lead, role: 'Project Lead', allocation: null });
  return team;
}

function matches(project: JiraProject, filter: ProjectFilter): boolean {
  if (filter.phase?.length && !filter.phase.includes(project.profile?.phase as never)) return false;
  if (filter.leadEmail && personKey(project.lead?.email) !== personKey(filter.leadEmail)) return false;
  if (filter.search) {
    const needle = filter.search.toLowerCase();
    if (!project.key.toLowerCase().includes(needle) && !project.name.toLowerCase().includes(needle)) return false;
  }
  return true;
}

async function readProjectPage(jira: JiraConnector, offset: number, size: number, query?: string) {
  const rows: JiraProject[] = [];
  let total = 0;
  for (let startAt = offset; rows.length < size || size === 0; ) {
    const page = await jira.searchProjects({ startAt, maxResults: Math.min(JIRA_PROJECT_PAGE, Math.max(1, size - rows.length)), query });
    total = page.total;
    if (size === 0) break;
    rows.push(...page.values);
    startAt += page.values.length;
    if (page.isLast || page.values.length === 0) break;
  }
  return { rows: rows.slice(0, size), total };
}

/** Follows nextPageToken until `size` issues are read; Jira may return short pages before the last one. */
async function readIssues(jira: JiraConnector, query: string, size: number) {
  const issues = [];
  let token: string | null = null;
  let hasMore = false;
  while (issues.length < size) {
    const page = await jira.searchIssues({ jql: query, maxResults: Math.min(100, size - issues.length), nextPageToken: token });
    issues.push(...page.issues);
    token = page.nextPageToken;
    hasMore = !page.isLast && token !== null;
    if (!hasMore) break;
  }
  return { issues: issues.slice(0, size), hasMore: hasMore || issues.length > size };
}
