import { UpstreamError } from '../http/errors';
import type { HttpResponse } from '../http/client';
import type { RawErrors } from './raw';

/**
 * Reads Jira's envelope `{errorMessages:[...], errors:{field: message}}` into one line for UpstreamError
 * messages. Bodies that are not the envelope (Data Center's HTML 429 page, a proxy's error page) leave the
 * HttpClient's "HTTP <status>".
 */
export function describeJiraError(_status: number, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { errorMessages, errors } = body as RawErrors;
  const parts = [
    ...(Array.isArray(errorMessages) ? errorMessages.filter((m) => typeof m === 'string') : []),
    ...Object.entries(errors && typeof errors === 'object' ? errors : {}).map(([field, message]) => `${field}: ${String(message)}`),
  ];
  return parts.length ? parts.join('; ') : undefined;
}

/** The project keys and issue keys a rejected JQL named that Jira does not know (or the caller cannot see). */
export interface UnknownReferences {
  projects: string[];
  issueKeys: string[];
  /** Values of user clauses (assignee, reporter) that name no Jira user: an email Jira does not know. */
  users: string[];
}

const UNKNOWN_PROJECT = /^The value '(.*)' does not exist for the field 'project'\.?$/s;
const UNKNOWN_USER = /^The value '(.*)' does not exist for the field '(?:assignee|reporter)'\.?$/s;
const UNKNOWN_ISSUE = /^An issue with key '(.*)' does not exist for field '(?:key|issuekey|issue|id|parent)'\.?$/s;
const INVALID_ISSUE_KEY = /^The issue key '(.*)' for field '\w+' is invalid\.?$/s;

/**
 * Jira answers 400, not an empty result, when JQL names a project or issue it does not know, and does not
 * let a caller tell "missing" from "not visible". For lookups by key that means "no such rows", so the
 * connector reads such a 400 as no match; for a project that a `!=` / `not in` clause names it means "nothing
 * to leave out", so the connector runs the query again without it (issues.ts). Returns null when any error is
 * of another kind (bad syntax, an unknown status): those stay errors.
 */
export function unknownReferences(body: unknown): UnknownReferences | null {
  if (typeof body !== 'object' || body === null) return null;
  const { errorMessages, errors } = body as RawErrors;
  if (!Array.isArray(errorMessages) || errorMessages.length === 0) return null;
  if (errors && typeof errors === 'object' && Object.keys(errors).length > 0) return null;
  const found: UnknownReferences = { projects: [], issueKeys: [], users: [] };
  for (const message of errorMessages) {
    const project = typeof message === 'string' ? UNKNOWN_PROJECT.exec(message) : null;
    const issue = typeof message === 'string' ? UNKNOWN_ISSUE.exec(message) ?? INVALID_ISSUE_KEY.exec(message) : null;
    const user = typeof message === 'string' ? UNKNOWN_USER.exec(message) : null;
    if (project) found.projects.push(project[1]);
    else if (issue) found.issueKeys.push(issue[1]);
    else if (user) found.users.push(user[1]);
    else return null;
  }
  return found;
}

/** The UpstreamError a 400 the connector accepted (to inspect it) becomes when it is a real error after all. */
export function badRequest(upstream: string, method: string, path: string, response: HttpResponse<unknown>): UpstreamError {
  const detail = describeJiraError(response.status, response.data) ?? `HTTP ${response.status}`;
  return new UpstreamError(upstream, 'badRequest', `${upstream} ${method} ${path}: ${detail}`, {
    status: response.status,
    requestId: response.headers['x-arequestid'],
  });
}
