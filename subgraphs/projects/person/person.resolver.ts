import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { personKey } from '../../common/person-ref';
import type { ProjectsContext } from '../context';
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
        .map((m) => ({ project: toProject(project), role: m.role, allocation: m.allocation })),
    );
  }

  @FieldResolver(() => [Project], { nullable: true, description: 'Projects this person leads in Jira. Null (with an error) when Jira cannot answer.' })
  async leadOf(@Root() person: PersonRef, @Ctx() ctx: ProjectsContext): Promise<Project[]> {
    const email = personKey(person.email);
    const portfolio = await ctx.loaders.portfolio();
    return portfolio.filter((p) => personKey(p.lead?.email) === email).map(toProject);
  }
}
