import type { JiraStatusReport } from '../../../connectors/jira/models';

/** Newest first: by status date, then by when Jira filed it, then by issue number. */
export function newestFirst(a: JiraStatusReport, b: JiraStatusReport): number {
  return b.statusDate.localeCompare(a.statusDate) || b.created.localeCompare(a.created) || issueNumber(b.id) - issueNumber(a.id);
}

const issueNumber = (key: string): number => Number(key.slice(key.lastIndexOf('-') + 1)) || 0;
