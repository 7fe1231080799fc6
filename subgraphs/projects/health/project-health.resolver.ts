import { requiresScopes } from '../../common/federation';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { HealthOverride } from '../../../connectors/jira/health-override';
import { hasScope } from '../../common/caller';
import { badUserInput } from '../../common/errors';
import { personKey } from '../../common/person-ref';
import type { Rag } from '../../common/rag';
import type { ProjectsContext } from '../context';
import { normaliseProjectKey } from '../project/project.resolver';
import { Project, toProject } from '../project/project.type';
import type { CombinedHealth, Dimensions } from './health-combination';
import { projectHealth } from './project-health';
import { HealthDimensions, HealthOverrideInput, OperationalHealthRef, ProjectHealth, type HealthDimension, type HealthSource } from './project-health.type';

const MAX_REASON = 1000;
const MAX_OVERRIDE_DAYS = 90;
const DAY = 86_400_000;

const dims = (d: Dimensions): HealthDimensions => d as unknown as HealthDimensions;

export function toProjectHealth(health: CombinedHealth): ProjectHealth {
  return {
    ...(health.dimensions as unknown as Omit<ProjectHealth, 'reasons' | 'reported' | 'computed' | 'override'>),
    reasons: health.reasons.map((r) => ({ dimension: r.dimension as HealthDimension, rag: r.rag as Rag, source: r.source as HealthSource, message: r.message })),
    reported: health.reported ? dims(health.reported) : null,
    computed: dims(health.computed),
    override: health.override ? { ...health.override, overall: health.override.overall as Rag } : null,
  };
}

/** Validates an override; every problem is BAD_USER_INPUT naming the field. */
export function healthOverride(input: HealthOverrideInput, author: string, now: Date): HealthOverride {
  const reason = input.reason?.trim() ?? '';
  if (!reason || reason.length > MAX_REASON) throw badUserInput(`input.reason must be 1 to ${MAX_REASON} characters`, 'input.reason');
  const expires = (input.expires instanceof Date ? input.expires.toISOString() : String(input.expires)).slice(0, 10);
  const day = now.toISOString().slice(0, 10);
  const last = new Date(Date.parse(day) + MAX_OVERRIDE_DAYS * DAY).toISOString().slice(0, 10);
  if (expires < day || expires > last) throw badUserInput(`input.expires must be from ${day} to ${last}, got ${expires}`, 'input.expires');
  return { overall: input.overall, reason, author, setAt: now.toISOString(), expires };
}

@Resolver(() => Project)
export class ProjectHealthResolver {
  @Directive('@external')
  @FieldResolver(() => OperationalHealthRef, { nullable: true, description: 'Owned by the tickets subgraph; declared here so health can require it.' })
  operationalHealth(@Root() project: Project): OperationalHealthRef | null {
    return (project.operationalHealth as OperationalHealthRef | undefined) ?? null;
  }

  @Directive('@requires(fields: "operationalHealth { rag reasons }")')
  @FieldResolver(() => ProjectHealth, {
    nullable: true,
    description:
      'One health across Jira (delivery rules), ServiceNow (operational rules, through Federation) and the PM report, by the published combination rule; an active PM override wins and says so.',
  })
  async health(@Root() project: Project, @Ctx() ctx: ProjectsContext): Promise<ProjectHealth> {
    return toProjectHealth(await projectHealth(project.source, project.operationalHealth, ctx));
  }

  @Directive(requiresScopes(['portfolio:admin']))
  @Mutation(() => Project, {
    description: "Sets a PM's override of a project's overall health (reason and expiry required), kept in Jira. For the project's lead or portfolio:admin.",
  })
  async overrideHealth(
    @Arg('projectKey', { description: 'The Jira key of the project whose health is overridden.' }) projectKey: string,
    @Arg('input', () => HealthOverrideInput, { description: 'The RAG, the reason and when the override expires.' }) input: HealthOverrideInput,
    @Ctx() ctx: ProjectsContext): Promise<Project> {
    const project = await this.authorised(projectKey, ctx);
    const override = healthOverride(input, ctx.caller.email ?? ctx.caller.subject, ctx.options.now());
    await ctx.jira.putHealthOverride(project.key, override);
    return toProject({ ...project.source, healthOverride: override });
  }

  @Directive(requiresScopes(['portfolio:admin']))
  @Mutation(() => Project, { description: "Removes a project's health override. For the project's lead or portfolio:admin." })
  async clearHealthOverride(@Arg('projectKey', { description: 'The Jira key of the project whose override is removed.' }) projectKey: string, @Ctx() ctx: ProjectsContext): Promise<Project> {
    const project = await this.authorised(projectKey, ctx);
    await ctx.jira.putHealthOverride(project.key, null);
    return toProject({ ...project.source, healthOverride: null });
  }

  /** portfolio:admin, or the project's Jira lead: a rule about this project the schema cannot state. */
  private async authorised(projectKey: string, ctx: ProjectsContext): Promise<Project> {
    const key = normaliseProjectKey(projectKey);
    const found = key === ctx.options.statusReports.projectKey ? null : await ctx.loaders.projectByKey.load(key);
    if (!found) throw badUserInput(`No project ${key} in Jira (or not visible to this integration)`, 'projectKey');
    const lead = personKey(found.lead?.email);
    if (!hasScope(ctx.caller, 'portfolio:admin') && !(lead && ctx.caller.email && personKey(ctx.caller.email) === lead)) {
      throw new GraphQLError(`Only the project's lead or a portfolio:admin may override ${key}'s health`, { extensions: { code: 'FORBIDDEN' } });
    }
    return toProject(found);
  }
}
