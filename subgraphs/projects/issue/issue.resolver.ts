import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../common/errors';
import type { ConnectionShape } from '../../common/pagination';
import { personKey } from '../../common/person-ref';
import type { ProjectsContext } from '../context';
import { PersonRef, personRef } from '../person/person.type';
import { normaliseProjectKey } from '../project/project.resolver';
import { Project, toProject } from '../project/project.type';
import { IssuesArgs } from './issue.args';
import { issueConnection, issueRestriction } from './issue.search';
import { Issue, IssueConnection, toIssue } from './issue.type';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{1,254}-[1-9][0-9]*$/;

export function normaliseIssueKey(key: string): string {
  const upper = key.trim().toUpperCase();
  if (!ISSUE_KEY.test(upper)) throw badUserInput(`Not a Jira issue key: ${JSON.stringify(key)}`, 'key');
  return upper;
}

@Resolver(() => Issue)
export class IssueResolver {
  @Query(() => Issue, { nullable: true, description: 'A Jira issue by key; null when there is none or Jira does not show it.' })
  async issue(@Arg('key', { description: 'The Jira issue key, e.g. APOLLO-12 (case-insensitive).' }) key: string, @Ctx() ctx: ProjectsContext): Promise<Issue | null> {
    const issue = await ctx.loaders.issueByKey.load(normaliseIssueKey(key));
    return issue ? toIssue(issue) : null;
  }

  @Query(() => IssueConnection, {
    nullable: true,
    description: 'Issues of one project, or of every project (but the PMO reports and intake projects), ordered by key, with filters and updatedSince for incremental refresh.',
  })
  async issues(
    @Args() { projectKey, filter, updatedSince, updatedBefore, first, after }: IssuesArgs,
    @Ctx() ctx: ProjectsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Issue>> {
    const scope = projectKey ? { projectKey: normaliseProjectKey(projectKey) } : { excludeProjectKeys: [ctx.options.statusReports.projectKey, ctx.options.intake.store.projectKey] };
    return issueConnection(ctx, issueRestriction(scope, filter, updatedSince, updatedBefore), Boolean(projectKey), { first, after }, info);
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: 'Null when unassigned or when Jira hides the email.' })
  assignee(@Root() issue: Issue): PersonRef | null {
    return personRef(personKey(issue.source.assignee?.email));
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: 'Who reported it; null when Jira hides their email.' })
  reporter(@Root() issue: Issue): PersonRef | null {
    return personRef(personKey(issue.source.reporter?.email));
  }

  @FieldResolver(() => Issue, { nullable: true, description: 'The parent (epic of a story, story of a sub-task).' })
  async parent(@Root() issue: Issue, @Ctx() ctx: ProjectsContext): Promise<Issue | null> {
    if (!issue.source.parentKey) return null;
    const parent = await ctx.loaders.issueByKey.load(issue.source.parentKey);
    return parent ? toIssue(parent) : null;
  }

  @FieldResolver(() => Project, { description: 'The project the issue belongs to.' })
  async project(@Root() issue: Issue, @Ctx() ctx: ProjectsContext): Promise<Project> {
    const project = await ctx.loaders.projectByKey.load(issue.source.projectKey);
    if (!project) throw new Error(`Issue ${issue.key} belongs to project ${issue.source.projectKey}, which Jira did not return`);
    return toProject(project);
  }
}
