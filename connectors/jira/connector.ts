import type { HealthOverride } from './health-override';
import type { JqlQuery } from './jql';
import type {
  IssueSearchPage, JiraIssue, JiraProject, JiraStatusReport, JiraUser, JiraVersion, Page, PmoProfile, StatusReportBody, StatusReportStore,
} from './models';
import type { IntakeStore, JiraProposal, ProposalBody, ProposalWorkflow, Scorecard } from './proposals.models';

/**
 * The Jira operations the projects subgraph uses. Implemented by JiraClient for Cloud (REST v3, the paths
 * below) and Data Center (the same operations on REST v2; see each Data Center note).
 *
 * Searches take the JQL builder's query rather than its text where they can: a project that a `!=` / `not in`
 * clause names and this Jira does not know is then left out and the search answered, where text naming it can
 * only be answered with no match.
 */
export interface JiraConnector {
  /** `GET /rest/api/3/project/search` with lead, description, url and the `pmo.profile` property expanded. Data Center: `GET /rest/api/2/project` plus one property read per project on the page. */
  searchProjects(options: { startAt?: number; maxResults?: number; query?: string; keys?: readonly string[] }): Promise<Page<JiraProject>>;
  /** Many projects by key in as few `/project/search?keys=` calls as possible; aligned with `keys`, null when missing. */
  getProjectsByKeys(keys: readonly string[]): Promise<Array<JiraProject | null>>;
  /** `GET /rest/api/3/project/{key}/version?expand=issuesstatus`, all pages, with each version's issue counts. */
  getVersions(projectKey: string): Promise<JiraVersion[]>;
  /** `GET /rest/api/3/search/jql` (enhanced search, nextPageToken paging), always sending `fields`. Data Center: `GET /rest/api/2/search`, the token carrying the next startAt; paging past 10,000 results fails. */
  searchIssues(options: { jql: JqlQuery; maxResults?: number; nextPageToken?: string | null }): Promise<IssueSearchPage>;
  /** The keys of every issue the JQL matches (`fields=key`, up to 5000 a page, Data Center 1000); [] when it names an unknown project. */
  searchIssueKeys(jql: JqlQuery): Promise<string[]>;
  /** Unresolved issues assigned to these people (by email) outside one project; emails Jira does not know are skipped. */
  searchOpenAssigned(emails: readonly string[], excludeProjectKey: string): Promise<JiraIssue[]>;
  /** Issues by key (`key in (...)`), chunked; aligned with `keys`, null when missing. */
  getIssuesByKeys(keys: readonly string[]): Promise<Array<JiraIssue | null>>;
  /** `POST /rest/api/3/search/approximate-count`. Data Center: the exact `total` of `/rest/api/2/search?maxResults=0`. */
  countIssues(jql: JqlQuery): Promise<number>;
  /** `GET /rest/api/3/user/bulk`, chunked; aligned with `accountIds`, null when unknown. Data Center: user keys, one `GET /rest/api/2/user?key=` each. */
  getUsers(accountIds: readonly string[]): Promise<Array<JiraUser | null>>;
  /** `PUT /rest/api/3/project/{key}/properties/pmo.profile`. */
  putProfile(projectKey: string, profile: PmoProfile): Promise<void>;
  /** `PUT /rest/api/3/project/{key}/properties/pmo.healthOverride`; null clears it. */
  putHealthOverride(projectKey: string, override: HealthOverride | null): Promise<void>;
  /** `POST /rest/api/3/issue`: one report issue in the PMO project, its body in an issue property. Never retried. */
  createStatusReport(store: StatusReportStore, report: StatusReportBody): Promise<JiraStatusReport>;
  /** Every status report of these projects, read with `/search/jql?properties=` (one request per 100 reports). */
  getStatusReports(store: StatusReportStore, projectKeys: readonly string[]): Promise<JiraStatusReport[]>;
  /** `POST /rest/api/3/issue`: one proposal issue in the intake project, body and workflow in issue properties. Never retried. */
  createProposal(store: IntakeStore, body: ProposalBody, workflow: ProposalWorkflow): Promise<JiraProposal>;
  /** Every proposal of the intake project, one search with both proposal properties (`fields=key`). */
  listProposals(store: IntakeStore): Promise<JiraProposal[]>;
  /** One proposal with every reviewer's scorecard (`GET /issue/{key}?properties=*all`); null when the key is no proposal. */
  getProposal(store: IntakeStore, key: string): Promise<{ proposal: JiraProposal; scorecards: Scorecard[] } | null>;
  /** `PUT /issue/{key}/properties/pmo.proposal`. */
  putProposalBody(key: string, body: ProposalBody): Promise<void>;
  /** `PUT /issue/{key}/properties/pmo.proposal.workflow`. */
  putProposalWorkflow(key: string, workflow: ProposalWorkflow): Promise<void>;
  /** `PUT /issue/{key}/properties/pmo.scorecard.<reviewer>`: that reviewer's own property, nobody else's. */
  putScorecard(key: string, card: Scorecard): Promise<void>;
}
