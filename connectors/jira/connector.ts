import type { IssueSearchPage, JiraIssue, JiraProject, JiraUser, JiraVersion, Page, PmoProfile } from './models';

/** The Jira operations the projects subgraph uses. Implemented by JiraClient (Cloud REST v3). */
export interface JiraConnector {
  /** `GET /rest/api/3/project/search` with lead, description, url and the `pmo.profile` property expanded. */
  searchProjects(options: { startAt?: number; maxResults?: number; query?: string; keys?: readonly string[] }): Promise<Page<JiraProject>>;
  /** Many projects by key in as few `/project/search?keys=` calls as possible; aligned with `keys`, null when missing. */
  getProjectsByKeys(keys: readonly string[]): Promise<Array<JiraProject | null>>;
  /** `GET /rest/api/3/project/{key}/versions`. */
  getVersions(projectKey: string): Promise<JiraVersion[]>;
  /** `GET /rest/api/3/search/jql` (enhanced search, nextPageToken paging), always sending `fields`. */
  searchIssues(options: { jql: string; maxResults?: number; nextPageToken?: string | null }): Promise<IssueSearchPage>;
  /** Issues by key (`key in (...)`), chunked; aligned with `keys`, null when missing. */
  getIssuesByKeys(keys: readonly string[]): Promise<Array<JiraIssue | null>>;
  /** `POST /rest/api/3/search/approximate-count`. */
  countIssues(jql: string): Promise<number>;
  /** `GET /rest/api/3/user/bulk`, chunked; aligned with `accountIds`, null when unknown. */
  getUsers(accountIds: readonly string[]): Promise<Array<JiraUser | null>>;
  /** `PUT /rest/api/3/project/{key}/properties/pmo.profile`. */
  putProfile(projectKey: string, profile: PmoProfile): Promise<void>;
}
