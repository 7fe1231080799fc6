import type { ProjectsContext } from '../context';
import { Project, toProject } from './project.type';

export async function resolveProjectReference(reference: Pick<Project, 'key'>, ctx: ProjectsContext): Promise<Project | null> {
  const project = await ctx.loaders.projectByKey.load(reference.key.toUpperCase());
  return project ? toProject(project) : null;
}
