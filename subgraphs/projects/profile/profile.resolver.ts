import { requiresScopes } from '../../common/federation';
import { Arg, Directive, Ctx, Mutation, Resolver } from 'type-graphql';
import type { PmoProfile } from '../../../connectors/jira/models';
import { badUserInput } from '../../common/errors';
import { personKey } from '../../common/person-ref';
import type { ProjectsContext } from '../context';
import { normaliseProjectKey } from '../project/project.resolver';
import { Project, toProject } from '../project/project.type';
import { ProjectProfileInput } from './profile.input';

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const MAX_TEAM = 100;
const MAX_ROLE = 100;

const EMPTY: PmoProfile = { phase: null, priority: null, sponsorEmail: null, plannedStart: null, plannedEnd: null, team: [] };

const day = (value: Date | string | null | undefined): string | null | undefined =>
  value === undefined || value === null ? value : (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);

function email(value: string, field: string): string {
  const key = personKey(value);
  if (!key || !EMAIL.test(key)) throw badUserInput(`Not an email address: ${JSON.stringify(value)}`, field);
  return key;
}

/** The current profile with the input applied (omitted = keep, null = clear), validated as a whole. */
export function applyProfileInput(current: PmoProfile | null, input: ProjectProfileInput): PmoProfile {
  const base = current ?? EMPTY;
  const pick = <T>(value: T | undefined, existing: T): T => (value === undefined ? existing : value);
  if (input.priority !== undefined && input.priority !== null && (!Number.isInteger(input.priority) || input.priority < 1 || input.priority > 5)) {
    throw badUserInput(`input.priority must be 1 to 5, got ${input.priority}`, 'input.priority');
  }
  const team = input.team === undefined ? base.team : (input.team ?? []).map((m, i) => {
    const role = m.role.trim();
    if (!role || role.length > MAX_ROLE) throw badUserInput(`input.team[${i}].role must be 1 to ${MAX_ROLE} characters`, `input.team[${i}].role`);
    const allocation = m.allocation ?? null;
    if (allocation !== null && (!Number.isInteger(allocation) || allocation < 0 || allocation > 100)) {
      throw badUserInput(`input.team[${i}].allocation must be 0 to 100, got ${allocation}`, `input.team[${i}].allocation`);
    }
    return { email: email(m.email, `input.team[${i}].email`), role, allocation };
  });
  if (team.length > MAX_TEAM) throw badUserInput(`input.team has ${team.length} members; at most ${MAX_TEAM}`, 'input.team');
  const duplicate = team.find((m, i) => team.findIndex((o) => o.email === m.email) !== i);
  if (duplicate) throw badUserInput(`input.team lists ${duplicate.email} twice`, 'input.team');
  const profile: PmoProfile = {
    phase: pick(input.phase, base.phase),
    priority: pick(input.priority, base.priority),
    sponsorEmail: input.sponsorEmail === undefined ? base.sponsorEmail : input.sponsorEmail === null ? null : email(input.sponsorEmail, 'input.sponsorEmail'),
    plannedStart: pick(day(input.plannedStart), base.plannedStart),
    plannedEnd: pick(day(input.plannedEnd), base.plannedEnd),
    team,
  };
  if (profile.plannedStart && profile.plannedEnd && profile.plannedStart > profile.plannedEnd) {
    throw badUserInput(`plannedStart ${profile.plannedStart} is after plannedEnd ${profile.plannedEnd}`, 'input.plannedEnd');
  }
  return profile;
}

@Resolver(() => Project)
export class ProfileResolver {
  @Directive(requiresScopes(['portfolio:admin']))
  @Mutation(() => Project, {
    description:
      "Edits the project's PMO profile (the Jira project property pmo.profile): one read, one PUT, never retried automatically. Concurrent edits of the same project: the last write wins.",
  })
  async updateProjectProfile(
    @Arg('key', { description: 'The Jira project key.' }) key: string,
    @Arg('input', () => ProjectProfileInput, { description: 'The changes.' }) input: ProjectProfileInput,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Project> {
    const normalised = normaliseProjectKey(key);
    const project = normalised === ctx.options.statusReports.projectKey ? null : await ctx.loaders.projectByKey.load(normalised);
    if (!project) throw badUserInput(`No project ${normalised} in Jira (or not visible to this integration)`, 'key');
    const profile = applyProfileInput(project.profile, input);
    await ctx.jira.putProfile(project.key, profile);
    const updated = { ...project, profile };
    ctx.loaders.projectByKey.clear(project.key).prime(project.key, updated);
    return toProject(updated);
  }
}
