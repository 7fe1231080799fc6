import type { HttpClient, HttpResponse } from '../http/client';
import { InvalidInputError } from '../http/invalid-input';
import { mapOnce } from '../http/memo';
import { badRequest, unknownReferences, type UnknownReferences } from './errors';
import type { FieldsApi } from './fields';
import { jql, type JqlQuery } from './jql';
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

/** An answer, or the unknown projects / issues / users a rejected JQL named. */
type Outcome<T> = { kind: 'answer'; value: T } | { kind: 'unknown'; references: UnknownReferences };

/** Issue search (Cloud `/search/jql` or Data Center `/search`, see search.ts), lookups by key and counts. */
export class IssuesApi {
  constructor(
    private readonly http: HttpClient,
    private readonly searcher: IssueSearch,
    private readonly fields: FieldsApi,
  ) {}

  /**
   * One page. A JQL that names a project or issue Jira does not know is answered with an empty page: Jira
   * rejects such a query (400) where the caller asked a question whose answer is "none". Projects it does not
   * know in a negative clause are left out instead (see `answer`).
   */
  async search(options: { jql: JqlQuery; maxResults?: number; nextPageToken?: string | null }): Promise<IssueSearchPage> {
    const maxResults = Math.min(MAX_PAGE, Math.max(1, Math.floor(options.maxResults ?? 50)));
    const outcome = await this.answer(options.jql, (query) => this.fetchPage(query, maxResults, options.nextPageToken ?? undefined));
    return outcome.kind === 'answer' ? outcome.value : EMPTY_PAGE;
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
  async searchKeys(query: JqlQuery): Promise<string[]> {
    const outcome = await this.answer(query, async (text): Promise<Outcome<string[]>> => {
      requireRestriction(text);
      const keys: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await this.searcher.page({ jql: text, fields: 'key', maxResults: this.searcher.maxKeyPage, cursor, readsAll: true });
        if (page.status === 400) return this.rejected(page.response, this.searcher.method, this.searcher.path);
        for (const issue of page.issues) if (typeof issue.key === 'string') keys.push(issue.key);
        cursor = page.next;
      } while (cursor);
      return { kind: 'answer', value: keys };
    });
    return outcome.kind === 'answer' ? outcome.value : [];
  }

  /**
   * Every unresolved issue assigned to one of these people (by email), outside `excludeProjectKey`. Jira
   * rejects the whole query when one email names no Jira user, so such emails are dropped and it runs again;
   * so is the excluded project when this Jira has no such project.
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
          .orderBy('key', 'ASC'),
      (references) => references.users.map((u) => u.toLowerCase()),
    );
  }

  /** The number of matches (approximate on Cloud); 0 when the JQL names a project or issue Jira does not know. */
  async count(query: JqlQuery): Promise<number> {
    const outcome = await this.answer(query, async (text): Promise<Outcome<number>> => {
      requireRestriction(text);
      const counted = await this.searcher.count(text);
      return counted.status === 400 ? this.rejected(counted.response, counted.method, counted.path) : { kind: 'answer', value: counted.count };
    });
    return outcome.kind === 'answer' ? outcome.value : 0;
  }

  /** Every page of one `key in (...)` query; keys Jira reports as unknown are dropped and the query re-run. */
  private byKeys(chunk: readonly string[]): Promise<JiraIssue[]> {
    return this.readDroppingUnknown(
      chunk,
      (remaining) => jql().in('key', remaining),
      (references) => references.issueKeys.map((k) => k.toUpperCase()),
    );
  }

  /**
   * Every page of the query built from `values`. Jira rejects a whole query when one value names nothing it knows
   * (an unknown issue key, an email of no Jira user), so the values it names are dropped and the query runs again.
   */
  private async readDroppingUnknown(
    values: readonly string[],
    queryFor: (values: readonly string[]) => JqlQuery,
    unknownOf: (references: UnknownReferences) => string[],
  ): Promise<JiraIssue[]> {
    let remaining = [...values];
    while (remaining.length) {
      const outcome = await this.answer(queryFor(remaining), (query) => this.readAll(query));
      if (outcome.kind === 'answer') return outcome.value;
      const unknown = new Set(unknownOf(outcome.references));
      const known = remaining.filter((v) => !unknown.has(v));
      // Every error named an unknown reference but none of ours: nothing here exists for this account.
      if (known.length === remaining.length) return [];
      remaining = known;
    }
    return [];
  }

  /**
   * Runs `attempt` on the query's text. When Jira rejects it for naming projects it does not know in a
   * `project != …` / `project not in (…)` clause, runs it again without them: excluding a project that does not
   * exist excludes nothing (a site without the intake project still lists everyone's work). Any other unknown
   * reference is the caller's to read; JQL text cannot be rebuilt and is answered as sent.
   */
  private async answer<T>(query: JqlQuery, attempt: (text: string) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    for (let current = query; ; ) {
      const outcome = await attempt(current.toString());
      if (outcome.kind === 'answer' || typeof current === 'string') return outcome;
      const rebuilt = current.withoutExcludedProjects(outcome.references.projects);
      if (!rebuilt) return outcome;
      current = rebuilt;
    }
  }

  /** Every page of one query. */
  private async readAll(query: string): Promise<Outcome<JiraIssue[]>> {
    const issues: JiraIssue[] = [];
    let token: string | undefined;
    do {
      const outcome = await this.fetchPage(query, MAX_PAGE, token, true);
      if (outcome.kind === 'unknown') return outcome;
      issues.push(...outcome.value.issues);
      token = outcome.value.nextPageToken ?? undefined;
    } while (token);
    return { kind: 'answer', value: issues };
  }

  /** A rejected JQL's unknown references, or the badRequest it is when it names none. */
  private rejected(response: HttpResponse<unknown>, method: string, path: string): Outcome<never> {
    const references = unknownReferences(response.data);
    if (!references) throw badRequest(this.http.name, method, path, response);
    return { kind: 'unknown', references };
  }

  private async fetchPage(query: string, maxResults: number, cursor: string | undefined, readsAll = false): Promise<Outcome<IssueSearchPage>> {
    requireRestriction(query);
    const storyPoints = await this.fields.storyPointsField();
    const fields = [...FIELDS, ...(storyPoints ? [storyPoints] : [])].join(',');
    const outcome = await this.searcher.page({ jql: query, fields, maxResults, cursor, readsAll });
    if (outcome.status === 400) return this.rejected(outcome.response, this.searcher.method, this.searcher.path);
    return {
      kind: 'answer',
      value: {
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
