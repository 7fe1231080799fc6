import type { ProjectsContext } from '../context';
import { Issue, toIssue } from './issue.type';

export async function resolveIssueReference(reference: Pick<Issue, 'key'>, ctx: ProjectsContext): Promise<Issue | null> {
  const issue = await ctx.loaders.issueByKey.load(reference.key.toUpperCase());
  return issue ? toIssue(issue) : null;
}
