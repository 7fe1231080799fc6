import DataLoader from 'dataloader';
import type { JiraConnector } from '../../connectors/jira/connector';
import type { JiraIssue, JiraProject, JiraVersion } from '../../connectors/jira/models';

/** Projects per `/project/search` page: Jira's maximum. */
export const JIRA_PROJECT_PAGE = 100;

export interface ProjectsLoaders {
  projectByKey: DataLoader<string, JiraProject | null>;
  issueByKey: DataLoader<string, JiraIssue | null>;
  versions: DataLoader<string, JiraVersion[]>;
  /** Every project, read once per request (Person.projects / leadOf and phase filters need the whole portfolio). */
  portfolio: () => Promise<JiraProject[]>;
}

export interface ProjectsContext {
  jira: JiraConnector;
  loaders: ProjectsLoaders;
}

/** A fresh set of loaders for every request: DataLoader batches and de-duplicates, it is not a cache across requests. */
export function createProjectsContext(jira: JiraConnector): ProjectsContext {
  const projectByKey = new DataLoader<string, JiraProject | null>((keys) => jira.getProjectsByKeys(keys), { maxBatchSize: 50 });
  let portfolio: Promise<JiraProject[]> | undefined;
  return {
    jira,
    loaders: {
      projectByKey,
      issueByKey: new DataLoader((keys) => jira.getIssuesByKeys(keys), { maxBatchSize: 100 }),
      // Jira has no multi-project versions endpoint: one request per project, all in the same tick.
      versions: new DataLoader((keys) => Promise.all(keys.map((key) => jira.getVersions(key)))),
      portfolio: () => {
        portfolio ??= readWholePortfolio(jira).then((projects) => {
          for (const project of projects) projectByKey.prime(project.key, project);
          return projects;
        });
        return portfolio;
      },
    },
  };
}

async function readWholePortfolio(jira: JiraConnector): Promise<JiraProject[]> {
  const all: JiraProject[] = [];
  for (let startAt = 0; ; ) {
    const page = await jira.searchProjects({ startAt, maxResults: JIRA_PROJECT_PAGE });
    all.push(...page.values);
    startAt += page.values.length;
    if (page.isLast || page.values.length === 0 || startAt >= page.total) return all;
  }
}
