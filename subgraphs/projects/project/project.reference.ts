import type { ProjectsContext } from '../context';
import { Project, toProject } from './project.type';

export async function resolveProjectReference(reference: Pick<Project, 'key' | 'operationalHealth'>, ctx: ProjectsContext): Promise<Project | null> {
  const project = await ctx.loaders.projectByKey.load(reference.key.toUpperCase());
  // Fields another subgraph sent for a `@requires` (Project.health needs operationalHealth) travel on.
  return project ? Object.assign(toProject(project), { operationalHealth: reference.operationalHealth, leadInDirectory: (reference as { leadInDirectory?: boolean | null }).leadInDirectory }) : null;
}
