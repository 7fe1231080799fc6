import type { ProjectsContext } from '../context';
import { Project, toProject } from './project.type';

/** The `@requires` fields the gateway may send with a Project representation. */
const REQUIRED = ['operationalHealth', 'leadInDirectory', 'keyOperationalIssues'] as const;
const pickRequired = (reference: object) => Object.fromEntries(REQUIRED.filter((f) => f in reference).map((f) => [f, (reference as Record<string, unknown>)[f]]));

export async function resolveProjectReference(reference: Pick<Project, 'key' | 'operationalHealth'>, ctx: ProjectsContext): Promise<Project | null> {
  const project = await ctx.loaders.projectByKey.load(reference.key.toUpperCase());
  // Fields another subgraph sent for a `@requires` (Project.health needs operationalHealth) travel on.
  return project ? Object.assign(toProject(project), pickRequired(reference)) : null;
}
