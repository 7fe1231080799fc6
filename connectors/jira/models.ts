import type { HealthOverride } from './health-override';
/** Domain objects the Jira connector returns. Raw Jira JSON never leaves connectors/jira. */

export type StatusCategory = 'new' | 'indeterminate' | 'done' | 'undefined';

export type Phase = 'INITIATING' | 'PLANNING' | 'EXECUTING' | 'CLOSING' | 'CLOSED';

export interface JiraUser {
  /** Cloud: the account id. Data Center: the user key (it has no account ids). */
  accountId: string;
  displayName: string;
  /** Lower-cased; null when the user's privacy settings hide it (Jira then omits `emailAddress`). */
  email: string | null;
  active: boolean;
}

export interface PmoTeamMember {
  /** Lower-cased work email: the join key to Person. */
  email: string;
  role: string;
  /** Percentage of the person's time planned for this project, when the PMO recorded it. */
  allocation: number | null;
}

/**
 * PMO metadata that Jira has no native field for, kept as the project property `pmo.profile` so it lives
 * beside the project and reads for a whole page of projects in one `/project/search?properties=` call.
 */
export interface PmoProfile {
  phase: Phase | null;
  priority: number | null;
  sponsorEmail: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  team: PmoTeamMember[];
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  description: string | null;
  /** Browse URL in the Jira UI. */
  url: string;
  category: string | null;
  lead: JiraUser | null;
  profile: PmoProfile | null;
  /** The PM's health override (`pmo.healthOverride`), expired or not; null when none is stored. */
  healthOverride: HealthOverride | null;
}

export interface JiraVersion {
  id: string;
  projectId: string | null;
  name: string;
  description: string | null;
  startDate: string | null;
  releaseDate: string | null;
  released: boolean;
  archived: boolean;
  overdue: boolean;
  /** Issue counts by status category (`expand=issuesstatus`); null when Jira did not send them. */
  issues: VersionIssueCounts | null;
}

export interface VersionIssueCounts {
  toDo: number;
  inProgress: number;
  done: number;
  /** Statuses outside the three categories. */
  unmapped: number;
}

export interface JiraIssue {
  id: string;
  key: string;
  projectKey: string;
  summary: string;
  type: string;
  /** Epic 1, standard 0, sub-task −1. */
  hierarchyLevel: number;
  status: string;
  statusCategory: StatusCategory;
  priority: string | null;
  assignee: JiraUser | null;
  reporter: JiraUser | null;
  /** yyyy-MM-dd */
  dueDate: string | null;
  /** ISO 8601 instants (normalised to `Z`). */
  created: string;
  updated: string;
  resolved: string | null;
  labels: string[];
  storyPoints: number | null;
  parentKey: string | null;
  fixVersionIds: string[];
  /** The fix versions as the issue carries them (enough to tell a late milestone without reading versions). */
  fixVersions: Array<{ id: string; name: string; released: boolean; releaseDate: string | null }>;
  /** Keys of issues linked as "is blocked by". */
  blockedBy: string[];
  /** The subset of `blockedBy` whose status category is not done (read from the link's own status). */
  unresolvedBlockers: string[];
  url: string;
}

export interface Page<T> {
  values: T[];
  startAt: number;
  maxResults: number;
  total: number;
  isLast: boolean;
}

export interface IssueSearchPage {
  issues: JiraIssue[];
  /** Absent on the last page. */
  nextPageToken: string | null;
  isLast: boolean;
}

export type Rag = 'GREEN' | 'AMBER' | 'RED';

/** The structured body of a status report, as stored in the report issue's property. */
export interface StatusReportBody {
  projectKey: string;
  /** yyyy-MM-dd */
  statusDate: string;
  authorEmail: string | null;
  overall: Rag;
  schedule: Rag | null;
  cost: Rag | null;
  scope: Rag | null;
  resources: Rag | null;
  summary: string;
  accomplishments: string | null;
  nextSteps: string | null;
  keyIssues: string | null;
  risks: string | null;
}

/** A status report: one issue in the PMO reports project, its body in an issue property. */
export interface JiraStatusReport extends StatusReportBody {
  /** The report issue's key, e.g. PMO-42. */
  id: string;
  /** When Jira created the report issue (ISO 8601); orders reports filed on the same statusDate. */
  created: string;
  url: string;
}

/** Where status reports live: one issue per report in this project, tagged with a per-project label. */
export interface StatusReportStore {
  projectKey: string;
  issueType: string;
}
