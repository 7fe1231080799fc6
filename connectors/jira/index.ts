import type { HealthOverride } from './health-override';
import { HttpClient } from '../http/client';
import type { UpstreamConfig } from '../http/config';
import type { JiraConnector } from './connector';
import { apiBase, type JiraDeployment } from './deployment';
import { describeJiraError } from './errors';
import { FieldsApi } from './fields';
import { IssuesApi } from './issues';
import type { JqlQuery } from './jql';
import type {
  IssueSearchPage, JiraIssue, JiraProject, JiraStatusReport, JiraUser, JiraVersion, Page, PmoProfile, StatusReportBody, StatusReportStore,
} from './models';
import { ProjectsApi } from './projects';
import { ProposalsApi } from './proposals';
import type { IntakeStore, JiraProposal, ProposalBody, ProposalWorkflow, Scorecard } from './proposals.models';
import { issueSearch } from './search';
import { StatusReportsApi } from './status-reports';
import { UsersApi } from './users';

export type { JiraDeployment } from './deployment';

/** The upstream settings plus which Jira it is (connectors/config.ts reads `JIRA_DEPLOYMENT`). */
export interface JiraUpstreamConfig extends UpstreamConfig {
  /** Default `cloud`. */
  deployment?: JiraDeployment;
}

export interface JiraClientOptions {
  /** The project property holding the PMO profile. Default `pmo.profile`. */
  profileProperty?: string;
}

/**
 * Jira Cloud (REST v3) or Data Center (REST v2), per `config.deployment`. One client per upstream
 * configuration; it remembers the site's story points field.
 */
export class JiraClient implements JiraConnector {
  private readonly projects: ProjectsApi;
  private readonly issues: IssuesApi;
  private readonly users: UsersApi;
  private readonly statusReports: StatusReportsApi;
  private readonly proposals: ProposalsApi;

  constructor(config: JiraUpstreamConfig, options: JiraClientOptions = {}) {
    const deployment = config.deployment ?? 'cloud';
    const http = new HttpClient(config, describeJiraError);
    const search = issueSearch(http, deployment);
    this.projects = new ProjectsApi(http, options.profileProperty ?? 'pmo.profile', deployment);
    this.issues = new IssuesApi(http, search, new FieldsApi(http, apiBase(deployment)));
    this.users = new UsersApi(http, deployment);
    this.statusReports = new StatusReportsApi(http, search, deployment);
    this.proposals = new ProposalsApi(http, search, deployment);
  }

  searchProjects(options: { startAt?: number; maxResults?: number; query?: string; keys?: readonly string[] }): Promise<Page<JiraProject>> {
    return this.projects.search(options);
  }

  getProjectsByKeys(keys: readonly string[]): Promise<Array<JiraProject | null>> {
    return this.projects.getByKeys(keys);
  }

  getVersions(projectKey: string): Promise<JiraVersion[]> {
    return this.projects.versions(projectKey);
  }

  searchIssues(options: { jql: JqlQuery; maxResults?: number; nextPageToken?: string | null }): Promise<IssueSearchPage> {
    return this.issues.search(options);
  }

  searchIssueKeys(jql: JqlQuery): Promise<string[]> {
    return this.issues.searchKeys(jql);
  }

  searchOpenAssigned(emails: readonly string[], excludeProjectKey: string): Promise<JiraIssue[]> {
    return this.issues.searchOpenAssigned(emails, excludeProjectKey);
  }

  getIssuesByKeys(keys: readonly string[]): Promise<Array<JiraIssue | null>> {
    return this.issues.getByKeys(keys);
  }

  countIssues(jql: JqlQuery): Promise<number> {
    return this.issues.count(jql);
  }

  getUsers(accountIds: readonly string[]): Promise<Array<JiraUser | null>> {
    return this.users.getMany(accountIds);
  }

  putProfile(projectKey: string, profile: PmoProfile): Promise<void> {
    return this.projects.putProfile(projectKey, profile);
  }

  putHealthOverride(projectKey: string, override: HealthOverride | null): Promise<void> {
    return this.projects.putHealthOverride(projectKey, override);
  }

  createStatusReport(store: StatusReportStore, report: StatusReportBody): Promise<JiraStatusReport> {
    return this.statusReports.create(store, report);
  }

  getStatusReports(store: StatusReportStore, projectKeys: readonly string[]): Promise<JiraStatusReport[]> {
    return this.statusReports.list(store, projectKeys);
  }

  createProposal(store: IntakeStore, body: ProposalBody, workflow: ProposalWorkflow): Promise<JiraProposal> {
    return this.proposals.create(store, body, workflow);
  }

  listProposals(store: IntakeStore): Promise<JiraProposal[]> {
    return this.proposals.list(store);
  }

  getProposal(store: IntakeStore, key: string): Promise<{ proposal: JiraProposal; scorecards: Scorecard[] } | null> {
    return this.proposals.get(store, key);
  }

  putProposalBody(key: string, body: ProposalBody): Promise<void> {
    return this.proposals.putBody(key, body);
  }

  putProposalWorkflow(key: string, workflow: ProposalWorkflow): Promise<void> {
    return this.proposals.putWorkflow(key, workflow);
  }

  putScorecard(key: string, card: Scorecard): Promise<void> {
    return this.proposals.putScorecard(key, card);
  }
}
