import type { HttpClient, HttpResponse } from '../http/client';
import { UpstreamError } from '../http/errors';
import { InvalidInputError } from '../http/invalid-input';
import type { JiraDeployment } from './deployment';
import type { RawIssue, RawLegacySearchResults, RawSearchResults } from './raw';

/**
 * The one place that knows how each deployment pages an issue search. Callers hand over a cursor they got
 * back (opaque to them) and receive the next one, or null on the last page:
 * - Cloud: `GET /rest/api/3/search/jql`, the cursor is Jira's nextPageToken; totals from
 *   `POST /search/approximate-count`.
 * - Data Center: `GET /rest/api/2/search`, the cursor is the next startAt; totals are the response's `total`
 *   (asked with `maxResults=0`). Its search platform refuses to read past `max_result_window` (10,000 by
 *   default), so the connector stops there with a clear error instead of sending a request Jira would fail.
 */

export interface SearchRequest {
  jql: string;
  /** Comma-separated field ids (never empty: Cloud would return ids only, Data Center every navigable field). */
  fields: string;
  maxResults: number;
  properties?: string;
  cursor?: string | null;
  /** The caller reads every page: fail before the first request's page when the matches cannot all be read. */
  readsAll?: boolean;
}

export type SearchOutcome =
  | { status: 200; issues: RawIssue[]; next: string | null }
  /** Jira rejected the JQL; the caller decides whether that means "no match". */
  | { status: 400; response: HttpResponse<unknown> };

export type CountOutcome = { status: 200; count: number } | { status: 400; response: HttpResponse<unknown>; method: string; path: string };

export interface IssueSearch {
  /** Method and path, for error messages. */
  readonly method: string;
  readonly path: string;
  /** The largest page Jira returns when only `key` is asked for. */
  readonly maxKeyPage: number;
  page(request: SearchRequest): Promise<SearchOutcome>;
  count(jql: string): Promise<CountOutcome>;
}

export function issueSearch(http: HttpClient, deployment: JiraDeployment): IssueSearch {
  return deployment === 'cloud' ? new CloudSearch(http) : new DataCenterSearch(http);
}

class CloudSearch implements IssueSearch {
  readonly method = 'GET';
  readonly path = '/rest/api/3/search/jql';
  /** With `fields=key` alone the enhanced search pages up to 5000 issues ("max 5000 issues"). */
  readonly maxKeyPage = 5000;
  private readonly countPath = '/rest/api/3/search/approximate-count';

  constructor(private readonly http: HttpClient) {}

  async page(request: SearchRequest): Promise<SearchOutcome> {
    const response = await this.http.get<RawSearchResults>(
      this.path,
      { jql: request.jql, fields: request.fields, properties: request.properties, maxResults: request.maxResults, nextPageToken: request.cursor ?? undefined },
      { acceptStatuses: [400] },
    );
    if (response.status === 400) return { status: 400, response };
    const token = response.data.nextPageToken || null;
    // `isLast` may be missing; without a token there is no next page either way.
    return { status: 200, issues: response.data.issues ?? [], next: response.data.isLast === true ? null : token };
  }

  async count(jql: string): Promise<CountOutcome> {
    const response = await this.http.post<{ count?: number }>(this.countPath, { jql }, undefined, { acceptStatuses: [400] });
    if (response.status === 400) return { status: 400, response, method: 'POST', path: this.countPath };
    return { status: 200, count: typeof response.data.count === 'number' ? response.data.count : 0 };
  }
}

/** `jira.search.platform.max.result.window`: Data Center's search platform serves at most this many results of a query. */
export const DATA_CENTER_RESULT_WINDOW = 10_000;

class DataCenterSearch implements IssueSearch {
  readonly method = 'GET';
  readonly path = '/rest/api/2/search';
  /** `jira.search.views.default.max`: Data Center caps every search page at 1000 issues. */
  readonly maxKeyPage = 1000;

  constructor(private readonly http: HttpClient) {}

  async page(request: SearchRequest): Promise<SearchOutcome> {
    const startAt = this.startAt(request.cursor);
    if (startAt >= DATA_CENTER_RESULT_WINDOW) throw this.windowError(startAt + 1);
    // The platform counts startAt + maxResults against the window, so the last page before it is shortened.
    const maxResults = Math.min(request.maxResults, DATA_CENTER_RESULT_WINDOW - startAt);
    const response = await this.http.get<RawLegacySearchResults>(
      this.path,
      { jql: request.jql, fields: request.fields, properties: request.properties, startAt, maxResults },
      { acceptStatuses: [400] },
    );
    if (response.status === 400) return { status: 400, response };
    const issues = response.data.issues ?? [];
    const total = typeof response.data.total === 'number' ? response.data.total : startAt + issues.length;
    if (request.readsAll && startAt === 0 && total > DATA_CENTER_RESULT_WINDOW) throw this.windowError(total);
    const next = (response.data.startAt ?? startAt) + issues.length;
    // An empty page ends the loop even if `total` (which may change between pages) promised more.
    return { status: 200, issues, next: issues.length > 0 && next < total ? String(next) : null };
  }

  async count(jql: string): Promise<CountOutcome> {
    const response = await this.http.get<RawLegacySearchResults>(this.path, { jql, fields: 'key', startAt: 0, maxResults: 0 }, { acceptStatuses: [400] });
    if (response.status === 400) return { status: 400, response, method: 'GET', path: this.path };
    return { status: 200, count: typeof response.data.total === 'number' ? response.data.total : 0 };
  }

  /** Data Center cursors are the next startAt as a string; anything else did not come from this connector. */
  private startAt(cursor: string | null | undefined): number {
    if (cursor === undefined || cursor === null || cursor === '') return 0;
    if (!/^\d{1,9}$/.test(cursor)) throw new InvalidInputError('Not a Jira Data Center page token', 'nextPageToken');
    return Number(cursor);
  }

  private windowError(reaching: number): UpstreamError {
    return new UpstreamError(
      this.http.name,
      'badRequest',
      `${this.http.name} GET ${this.path}: Jira Data Center reads at most ${DATA_CENTER_RESULT_WINDOW.toLocaleString('en-US')} results of one search ` +
        `(max_result_window) and this one needs ${reaching.toLocaleString('en-US')}; narrow the query`,
    );
  }
}
