import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { DirectoryUser } from '../../../connectors/scim/models';
import { personKey } from '../../common/person-ref';
import type { PeopleContext } from '../context';
import { Person } from '../person/person.type';
import { DepartmentProjectCount, DivisionProjectCount, LeadDirectoryEntry, PortfolioRef, ProjectLeadRef, ProjectRef } from './portfolio.type';

const REQUIRES_LEADS = '@requires(fields: "projectLeads { projectKey email }")';

/** The directory records of the portfolio's leads: one batched directory lookup for all of them. */
async function leadsOf(portfolio: PortfolioRef, ctx: PeopleContext): Promise<Array<{ lead: ProjectLeadRef; user: DirectoryUser | null }>> {
  const leads = portfolio.projectLeads ?? [];
  const emails = leads.map((l) => personKey(l.email));
  const users = await ctx.loaders.byEmail.loadMany(emails.filter((e): e is string => e !== null));
  const byEmail = new Map<string, DirectoryUser | null>();
  emails.filter((e): e is string => e !== null).forEach((email, i) => {
    const user = users[i];
    if (user instanceof Error) throw user;
    byEmail.set(email, user);
  });
  return leads.map((lead, i) => ({ lead, user: emails[i] ? (byEmail.get(emails[i]!) ?? null) : null }));
}

const active = (user: DirectoryUser | null) => user !== null && user.active !== false;

function groupBy<K>(items: Array<{ key: K; projectKey: string }>): Array<{ key: K; keys: string[] }> {
  const groups = new Map<string, { key: K; keys: string[] }>();
  for (const item of items) {
    const id = JSON.stringify(item.key);
    if (!groups.has(id)) groups.set(id, { key: item.key, keys: [] });
    groups.get(id)!.keys.push(item.projectKey);
  }
  return [...groups.values()].sort((a, b) => b.keys.length - a.keys.length || JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));
}

@Resolver(() => PortfolioRef)
export class PortfolioPeopleResolver {
  @Directive('@external')
  @FieldResolver(() => [ProjectLeadRef], { description: 'Owned by the projects subgraph.' })
  projectLeads(@Root() portfolio: PortfolioRef): ProjectLeadRef[] {
    return portfolio.projectLeads ?? [];
  }

  @Directive(REQUIRES_LEADS)
  @FieldResolver(() => [LeadDirectoryEntry], { nullable: true, description: "Each distinct lead as the directory knows them (former staff: inDirectory false). Null when the directory cannot answer." })
  async leadDirectory(@Root() portfolio: PortfolioRef, @Ctx() ctx: PeopleContext): Promise<LeadDirectoryEntry[]> {
    const seen = new Map<string, LeadDirectoryEntry>();
    for (const { lead, user } of await leadsOf(portfolio, ctx)) {
      const email = personKey(lead.email);
      if (email && !seen.has(email)) seen.set(email, { email, inDirectory: active(user), department: user?.department ?? null, division: user?.division ?? null });
    }
    return [...seen.values()].sort((a, b) => a.email.localeCompare(b.email));
  }

  @Directive(REQUIRES_LEADS)
  @FieldResolver(() => [DepartmentProjectCount], { nullable: true, description: "Projects per lead's department (and division), most first; unknown last. Null when the directory cannot answer." })
  async byDepartment(@Root() portfolio: PortfolioRef, @Ctx() ctx: PeopleContext): Promise<DepartmentProjectCount[]> {
    const rows = (await leadsOf(portfolio, ctx)).map(({ lead, user }) => ({
      key: active(user) ? { department: user!.department ?? null, division: user!.division ?? null } : { department: null, division: null },
      projectKey: lead.projectKey,
    }));
    return groupBy(rows)
      .sort((a, b) => Number(a.key.department === null) - Number(b.key.department === null))
      .map((g) => ({ department: g.key.department, division: g.key.division, count: g.keys.length, projectKeys: g.keys }));
  }

  @Directive(REQUIRES_LEADS)
  @FieldResolver(() => [DivisionProjectCount], { nullable: true, description: "Projects per lead's division, most first; unknown last. Null when the directory cannot answer." })
  async byDivision(@Root() portfolio: PortfolioRef, @Ctx() ctx: PeopleContext): Promise<DivisionProjectCount[]> {
    const rows = (await leadsOf(portfolio, ctx)).map(({ lead, user }) => ({ key: active(user) ? (user!.division ?? null) : null, projectKey: lead.projectKey }));
    return groupBy(rows)
      .sort((a, b) => Number(a.key === null) - Number(b.key === null))
      .map((g) => ({ division: g.key, count: g.keys.length, projectKeys: g.keys }));
  }
}

@Resolver(() => ProjectRef)
export class ProjectLeadDirectoryResolver {
  @Directive('@external')
  @FieldResolver(() => Person, { nullable: true, description: 'Owned by the projects subgraph.' })
  lead(@Root() project: ProjectRef): { email: string } | null {
    return project.lead ?? null;
  }

  @Directive('@requires(fields: "lead { email }")')
  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the lead is an active person in the HR directory; null when there is no lead.' })
  async leadInDirectory(@Root() project: ProjectRef, @Ctx() ctx: PeopleContext): Promise<boolean | null> {
    const email = personKey(project.lead?.email);
    if (!email) return null;
    return active(await ctx.loaders.byEmail.load(email));
  }
}
