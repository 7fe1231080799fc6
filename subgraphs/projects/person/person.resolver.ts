import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { globalId } from '../../common/global-id';
import type { ConnectionShape } from '../../common/pagination';
import { personKey } from '../../common/person-ref';
import type { ProjectsContext } from '../context';
import { ProjectIssuesArgs } from '../issue/issue.args';
import { issueConnection, issueRestriction } from '../issue/issue.search';
import { Issue, IssueConnection } from '../issue/issue.type';
import { teamOf } from '../project/project.resolver';
import { Project, toProject } from '../project/project.type';
import { TeamMembership } from '../team/team-membership.type';
import { PersonRef } from './person.type';

@Resolver(() => PersonRef)
export class PersonProjectsResolver {
  @FieldResolver(() => [TeamMembership], { nullable: true, description: 'Projects this person is staffed on, with their role. Null (with an error) when Jira cannot answer.' })
  async projects(@Root() person: PersonRef, @Ctx() ctx: ProjectsContext): Promise<TeamMembership[]> {
    const email = personKey(person.email);
    const portfolio = await ctx.loaders.portfolio();
    return portfolio.flatMap((project) =>
      teamOf(project)
        .filter((m) => m.email === email)
        .map((m) => ({ id: globalId('TeamMembership', project.key, m.email), project: toProject(project), role: m.role, allocation: m.allocation })),
    );
  }

  @FieldResolver(() => IssueConnection, {
    nullable: true,
    description: 'Jira issues assigned to this person across projects, in key order (filter.assigneeEmail is ignored). Jira matches the email even when it hides it on the issue.',
  })
  async assignedIssues(
    @Root() person: PersonRef,
    @Args() { filter, updatedSince, updatedBefore, first, after }: ProjectIssuesArgs,
    @Ctx() ctx: ProjectsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Issue>> {
    const restriction = issueRestriction(
      { excludeProjectKeys: [ctx.options.statusReports.projectKey, ctx.options.intake.store.projectKey] },
      { ...filter, assigneeEmail: personKey(person.email) },
      updatedSince,
      updatedBefore,
    );
    return issueConnection(ctx, restriction, false, { first, after }, info);
  }

  @FieldResolver(() => [Project], { nullable: true, description: 'Projects this person leads in Jira. Null (with an error) when Jira cannot answer.' })
  async leadOf(@Root() person: PersonRef, @Ctx() ctx: ProjectsContext): Promise<Project[]> {
    const email = personKey(person.email);
    const portfolio = await ctx.loaders.portfolio();
    return portfolio.filter((p) => personKey(p.lead?.email) === email).map(toProject);
  }
}
