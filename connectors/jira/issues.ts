import type { HttpClient } from '../http/client';
import { InvalidInputError } from '../http/invalid-input';
import { mapOnce } from '../http/memo';
import { badRequest, unknownReferences, type UnknownReferences } from './errors';
import type { FieldsApi } from './fields';
import { jql } from './jql';
import { mapIssue } from './map';
import type { IssueSearchPage, JiraIssue } from './models';
import type { IssueSearch } from './search';

/** Jira returns at most 100 issues a page once fields other than id/key are requested. */
const MAX_PAGE = 100;
/** Keys per `key in (...)` query, and a JQL length that keeps the GET URL well under proxies' 8 KB limits. */
const KEYS_PER_QUERY = 100;
const MAX_JQL_LENGTH = 4000;
const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

/** Every field the mapping reads; the enhanced search returns only `id` unless told otherwise. */
const FIELDS = [
  'summary', 'issuetype', 'status', 'priority', 'assignee', 'reporter', 'duedate', 'created', 'updated',
  'resolutiondate', 'labels', 'parent', 'fixVersions', 'issuelinks', 'project',
];

const EMPTY_PAGE: IssueSearchPage = { issues: [], nextPageToken: null, isLast: true };

/** A page, or the unknown projects / issues a rejected JQL named. */
type Outcome = { kind: 'page'; page: IssueSearchPage } | { kind: 'unknown'; references: UnknownReferences };

/** Issue search (Cloud `/search/jql` or Data Center `/search`, see search.ts), lookups by key and counts. */
export class IssuesApi {
  constructor(
    private readonly http: HttpClient,
    private readonly searcher: IssueSearch,
    private readonly fields: FieldsApi,
  ) {}

  /**
   * One page. A JQL that names a project or issue Jira does not know is answered with an empty page: Jira
   * rejects such a query (400) where the caller asked a question whose answer is "none".
   */
  async search(options: { jql: string; maxResults?: number; nextPageToken?: string | null }): Promise<IssueSearchPage> {
    const maxResults = Math.min(MAX_PAGE, Math.max(1, Math.floor(options.maxResults ?? 50)));
    const outcome = await this.fetchPage(options.jql, maxResults, options.nextPageToken ?? undefined);
    return outcome.kind === 'page' ? outcome.page : EMPTY_PAGE;
  }

  /** Aligned with `keys`; null for malformed keys and for issues Jira does not have (or does not show). */
  async getByKeys(keys: readonly string[]): Promise<Array<JiraIssue | null>> {
    const wanted = [...new Set(keys.map((k) => k.trim().toUpperCase()).filter((k) => ISSUE_KEY.test(k)))];
    const found = new Map<string, JiraIssue>();
    await Promise.all(
      chunkKeys(wanted).map(async (chunk) => {
        for (const issue of await this.byKeys(chunk)) found.set(issue.key.toUpperCase(), issue);
      }),
    );
    return keys.map((k) => found.get(k.trim().toUpperCase()) ?? null);
  }

  /**
   * The keys of every match, following nextPageToken to the end. Asking for `key` alone lets Jira return up
   * to 5000 issues a page (Data Center 1000), so counting a whole page of projects' issues by category costs one request per
   * category instead of one per 100 issues.
   */
  async searchKeys(query: string): Promise<string[]> {
    requireRestriction(query);
    const keys: string[] = [];
    let cursor: string | null = null;
    do {
      const outcome = await this.searcher.page({ jql: query, fields: 'key', maxResults: this.searcher.maxKeyPage, cursor, readsAll: true });
      if (outcome.status === 400) {
        if (unknownReferences(outcome.response.data)) return [];
        throw badRequest(this.http.name, this.searcher.method, this.searcher.path, outcome.response);
      }
      for (const issue of outcome.issues) if (typeof issue.key === 'string') keys.push(issue.key);
      cursor = outcome.next;
    } while (cursor);
    return keys;
  }

  /**
   * Every unresolved issue assigned to one of these people (by email), outside `excludeProjectKey`. Jira
   * rejects the whole query when one email names no Jira user, so such emails are dropped and it runs again.
   */
  async searchOpenAssigned(emails: readonly string[], excludeProjectKey: string): Promise<JiraIssue[]> {
    const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    return this.readDroppingUnknown(
      unique,
      (remaining) =>
        jql()
          .in('assignee', remaining)
          .where('statusCategory', '!=', '3')
          .where('project', '!=', excludeProjectKey)
          .orderBy('key', 'ASC')
          .toString(),
      (references) => references.users.map((u) => u.toLowerCase()),
    );
  }

  /** The number of matches (approximate on Cloud); 0 when the JQL names a project or issue Jira does not know. */
  async count(query: string): Promise<number> {
    requireRestriction(query);
    const outcome = await this.searcher.count(query);
    if (outcome.status === 400) {
      if (unknownReferences(outcome.response.data)) return 0;
      throw badRequest(this.http.name, outcome.method, outcome.path, outcome.response);
    }
    return outcome.count;
  }

  /** Every page of one `key in (...)` query; keys Jira reports as unknown are dropped and the query re-run. */
  private byKeys(chunk: readonly string[]): Promise<JiraIssue[]> {
    return this.readDroppingUnknown(
      chunk,
      (remaining) => jql().in('key', remaining).toString(),
      (references) => references.issueKeys.map((k) => k.toUpperCase()),
    );
  }

  /**
   * Every page of the query built from `values`. Jira rejects a whole query when one value names nothing it knows
   * (an unknown issue key, an email of no Jira user), so the values it names are dropped and the query runs again.
   */
  private async readDroppingUnknown(
    values: readonly string[],
    queryFor: (values: readonly string[]) => string,
    unknownOf: (references: UnknownReferences) => string[],
  ): Promise<JiraIssue[]> {
    let remaining = [...values];
    while (remaining.length) {
      const query = queryFor(remaining);
      const issues: JiraIssue[] = [];
      let unknown: Set<string> | null = null;
      let token: string | undefined;
      do {
        const outcome = await this.fetchPage(query, MAX_PAGE, token, true);
        if (outcome.kind === 'unknown') {
          unknown = new Set(unknownOf(outcome.references));
          break;
        }
        issues.push(...outcome.page.issues);
        token = outcome.page.nextPageToken ?? undefined;
      } while (token);
      if (!unknown) return issues;
      const known = remaining.filter((v) => !unknown.has(v));
      // Every error named an unknown reference but none of ours: nothing here exists for this account.
      if (known.length === remaining.length) return [];
      remaining = known;
    }
    return [];
  }

  private async fetchPage(query: string, maxResults: number, cursor: string | undefined, readsAll = false): Promise<Outcome> {
    requireRestriction(query);
    const storyPoints = await this.fields.storyPointsField();
    const fields = [...FIELDS, ...(storyPoints ? [storyPoints] : [])].join(',');
    const outcome = await this.searcher.page({ jql: query, fields, maxResults, cursor, readsAll });
    if (outcome.status === 400) {
      const references = unknownReferences(outcome.response.data);
      if (!references) throw badRequest(this.http.name, this.searcher.method, this.searcher.path, outcome.response);
      return { kind: 'unknown', references };
    }
    return {
      kind: 'page',
      page: {
        // Mapped once per cached answer: a warm search costs no mapping.
        issues: mapOnce(outcome.issues, `issues ${storyPoints ?? ''}`, () => outcome.issues.map((issue) => mapIssue(issue, this.http.baseUrl, storyPoints))),
        nextPageToken: outcome.next,
        isLast: outcome.next === null,
      },
    };
  }
}

/** Jira refuses unbounded JQL; an empty one is the caller's mistake, not an upstream failure. */
function requireRestriction(query: string): void {
  if (query.trim() === '') throw new InvalidInputError('An issue search needs a JQL restriction', 'jql');
}

/** Splits keys into `key in (...)` groups of at most KEYS_PER_QUERY keys and MAX_JQL_LENGTH characters. */
function chunkKeys(keys: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const key of keys) {
    const cost = key.length + 4; // quotes, comma, space
    if (current.length && (current.length >= KEYS_PER_QUERY || length + cost > MAX_JQL_LENGTH)) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(key);
    length += cost;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
