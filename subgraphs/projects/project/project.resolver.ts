import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { JiraProject } from '../../../connectors/jira/models';
import { badUserInput } from '../../common/errors';
import { globalId } from '../../common/global-id';
import { offsetAfter, offsetConnection, pageSize, type ConnectionShape } from '../../common/pagination';
import { personKey } from '../../common/person-ref';
import type { ProjectsContext } from '../context';
import { ProjectIssuesArgs } from '../issue/issue.args';
import { issueConnection, issueRestriction } from '../issue/issue.search';
import { Issue, IssueConnection } from '../issue/issue.type';
import { Milestone, nextMilestone, toMilestone } from '../milestone/milestone.type';
import { PersonRef, personRef } from '../person/person.type';
import { TeamMember } from '../team/team-member.type';
import { deliveryHealth } from '../health/delivery-health';
import { IssueStats } from './issue-stats.type';
import { ProjectsArgs, type ProjectFilter } from './project.args';
import { prefetchProjectChildren } from './project.prefetch';
import { Project, ProjectConnection, toProject } from './project.type';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,254}$/;

export function normaliseProjectKey(key: string): string {
  const upper = key.trim().toUpperCase();
  if (!PROJECT_KEY.test(upper)) throw badUserInput(`Not a Jira project key: ${JSON.stringify(key)}`, 'key');
  return upper;
}

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => ProjectConnection, { nullable: true, description: 'The portfolio (every Jira project but the PMO reports project), ordered by project key.' })
  async projects(@Args() { filter, first, after }: ProjectsArgs, @Ctx() ctx: ProjectsContext): Promise<ConnectionShape<Project>> {
    const size = pageSize(first);
    const offset = offsetAfter(after);
    // One /project/search request per 100 projects reads the whole portfolio with its PMO profiles, which is
    // what filtering and an exact totalCount (without the reports project) need anyway.
    let matching = (await ctx.loaders.portfolio()).filter((p) => !filter || matches(p, filter));
    if (filter?.health?.length) {
      const wanted = new Set<string>(filter.health);
      const today = ctx.options.now().toISOString().slice(0, 10);
      const signals = await ctx.loaders.deliverySignals.loadMany(matching.map((p) => p.key));
      matching = matching.filter((project, i) => {
        const s = signals[i];
        if (s instanceof Error) throw s;
        return wanted.has(deliveryHealth(project.profile, s, ctx.options.healthRules, today).overall);
      });
    }
    return offsetConnection(matching.slice(offset, offset + size).map(toProject), offset, matching.length);
  }

  @Query(() => Project, { nullable: true, description: 'A portfolio project by Jira key; null when there is none.' })
  async project(
    @Arg('key', { description: 'The Jira project key (case-insensitive).' }) key: string,
    @Ctx() ctx: ProjectsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Project | null> {
    const normalised = normaliseProjectKey(key);
    if (normalised === ctx.options.statusReports.projectKey) return null;
    // The children need only the key: their reads go out beside the look-up, not after it.
    prefetchProjectChildren(normalised, info, ctx);
    const project = await ctx.loaders.projectByKey.load(normalised);
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
    return teamOf(project.source).map(({ email, role, allocation }) => ({ id: globalId('TeamMember', project.key, email), person: personRef(email)!, role, allocation }));
  }

  @FieldResolver(() => [Milestone], { nullable: true, description: 'Jira versions, in release order, each with its progress.' })
  async milestones(@Root() project: Project, @Ctx() ctx: ProjectsContext): Promise<Milestone[]> {
    const versions = await ctx.loaders.versions.load(project.key);
    return versions.filter((v) => !v.archived).map(toMilestone);
  }

  @FieldResolver(() => Milestone, { nullable: true, description: 'The first unreleased milestone by release date (it may be overdue).' })
  async nextMilestone(@Root() project: Project, @Ctx() ctx: ProjectsContext): Promise<Milestone | null> {
    const next = nextMilestone(await ctx.loaders.versions.load(project.key));
    return next ? toMilestone(next) : null;
  }

  @FieldResolver(() => IssueStats, { nullable: true, description: 'Issue counts; for a whole page of projects, four Jira searches per 50 projects (the same ones deliveryHealth uses).' })
  async issueStats(@Root() project: Project, @Ctx() ctx: ProjectsContext): Promise<IssueStats> {
    const s = await ctx.loaders.deliverySignals.load(project.key);
    return {
      total: s.total,
      byStatusCategory: { toDo: s.toDo, inProgress: s.inProgress, done: s.done },
      open: s.toDo + s.inProgress,
      overdue: s.overdue,
      blocked: s.blocked,
      doneRatio: s.total ? s.done / s.total : null,
    };
  }

  @FieldResolver(() => IssueConnection, { nullable: true, description: 'Issues of the project, ordered by key.' })
  async issues(
    @Root() project: Project,
    @Args() { filter, updatedSince, updatedBefore, first, after }: ProjectIssuesArgs,
    @Ctx() ctx: ProjectsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Issue>> {
    return issueConnection(ctx, issueRestriction({ projectKey: project.key }, filter, updatedSince, updatedBefore), true, { first, after }, info);
  }
}

/** teamOf's answer per project object: connectors map each cached answer once, so it holds across requests. */
const teams = new WeakMap<JiraProject, readonly StaffingEntry[]>();

type StaffingEntry = { readonly email: string; readonly role: string; readonly allocation: number | null };

/**
 * The PMO's staffing plus the Jira lead (when their email is visible and they are not already listed), emails as
 * Person keys. Memoised:
 * the portfolio-wide staffing rules (Project.health resources, Person.allocation) ask it for every project once
 * per team member, which was a tenth of a warm Dashboard request's CPU.
 */
export function teamOf(project: JiraProject): readonly StaffingEntry[] {
  let team = teams.get(project);
  if (!team) teams.set(project, (team = Object.freeze(buildTeam(project))));
  return team;
}

function buildTeam(project: JiraProject): StaffingEntry[] {
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
