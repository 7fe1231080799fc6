import type { GraphQLResolveInfo } from 'graphql';
import { jql, type Jql } from '../../../connectors/jira/jql';
import type { JiraIssue } from '../../../connectors/jira/models';
import { badUserInput } from '../../common/errors';
import { decodeCursor, encodeCursor, pageSize, selects, type ConnectionShape } from '../../common/pagination';
import { personKey } from '../../common/person-ref';
import type { ProjectsContext } from '../context';
import type { IssueFilter } from './issue.args';
import { StatusCategory } from './issue.enums';
import { Issue, toIssue } from './issue.type';

/** Jira's status category ids (names are localised; ids are not). */
const CATEGORY_ID: Record<StatusCategory, string> = {
  [StatusCategory.TO_DO]: '2',
  [StatusCategory.IN_PROGRESS]: '4',
  [StatusCategory.DONE]: '3',
  [StatusCategory.UNDEFINED]: '1',
};
const MAX_VALUES = 50;
const MAX_TEXT = 500;
const JIRA_PAGE = 100;

const isoDay = (value: Date | string): string => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);

/**
 * `yyyy-MM-dd HH:mm` in UTC, rounded down to the minute (JQL's precision). Both bounds round down, so
 * consecutive windows [a, b), [b, c) still tile: each update falls in exactly one of them.
 */
function jqlMinute(value: Date | string, argument: 'updatedSince' | 'updatedBefore'): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw badUserInput(`"${argument}" is not a valid instant`, argument);
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

function list(name: string, values: readonly string[] | null | undefined): string[] {
  const cleaned = [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];
  if (cleaned.length > MAX_VALUES) throw badUserInput(`At most ${MAX_VALUES} values in filter.${name}`, `filter.${name}`);
  return cleaned;
}

/**
 * The JQL restriction for an issue list. Every user value goes through the builder, which quotes and escapes it
 * (and refuses control characters), so no filter value can add a clause or an ORDER BY.
 */
export function issueRestriction(
  scope: { projectKey: string } | { excludeProjectKeys: readonly string[] },
  filter: IssueFilter | null | undefined,
  updatedSince: Date | string | null | undefined,
  updatedBefore?: Date | string | null,
): Jql {
  const query = 'projectKey' in scope ? jql().where('project', '=', scope.projectKey) : jql().notIn('project', scope.excludeProjectKeys);
  const categories = filter?.statusCategory ?? [];
  if (categories.length) query.in('statusCategory', [...new Set(categories.map((c) => CATEGORY_ID[c]))]);
  const types = list('type', filter?.type);
  if (types.length) query.in('issuetype', types);
  const priorities = list('priority', filter?.priority);
  if (priorities.length) query.in('priority', priorities);
  const labels = list('labels', filter?.labels);
  if (labels.length) query.in('labels', labels);
  if (filter?.assigneeEmail) {
    const email = personKey(filter.assigneeEmail)!;
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw badUserInput(`Not an email address: ${JSON.stringify(filter.assigneeEmail)}`, 'filter.assigneeEmail');
    query.where('assignee', '=', email);
  }
  if (filter?.dueBefore) query.where('duedate', '<', isoDay(filter.dueBefore));
  const search = filter?.search?.trim();
  if (search) {
    if (search.length > MAX_TEXT) throw badUserInput(`filter.search is at most ${MAX_TEXT} characters`, 'filter.search');
    query.where('text', '~', search);
  }
  if (updatedSince) query.where('updated', '>=', jqlMinute(updatedSince, 'updatedSince'));
  if (updatedBefore) query.where('updated', '<', jqlMinute(updatedBefore, 'updatedBefore'));
  return query;
}

/** Where a cross-project list resumes: Jira's page token (null = the start) and how many of that page to skip. */
interface TokenPosition {
  t: string | null;
  s: number;
}

const encodeToken = (p: TokenPosition) => Buffer.from(`j:${JSON.stringify(p)}`, 'utf8').toString('base64url');

function decodeToken(cursor: string): TokenPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  try {
    const parsed = JSON.parse(text.slice(2)) as TokenPosition;
    if (text.startsWith('j:') && (parsed.t === null || typeof parsed.t === 'string') && Number.isInteger(parsed.s) && parsed.s >= 0) return parsed;
  } catch {
    // not one of ours
  }
  throw badUserInput(`"after" is not a cursor this list issued: ${JSON.stringify(cursor)}`, 'after');
}

/**
 * One page of issues as a Relay connection, in key order, with totalCount from `/search/approximate-count`
 * only when the client selected it.
 *
 * Within one project the cursors are keys (`key > "ABC-41"`), stable for ever. Across projects JQL has no key
 * range (issue keys only compare within a project), so cursors carry Jira's nextPageToken plus an offset into
 * that page; Jira expires its tokens after 7 days, so cross-project cursors do too.
 */
export async function issueConnection(
  ctx: ProjectsContext,
  restriction: Jql,
  projectScoped: boolean,
  args: { first?: number | null; after?: string | null },
  info: GraphQLResolveInfo,
): Promise<ConnectionShape<Issue>> {
  const size = pageSize(args.first);
  const total = selects(info, 'totalCount') ? ctx.jira.countIssues(restriction) : Promise.resolve(-1);
  // The count runs beside the page; when the page fails first nobody awaits it, and an unobserved rejection
  // would take the process down. Its failure still surfaces through `await total` below.
  total.catch(() => undefined);
  let rows: Array<{ issue: JiraIssue; cursor: string }>;
  let hasMore: boolean;
  if (projectScoped) {
    const page = jql().anyOf([restriction]);
    if (args.after) page.where('key', '>', decodeCursor(args.after, 'k'));
    ({ rows, hasMore } = await readByKey(ctx, page.orderBy('key', 'ASC'), size));
  } else {
    const start = args.after ? decodeToken(args.after) : { t: null, s: 0 };
    ({ rows, hasMore } = await readByToken(ctx, jql().anyOf([restriction]).orderBy('key', 'ASC'), start, size));
  }
  for (const { issue } of rows) ctx.loaders.issueByKey.prime(issue.key, issue);
  const edges = rows.map(({ issue, cursor }) => ({ cursor, node: toIssue(issue) }));
  return {
    edges,
    totalCount: await total,
    pageInfo: {
      hasNextPage: hasMore,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Follows nextPageToken until `size` issues are read, never asking for more than it returns. */
async function readByKey(ctx: ProjectsContext, query: Jql, size: number) {
  const rows: Array<{ issue: JiraIssue; cursor: string }> = [];
  let token: string | null = null;
  let hasMore = false;
  while (rows.length < size) {
    const page = await ctx.jira.searchIssues({ jql: query, maxResults: Math.min(JIRA_PAGE, size - rows.length), nextPageToken: token });
    rows.push(...page.issues.map((issue) => ({ issue, cursor: encodeCursor('k', issue.key) })));
    token = page.nextPageToken;
    hasMore = !page.isLast && token !== null;
    if (!hasMore) break;
  }
  return { rows: rows.slice(0, size), hasMore: hasMore || rows.length > size };
}

async function readByToken(ctx: ProjectsContext, query: Jql, start: TokenPosition, size: number) {
  const rows: Array<{ issue: JiraIssue; cursor: string }> = [];
  let position = start;
  let hasMore = false;
  while (rows.length < size) {
    const want = position.s + size - rows.length;
    const page = await ctx.jira.searchIssues({ jql: query, maxResults: Math.min(JIRA_PAGE, want), nextPageToken: position.t });
    const from = Math.min(position.s, page.issues.length);
    page.issues.slice(from).forEach((issue, i) => {
      const next = page.nextPageToken && from + i + 1 === page.issues.length ? { t: page.nextPageToken, s: 0 } : { t: position.t, s: from + i + 1 };
      rows.push({ issue, cursor: encodeToken(next) });
    });
    hasMore = !page.isLast && page.nextPageToken !== null;
    if (!hasMore) break;
    if (position.s > page.issues.length) position = { t: page.nextPageToken, s: position.s - page.issues.length };
    else position = { t: page.nextPageToken, s: 0 };
  }
  return { rows: rows.slice(0, size), hasMore: hasMore || rows.length > size };
}
