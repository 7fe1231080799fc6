/**
 * Wire shapes of the Jira Cloud REST v3 and Data Center REST v2 payloads the connector reads (the parts it
 * uses). Optional where a real site may leave a property out; never exported beyond connectors/jira.
 */

export interface RawUser {
  /** Cloud's only user id; Data Center has none. */
  accountId?: string;
  /** Data Center: the user key (stable across renames) and the username. Cloud sends them as "". */
  key?: string;
  name?: string;
  accountType?: string;
  displayName?: string;
  /** Omitted (or null) when the user's privacy settings hide it. */
  emailAddress?: string | null;
  active?: boolean;
  self?: string;
}

/** PageBean: Jira may cap maxResults below the request, and `isLast` is not always present. */
export interface RawPage<T> {
  self?: string;
  nextPage?: string;
  maxResults: number;
  startAt: number;
  total: number;
  isLast?: boolean;
  values: T[];
}

export interface RawProject {
  id: string;
  key: string;
  name: string;
  description?: string;
  lead?: RawUser;
  projectCategory?: { id: string; name: string; description?: string };
  /** Only the keys asked for with `properties=` that exist on the project. */
  properties?: Record<string, unknown>;
}

export interface RawVersion {
  id: string;
  projectId?: number;
  name: string;
  description?: string;
  archived?: boolean;
  released?: boolean;
  startDate?: string;
  /** `yyyy-MM-dd` per the schema; the spec's own example has epoch milliseconds. */
  releaseDate?: string | number;
  overdue?: boolean;
  /** `expand=issuesstatus` (VersionIssuesStatus). */
  issuesStatusForFixVersion?: { toDo?: number; inProgress?: number; done?: number; unmapped?: number };
}

export interface RawStatus {
  id?: string;
  name: string;
  statusCategory?: { id?: number; key?: string; name?: string };
}

export interface RawIssueType {
  id?: string;
  name: string;
  subtask?: boolean;
  hierarchyLevel?: number;
}

export interface RawLinkedIssue {
  id: string;
  key: string;
  fields?: { status?: RawStatus };
}

export interface RawIssueLink {
  type?: { name?: string; inward?: string; outward?: string };
  inwardIssue?: RawLinkedIssue;
  outwardIssue?: RawLinkedIssue;
}

export interface RawIssueFields {
  summary?: string;
  issuetype?: RawIssueType;
  status?: RawStatus;
  priority?: { id?: string; name: string } | null;
  assignee?: RawUser | null;
  reporter?: RawUser | null;
  duedate?: string | null;
  created?: string;
  updated?: string;
  resolutiondate?: string | null;
  labels?: string[];
  parent?: RawLinkedIssue;
  fixVersions?: Array<{ id: string; name?: string; released?: boolean; releaseDate?: string }>;
  issuelinks?: RawIssueLink[];
  project?: { id: string; key: string; name?: string };
  /** Custom fields such as story points, whose ids differ per site. */
  [customField: string]: unknown;
}

export interface RawIssue {
  id: string;
  key: string;
  self?: string;
  fields?: RawIssueFields;
  /** Only the issue properties asked for with `properties=` that exist on the issue. */
  properties?: Record<string, unknown>;
}

/** `POST /rest/api/3/issue` → CreatedIssue. */
export interface RawCreatedIssue {
  id: string;
  key: string;
  self?: string;
}

/** `/search/jql`: no total; `nextPageToken` is absent on the last page. */
export interface RawSearchResults {
  issues: RawIssue[];
  nextPageToken?: string | null;
  isLast?: boolean;
}

/** Data Center `/rest/api/2/search` (and Cloud's removed `/search`): startAt paging with a total. */
export interface RawLegacySearchResults {
  startAt?: number;
  maxResults?: number;
  total?: number;
  issues: RawIssue[];
  warningMessages?: string[];
}

export interface RawField {
  id: string;
  name: string;
  custom?: boolean;
  schema?: { type: string; custom?: string; customId?: number };
}

/** Jira's error envelope. */
export interface RawErrors {
  errorMessages?: string[];
  errors?: Record<string, string>;
  status?: number;
}
