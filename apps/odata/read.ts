import type { GraphClient, GraphResult } from '../common/graph-client';
import { ODataError, type ViewQuery } from './query';
import type { Row, Table } from './tables';

/**
 * Reads a table's rows through the graph, page by page, and cuts the window a request asks for.
 * Without `$orderby` the rows stream in the graph's own stable order and a page ends on a graph cursor, so
 * the skiptoken is that cursor (no page is fetched twice); with `$orderby` every matching row is read,
 * sorted (ties broken by Id) and the skiptoken is an offset into that order.
 */

/** The graph's page size cap: the fewest round trips per table. */
const GRAPH_PAGE = 200;

type From = { headers: Record<string, string | string[] | undefined> };

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: Record<string, unknown> }>;
}

export interface ReadResult {
  rows: Row[];
  /** Rows matching the filter across all pages, when asked for. */
  count?: number;
  /** The skiptoken of the next page; undefined on the last. */
  next?: string;
}

interface StreamToken {
  /** The options the token was issued for. */
  f: string;
  /** Graph cursor of the last edge already served. */
  a?: string;
  /** Offset into the sorted rows. */
  o?: number;
  /** Rows of $skip still to pass over. */
  s?: number;
  /** Rows already served (against $top). */
  t?: number;
}

async function graphPage(graph: GraphClient, table: Table, query: ViewQuery, from: From, first: number, after?: string): Promise<Connection> {
  let result: GraphResult<Record<string, Connection | null>>;
  try {
    result = await graph.execute<Record<string, Connection | null>>(table.operation, { first, after, ...query.pushdown }, from);
  } catch (error) {
    console.error('odata view: the graph did not answer', table.operation, error);
    throw new ODataError(502, 'UpstreamUnavailable', 'The graph did not answer; the gateway log has the detail.');
  }
  const connection = result.data?.[table.root];
  if (connection) return connection;
  const error = result.errors?.[0];
  const code = String(error?.extensions?.code ?? '');
  if (result.status === 401 || code === 'UNAUTHENTICATED') throw new ODataError(401, 'Unauthorized', error?.message ?? 'Authentication required.');
  if (result.status === 403 || code === 'FORBIDDEN') throw new ODataError(403, 'Forbidden', error?.message ?? 'Not allowed.');
  if (result.status === 429) throw new ODataError(429, 'TooManyRequests', error?.message ?? 'Rate limited; retry later.');
  if (code === 'BAD_USER_INPUT') throw new ODataError(400, 'BadRequest', error?.message ?? 'Bad request.');
  throw new ODataError(502, code || 'UpstreamError', error?.message ?? 'The graph did not answer.');
}

function decodeToken(token: string | undefined, query: ViewQuery): StreamToken | undefined {
  if (token === undefined) return undefined;
  let parsed: StreamToken;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as StreamToken;
  } catch {
    throw new ODataError(400, 'BadRequest', '$skiptoken is not one these views issued.');
  }
  if (parsed?.f !== query.fingerprint) throw new ODataError(400, 'BadRequest', '$skiptoken belongs to a request with other $filter, $orderby, $top or $skip.');
  return parsed;
}

const encodeToken = (token: StreamToken) => Buffer.from(JSON.stringify(token)).toString('base64url');

/** Rows of the table in the window of `query`; `pageSize` rows at most (Infinity for CSV). */
export async function readRows(graph: GraphClient, table: Table, query: ViewQuery, from: From, pageSize: number): Promise<ReadResult> {
  const token = decodeToken(query.skiptoken, query);
  const count = query.count ? await countRows(graph, table, query, from) : undefined;
  if (query.orderby.length) return { ...(await sorted(graph, table, query, from, pageSize, token?.o ?? 0)), count };
  return { ...(await streamed(graph, table, query, from, pageSize, token)), count };
}

async function streamed(graph: GraphClient, table: Table, query: ViewQuery, from: From, pageSize: number, token?: StreamToken): Promise<ReadResult> {
  const rows: Row[] = [];
  let skip = token?.s ?? query.skip;
  let taken = token?.t ?? 0;
  let after = token?.a;
  const wanted = () => (query.top === undefined ? Infinity : query.top - taken);
  for (;;) {
    if (wanted() <= 0) return { rows };
    const page = await graphPage(graph, table, query, from, GRAPH_PAGE, after);
    for (let i = 0; i < page.edges.length; i++) {
      const edge = page.edges[i]!;
      for (const row of table.rows(edge.node)) {
        if (query.filter && !query.filter(row)) continue;
        if (skip > 0) {
          skip--;
          continue;
        }
        if (wanted() <= 0) return { rows };
        rows.push(row);
        taken++;
      }
      after = edge.cursor;
      const more = i < page.edges.length - 1 || page.pageInfo.hasNextPage;
      if (rows.length >= pageSize && more && wanted() > 0) return { rows, next: encodeToken({ f: query.fingerprint, a: after, s: skip, t: taken }) };
    }
    if (!page.pageInfo.hasNextPage || !page.edges.length) return { rows };
    after = page.pageInfo.endCursor ?? after;
  }
}

async function allRows(graph: GraphClient, table: Table, query: ViewQuery, from: From): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await graphPage(graph, table, query, from, GRAPH_PAGE, after);
    for (const edge of page.edges) for (const row of table.rows(edge.node)) if (!query.filter || query.filter(row)) rows.push(row);
    if (!page.pageInfo.hasNextPage || !page.edges.length || !page.pageInfo.endCursor) return rows;
    after = page.pageInfo.endCursor;
  }
}

async function sorted(graph: GraphClient, table: Table, query: ViewQuery, from: From, pageSize: number, offset: number): Promise<ReadResult> {
  const rows = await allRows(graph, table, query, from);
  const order = [...query.orderby, { column: 'Id', direction: 1 as const }];
  rows.sort((a, b) => {
    for (const { column, direction } of order) {
      const x = a[column] ?? null;
      const y = b[column] ?? null;
      if (x === y) continue;
      // Nulls sort first ascending, as OData specifies.
      if (x === null) return -direction;
      if (y === null) return direction;
      return (x < y ? -1 : 1) * direction;
    }
    return 0;
  });
  const window = rows.slice(query.skip, query.top === undefined ? undefined : query.skip + query.top);
  const end = offset + pageSize;
  return { rows: window.slice(offset, end), next: end < window.length ? encodeToken({ f: query.fingerprint, o: end }) : undefined };
}

/**
 * Rows matching the filter. Without a filter and with one row per graph node it is the connection's
 * totalCount (one small request); otherwise every matching row is read.
 */
export async function countRows(graph: GraphClient, table: Table, query: ViewQuery, from: From): Promise<number> {
  if (!query.filter && !table.fansOut) return (await graphPage(graph, table, query, from, 1)).totalCount;
  return (await allRows(graph, table, query, from)).length;
}
