import type { JiraConnector } from '../../../connectors/jira/connector';

/** A person's unresolved Jira work, by project. */
export interface AssignedWork {
  openIssues: number;
  /** Open issue counts by project key. */
  byProject: Map<string, number>;
}

/**
 * Open assigned issues for a batch of people in one search (`assignee in (...)`, 100 issues a page): the
 * requests grow with their open work, not with the number of people. As everywhere in this graph, Jira work
 * joins a Person by the email Jira shows; an assignee whose email Jira hides is nobody's here, as
 * `Issue.assignee` is null for them.
 */
export async function loadAssignedWork(jira: JiraConnector, emails: readonly string[], pmoProjectKey: string): Promise<AssignedWork[]> {
  const issues = await jira.searchOpenAssigned(emails, pmoProjectKey);
  return emails.map((email) => {
    const work: AssignedWork = { openIssues: 0, byProject: new Map() };
    for (const issue of issues) {
      if (issue.assignee?.email !== email) continue;
      work.openIssues++;
      work.byProject.set(issue.projectKey, (work.byProject.get(issue.projectKey) ?? 0) + 1);
    }
    return work;
  });
}
