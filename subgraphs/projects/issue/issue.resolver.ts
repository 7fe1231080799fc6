import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../common/errors';
import { personKey } from '../../common/person-ref';
import type { ProjectsContext } from '../context';
import { PersonRef, personRef } from '../person/person.type';
import { Project, toProject } from '../project/project.type';
import { Issue, toIssue } from './issue.type';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{1,254}-[1-9][0-9]*$/;

export function normaliseIssueKey(key: string): string {
  const upper = key.trim().toUpperCase();
  if (!ISSUE_KEY.test(upper)) throw badUserInput(`Not a Jira issue key: ${JSON.stringify(key)}`, 'key');
  return upper;
}

@Resolver(() => Issue)
export class IssueResolver {
  @Query(() => Issue, { nullable: true })
  async issue(@Arg('key') key: string, @Ctx() ctx: ProjectsContext): Promise<Issue | null> {
    const issue = await ctx.loaders.issueByKey.load(normaliseIssueKey(key));
    return issue ? toIssue(issue) : null;
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: 'Null when unassigned or when Jira hides the email.' })
  assignee(@Root() issue: Issue): PersonRef | null {
    return personRef(personKey(issue.source.assignee?.email));
  }

  @FieldResolver(() => PersonRef, { nullable: true })
  reporter(@Root() issue: Issue): PersonRef | null {
    return personRef(personKey(issue.source.reporter?.email));
  }

  @FieldResolver(() => Issue, { nullable: true, description: 'The parent (epic of a story, story of a sub-task).' })
  async parent(@Root() issue: Issue, @Ctx() ctx: ProjectsContext): Promise<Issue | null> {
    if (!issue.source.parentKey) return null;
    const parent = await ctx.loaders.issueByKey.load(issue.source.parentKey);
    return parent ? toIssue(parent) : null;
  }

  @FieldResolver(() => Project)
  async project(@Root() issue: Issue, @Ctx() ctx: ProjectsContext): Promise<Project> {
    const project = await ctx.loaders.projectByKey.load(issue.source.projectKey);
    if (!project) throw new Error(`Issue ${issue.key} belongs to project ${issue.source.projectKey}, which Jira did not return`);
    return toProject(project);
  }
}
