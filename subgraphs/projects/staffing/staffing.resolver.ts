import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { JiraProject } from '../../../connectors/jira/models';
import { badUserInput } from '../../common/errors';
import { globalId } from '../../common/global-id';
import { personKey } from '../../common/person-ref';
import type { StaffingThresholds } from '../config';
import type { ProjectsContext } from '../context';
import { PersonRef, personRef } from '../person/person.type';
import { teamOf } from '../project/project.resolver';
import { toProject } from '../project/project.type';
import { Allocation, StaffingConflict, StaffingThresholdArgs } from './allocation.type';
import type { AssignedWork } from './assigned-work.loader';

/** Active = not CLOSED: the projects that still take people's time. */
const active = (portfolio: readonly JiraProject[]) => portfolio.filter((p) => p.profile?.phase !== 'CLOSED');

/** A person's load from the portfolio's staffing and their assigned open issues, judged against the thresholds. */
export function allocationOf(email: string, portfolio: readonly JiraProject[], work: AssignedWork, limits: StaffingThresholds): Allocation {
  const byKey = new Map(portfolio.map((p) => [p.key, p]));
  const memberships = active(portfolio).flatMap((project) =>
    teamOf(project).filter((m) => m.email === email).slice(0, 1).map((m) => ({ project, role: m.role, allocation: m.allocation })),
  );
  const keys = [...new Set([...memberships.map((m) => m.project.key), ...[...work.byProject.keys()].filter((k) => byKey.has(k))])].sort();
  const projects = keys.map((key) => {
    const membership = memberships.find((m) => m.project.key === key);
    return { id: globalId('ProjectLoad', email, key), project: toProject(byKey.get(key)!), role: membership?.role ?? null, allocation: membership?.allocation ?? null, openIssues: work.byProject.get(key) ?? 0 };
  });
  const totalAllocation = memberships.reduce((sum, m) => sum + (m.allocation ?? 0), 0);
  const reasons: string[] = [];
  if (memberships.length > limits.maxActiveProjects) {
    reasons.push(`On ${memberships.length} active projects (limit ${limits.maxActiveProjects}): ${memberships.map((m) => m.project.key).join(', ')}`);
  }
  if (work.openIssues > limits.maxOpenIssues) {
    const split = [...work.byProject.entries()].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${key} ${n}`).join(', ');
    reasons.push(`${work.openIssues} open issues assigned (limit ${limits.maxOpenIssues}): ${split}`);
  }
  if (totalAllocation > limits.maxAllocation) {
    const split = memberships.filter((m) => m.allocation).map((m) => `${m.project.key} ${m.allocation}%`).join(', ');
    reasons.push(`Allocated ${totalAllocation}% (limit ${limits.maxAllocation}%): ${split}`);
  }
  return { activeProjects: memberships.length, openIssues: work.openIssues, totalAllocation, overAllocated: reasons.length > 0, reasons, projects };
}

function thresholds(args: StaffingThresholdArgs, defaults: StaffingThresholds): StaffingThresholds {
  const value = (name: keyof StaffingThresholds) => {
    const v = args[name];
    if (v === null || v === undefined) return defaults[name];
    if (!Number.isInteger(v) || v < 0) throw badUserInput(`"${name}" must be a whole number ≥ 0`, name);
    return v;
  };
  return { maxActiveProjects: value('maxActiveProjects'), maxOpenIssues: value('maxOpenIssues'), maxAllocation: value('maxAllocation') };
}

/**
 * Staffing lives in this subgraph: memberships, allocations and assigned work are all Jira data (the PMO
 * profile and issue assignees), so the load is computed where the data is read, batched across people.
 */
@Resolver(() => PersonRef)
export class StaffingResolver {
  @FieldResolver(() => Allocation, { nullable: true, description: 'Their load across active projects, against the configured thresholds.' })
  async allocation(@Root() person: PersonRef, @Ctx() ctx: ProjectsContext): Promise<Allocation> {
    const email = personKey(person.email)!;
    const [portfolio, work] = await Promise.all([ctx.loaders.portfolio(), ctx.loaders.assignedWork.load(email)]);
    return allocationOf(email, portfolio, work, ctx.options.staffing);
  }

  @Query(() => [StaffingConflict], {
    nullable: true,
    description: 'Everyone staffed on an active project who is over a threshold (defaults from configuration), most reasons first, then by email.',
  })
  async staffingConflicts(@Args() args: StaffingThresholdArgs, @Ctx() ctx: ProjectsContext): Promise<StaffingConflict[]> {
    const limits = thresholds(args, ctx.options.staffing);
    const portfolio = await ctx.loaders.portfolio();
    const emails = [...new Set(active(portfolio).flatMap((p) => teamOf(p).map((m) => m.email)))].sort();
    const work = await ctx.loaders.assignedWork.loadMany(emails);
    const conflicts: StaffingConflict[] = [];
    emails.forEach((email, i) => {
      const loaded = work[i];
      if (loaded instanceof Error) throw loaded;
      const allocation = allocationOf(email, portfolio, loaded, limits);
      if (allocation.overAllocated) conflicts.push({ person: personRef(email)!, allocation });
    });
    return conflicts.sort((a, b) => b.allocation.reasons.length - a.allocation.reasons.length || a.person.email.localeCompare(b.person.email));
  }
}
