import { randomUUID } from 'node:crypto';
import type { Handler, SimRequest, SimResponse, SimulatorDefinition } from '../common/server';
import { SIMULATOR_CREDENTIALS } from '../credentials';
import type { Dataset } from '../data/dataset';
import { stableId } from '../scim/resource';
import { ODataError, parseFilter, parseSearch } from './odata';
import { DEFAULT_USER_PROPERTIES, renderGraphUsers, USER_PROPERTIES, type GraphUser } from './users';

/** Where the API is served; a client's MSGRAPH_BASE_URL is the simulator's URL plus this. */
export const GRAPH_BASE_PATH = '/v1.0';
/** json-batching.md. */
export const MAX_BATCH_REQUESTS = 20;
const DEFAULT_TOP = 100;
const MAX_TOP = 999;
/** `$expand` on directory objects returns at most 100 objects (known issue 13635). */
const MAX_EXPANDED = 100;
const GRAPH_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function graphErrorResponse(status: number, code: string, message: string, headers?: Record<string, string>): SimResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'request-id': requestId, ...headers },
    body: { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': requestId } } },
  };
}

interface Group {
  id: string;
  displayName: string;
  memberIds: string[];
}

type Resource = Record<string, unknown> & { id: string };

/**
 * A read-only Microsoft Graph v1.0 over the demo data set, faithful to UPSTREAM.md C2 for what the connector
 * uses: /users (with $select, $filter, $search, $count, $top, $expand=manager, $skiptoken paging), /users/{id},
 * /users/{id}/manager, /users/{id}/directReports, /groups (one per department, $expand=members) and
 * POST /$batch (≤ 20 requests, answered in reverse order). Advanced queries need `ConsistencyLevel: eventual`
 * on every page, and refuse `$expand`.
 */
export function msGraphSimulator(dataset: Dataset, credentials: { token: string } = SIMULATOR_CREDENTIALS.msgraph): SimulatorDefinition {
  const users = renderGraphUsers(dataset);
  const byId = new Map(users.map((u) => [u.id, u]));
  const byUpn = new Map(users.map((u) => [u.userPrincipalName.toLowerCase(), u]));
  const groups = departmentGroups(users);

  const find = (key: string): GraphUser => {
    const user = byId.get(key) ?? byUpn.get(key.toLowerCase());
    if (!user) throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`);
    return user;
  };

  const userView = (user: GraphUser, select: string[] | null, expand: Expand | null): Resource => {
    const out = pick(user as unknown as Resource, select ?? DEFAULT_USER_PROPERTIES);
    if (expand) {
      const manager = user.managerId ? byId.get(user.managerId) : undefined;
      // An expanded navigation property with no target is left out, as Graph does.
      if (manager) out.manager = { '@odata.type': '#microsoft.graph.user', ...pick(manager as unknown as Resource, expand.select ?? [...USER_PROPERTIES]) };
    }
    return out;
  };

  const ok = (body: unknown): SimResponse => ({ status: 200, body, contentType: GRAPH_CONTENT_TYPE });

  /** The shared list logic: filter, search, count, $top and a skip token that is just the offset. */
  const list = <T>(req: SimRequest, all: readonly T[], view: (item: T) => Resource, path: string, expandable: string, properties: ReadonlySet<string>): SimResponse => {
    const q = req.query;
    if (q.has('$skip')) throw new GraphError(400, 'Request_BadRequest', "'$skip' is not supported by the service.");
    const consistency = String(req.headers.consistencylevel ?? '').toLowerCase() === 'eventual';
    const count = q.get('$count');
    if (count !== null && count !== 'true' && count !== 'false') throw new GraphError(400, 'Request_BadRequest', `Invalid $count value '${count}'.`);
    const filter = q.has('$filter') ? parseFilter(q.get('$filter')!, properties) : null;
    const search = q.has('$search') ? parseSearch(q.get('$search')!, properties) : null;
    const expand = parseExpand(q.get('$expand'), expandable);
    const advanced = count === 'true' || search !== null || filter?.advanced === true;
    if (advanced && !consistency) {
      throw new GraphError(400, 'Request_UnsupportedQuery', 'Unsupported query: advanced queries need the ConsistencyLevel: eventual header (and $count=true).');
    }
    if (filter?.advanced && count !== 'true') throw new GraphError(400, 'Request_UnsupportedQuery', 'Unsupported query: this filter needs $count=true.');
    if (advanced && expand) throw new GraphError(400, 'Request_UnsupportedQuery', '$expand is not supported with advanced queries.');
    const top = q.has('$top') ? Number(q.get('$top')) : DEFAULT_TOP;
    if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) throw new GraphError(400, 'Request_BadRequest', `Invalid page size specified: '${q.get('$top')}'. Must be between 1 and ${MAX_TOP} inclusive.`);
    const pageSize = expand ? Math.min(top, MAX_EXPANDED) : top;
    const offset = q.has('$skiptoken') ? decodeSkipToken(q.get('$skiptoken')!) : 0;
    const matches = all.filter((item) => {
      const record = item as unknown as Record<string, unknown>;
      return (!filter || filter.test(record)) && (!search || search(record));
    });
    const page = matches.slice(offset, offset + pageSize);
    const body: Record<string, unknown> = { '@odata.context': `${req.baseUrl}${GRAPH_BASE_PATH}/$metadata#${path.slice(1)}` };
    if (count === 'true' && offset === 0) body['@odata.count'] = matches.length;
    if (offset + pageSize < matches.length) {
      const next = new URLSearchParams(q);
      next.set('$skiptoken', encodeSkipToken(offset + pageSize));
      body['@odata.nextLink'] = `${req.baseUrl}${GRAPH_BASE_PATH}${req.path.slice(GRAPH_BASE_PATH.length)}?${next.toString()}`;
    }
    body.value = page.map(view);
    return ok(body);
  };

  const select = (req: SimRequest, properties: ReadonlySet<string>): string[] | null => {
    const raw = req.query.get('$select');
    if (raw === null) return null;
    const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
    for (const name of names) if (!properties.has(name)) throw new GraphError(400, 'Request_BadRequest', `Could not find a property named '${name}' on type 'microsoft.graph.user'.`);
    return ['id', ...names.filter((n) => n !== 'id')];
  };

  const listUsers: Handler = (req) => {
    const fields = select(req, USER_PROPERTIES);
    const expand = parseExpand(req.query.get('$expand'), 'manager');
    return list(req, users, (u) => userView(u, fields, expand), '/users', 'manager', USER_PROPERTIES);
  };

  const getUser: Handler = (req) => ok(userView(find(req.params.id), select(req, USER_PROPERTIES), parseExpand(req.query.get('$expand'), 'manager')));

  const getManager: Handler = (req) => {
    const user = find(req.params.id);
    const manager = user.managerId ? byId.get(user.managerId) : undefined;
    if (!manager) throw new GraphError(404, 'Request_ResourceNotFound', `Resource 'manager' does not exist or one of its queried reference-property objects are not present.`);
    return ok({ '@odata.type': '#microsoft.graph.user', ...userView(manager, select(req, USER_PROPERTIES), null) });
  };

  const getDirectReports: Handler = (req) => {
    const manager = find(req.params.id);
    const fields = select(req, USER_PROPERTIES);
    const reports = users.filter((u) => u.managerId === manager.id);
    return list(req, reports, (u) => userView(u, fields, null), '/directoryObjects', '', USER_PROPERTIES);
  };

  const GROUP_PROPERTIES = new Set(['id', 'displayName']);
  const listGroups: Handler = (req) => {
    const fields = select(req, GROUP_PROPERTIES) ?? ['id', 'displayName'];
    const expand = parseExpand(req.query.get('$expand'), 'members');
    const view = (g: Group): Resource => ({
      ...pick(g as unknown as Resource, fields),
      ...(expand ? { members: g.memberIds.map((id) => ({ '@odata.type': '#microsoft.graph.user', id })) } : {}),
    });
    return list(req, groups, view, '/groups', 'members', GROUP_PROPERTIES);
  };

  const routes: Array<{ pattern: string; handler: Handler }> = [
    { pattern: `${GRAPH_BASE_PATH}/users`, handler: listUsers },
    { pattern: `${GRAPH_BASE_PATH}/users/:id`, handler: getUser },
    { pattern: `${GRAPH_BASE_PATH}/users/:id/manager`, handler: getManager },
    { pattern: `${GRAPH_BASE_PATH}/users/:id/directReports`, handler: getDirectReports },
    { pattern: `${GRAPH_BASE_PATH}/users/:id/directReports/microsoft.graph.user`, handler: getDirectReports },
    { pattern: `${GRAPH_BASE_PATH}/groups`, handler: listGroups },
  ];

  // Handlers throw GraphError (or ODataError) for bad requests; this renders Graph's error body.
  const graph = (handler: Handler): Handler => async (req) => {
    try {
      return await handler(req);
    } catch (error) {
      if (error instanceof GraphError) return graphErrorResponse(error.status, error.code, error.message);
      if (error instanceof ODataError) return graphErrorResponse(400, 'Request_UnsupportedQuery', error.message);
      throw error;
    }
  };

  /** Runs one batch item through the same handlers, as if it were its own request. */
  const dispatch = async (outer: SimRequest, item: { url: string; headers?: Record<string, string> }): Promise<SimResponse> => {
    const url = new URL(`${GRAPH_BASE_PATH}/${item.url.replace(/^\//, '')}`, outer.baseUrl);
    for (const route of routes) {
      const names: string[] = [];
      const source = route.pattern
        .split('/')
        .map((s) => (s.startsWith(':') ? (names.push(s.slice(1)), '([^/]+)') : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      const match = new RegExp(`^${source}/?$`).exec(url.pathname);
      if (!match) continue;
      const headers = Object.fromEntries(Object.entries(item.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
      return graph(route.handler)({ ...outer, method: 'GET', path: url.pathname, params, query: url.searchParams, headers, body: undefined });
    }
    return graphErrorResponse(400, 'BadRequest', `Resource not found for the segment '${url.pathname}'.`);
  };

  const batch: Handler = async (req) => {
    const requests = (req.body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests)) throw new GraphError(400, 'BadRequest', 'Invalid batch payload format.');
    if (requests.length > MAX_BATCH_REQUESTS) throw new GraphError(400, 'BadRequest', `Number of requests exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
    const ids = new Set<string>();
    for (const r of requests as Array<{ id?: unknown; method?: unknown; url?: unknown }>) {
      if (typeof r.id !== 'string' || typeof r.url !== 'string' || typeof r.method !== 'string') throw new GraphError(400, 'BadRequest', 'Each request needs id, method and url.');
      if (ids.has(r.id)) throw new GraphError(400, 'BadRequest', `Request id '${r.id}' is duplicated.`);
      if (/^https?:/i.test(r.url)) throw new GraphError(400, 'BadRequest', 'Batch request urls must be relative.');
      ids.add(r.id);
    }
    const responses = [];
    for (const r of requests as Array<{ id: string; method: string; url: string; headers?: Record<string, string> }>) {
      const out = r.method.toUpperCase() === 'GET' ? await dispatch(req, r) : graphErrorResponse(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
      responses.push({ id: r.id, status: out.status, headers: { 'Content-Type': out.contentType ?? 'application/json', ...out.headers }, body: out.body });
    }
    // Graph answers in any order; clients must match by id.
    return ok({ responses: responses.reverse() });
  };

  return {
    name: 'msgraph',
    routes: [...routes.map((r) => ({ method: 'GET' as const, pattern: r.pattern, handler: graph(r.handler) })), { method: 'POST', pattern: `${GRAPH_BASE_PATH}/$batch`, handler: graph(batch) }],
    authorize: (req) => {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
      if (match?.[1] === credentials.token) return null;
      return graphErrorResponse(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.', { 'www-authenticate': 'Bearer realm=""' });
    },
    errorBody: (status, message) =>
      graphErrorResponse(status, status === 429 ? 'TooManyRequests' : status === 404 ? 'Request_ResourceNotFound' : status >= 500 ? 'ServiceUnavailable' : 'BadRequest', message),
  };
}

interface Expand {
  select: string[] | null;
}

/** `$expand=manager` or `manager($select=id,displayName)`; only `allowed` may be expanded. */
function parseExpand(raw: string | null, allowed: string): Expand | null {
  if (raw === null) return null;
  const match = /^\s*(\w+)\s*(?:\(\s*\$select=([\w,\s]+)\))?\s*$/.exec(raw);
  if (!match || match[1] !== allowed) throw new GraphError(400, 'Request_BadRequest', `Parsing OData Select and Expand failed: could not expand '${raw}'.`);
  return { select: match[2] ? ['id', ...match[2].split(',').map((s) => s.trim()).filter((s) => s && s !== 'id')] : null };
}


function pick(source: Resource, names: readonly string[]): Resource {
  const out: Resource = { id: source.id };
  for (const name of names) out[name] = source[name] ?? null;
  return out;
}

function departmentGroups(users: readonly GraphUser[]): Group[] {
  const members = new Map<string, string[]>();
  for (const user of users) members.set(user.department, [...(members.get(user.department) ?? []), user.id]);
  return [...members].map(([department, ids]) => ({ id: stableId(`group:${department}`), displayName: department, memberIds: ids }));
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeSkipToken(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw new GraphError(400, 'Request_BadRequest', 'Invalid $skiptoken.');
}
