import { createHash } from 'node:crypto';
import type { Route, SimRequest, SimResponse } from '../common/server';
import type { DemoIssue } from '../data/dataset';
import { SEARCH_REMOVED_MESSAGE, jiraError } from './errors';
import { FIELD_BY_ID, ISSUE_FIELDS } from './fields';
import { JqlEngine } from './jql/engine';
import { JqlError } from './jql/lexer';
import { csv, listParam } from './params';
import { JiraRenderer, type Json } from './render';
import type { JiraStore } from './store';

/**
 * Enhanced search (`/rest/api/3/search/jql`, GET and POST) and `/search/approximate-count`, as Jira Cloud
 * serves them since CHANGE-2046: nextPageToken paging with no total, `fields` defaulting to `id` only,
 * bounded JQL required. The removed `/search` endpoints answer 410 Gone.
 */

const DEFAULT_MAX_RESULTS = 50;
/** Jira returns fewer issues per page when it has to load fields; ids and keys alone page up to 5000. */
const MAX_RESULTS_WITH_FIELDS = 100;
const MAX_RESULTS_IDS_ONLY = 5000;
const MAX_PROPERTIES = 5;
const ISSUE_EXPAND = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';
const INVALID_PAYLOAD = 'Invalid request payload. Refer to the REST API documentation and try again.';

const FIELD_BY_LOWER_ID = new Map(ISSUE_FIELDS.map((f) => [f.id.toLowerCase(), f.id]));

interface SearchRequest {
  jql: string;
  nextPageToken: string | undefined;
  maxResults: number | undefined;
  fields: string[];
  expand: string[];
  properties: string[];
}

class BadRequest extends Error {}

function fromQuery(query: URLSearchParams): SearchRequest {
  const rawMax = query.get('maxResults');
  let maxResults: number | undefined;
  if (rawMax !== null) {
    maxResults = Number(rawMax);
    if (!Number.isInteger(maxResults)) throw new BadRequest(`The value '${rawMax}' is not valid for maxResults.`);
  }
  return {
    jql: query.get('jql') ?? '',
    nextPageToken: query.get('nextPageToken') ?? undefined,
    maxResults,
    fields: listParam(query, 'fields'),
    expand: listParam(query, 'expand'),
    properties: listParam(query, 'properties'),
  };
}

function fromBody(body: unknown): SearchRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest(INVALID_PAYLOAD);
  const b = body as Record<string, unknown>;
  const optional = <T>(value: unknown, check: (v: unknown) => v is T): T | undefined => {
    if (value === undefined || value === null) return undefined;
    if (!check(value)) throw new BadRequest(INVALID_PAYLOAD);
    return value;
  };
  const isString = (v: unknown): v is string => typeof v === 'string';
  const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
  const isInt = (v: unknown): v is number => Number.isInteger(v);
  return {
    jql: optional(b.jql, isString) ?? '',
    nextPageToken: optional(b.nextPageToken, isString),
    maxResults: optional(b.maxResults, isInt),
    fields: csv(optional(b.fields, isStrings) ?? []),
    expand: csv([optional(b.expand, isString) ?? '']),
    properties: csv(optional(b.properties, isStrings) ?? []),
  };
}

/** Which fields to render: `id` alone (the default) yields bare `{id}` beans; `*all`, `*navigable` and `-field` work. */
function selectFields(requested: readonly string[]): { idOnly: boolean; fields: string[] } {
  const tokens = requested.length ? requested : ['id'];
  const chosen = new Set<string>();
  const excluded = new Set<string>();
  for (const token of tokens) {
    if (token === '*all' || token === '*navigable') ISSUE_FIELDS.forEach((f) => chosen.add(f.id));
    else if (token.startsWith('-')) excluded.add(FIELD_BY_LOWER_ID.get(token.slice(1).toLowerCase()) ?? token.slice(1));
    else {
      const id = FIELD_BY_LOWER_ID.get(token.toLowerCase());
      if (id) chosen.add(id);
    }
  }
  return {
    idOnly: tokens.every((t) => t === 'id'),
    fields: [...chosen].filter((id) => !excluded.has(id)),
  };
}

const fingerprint = (jql: string): string => createHash('sha256').update(jql).digest('base64url').slice(0, 16);

/** Opaque to clients: the offset, bound to the JQL it was issued for. */
function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint(jql) })).toString('base64url');
}

function decodeToken(token: string, jql: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    if (Number.isInteger(parsed.o) && (parsed.o as number) >= 0 && parsed.q === fingerprint(jql)) return parsed.o as number;
  } catch {
    // fall through: not one of ours
  }
  throw new BadRequest('The provided nextPageToken is invalid, has expired, or was issued for a different query.');
}

function issueBean(store: JiraStore, render: JiraRenderer, issue: DemoIssue, fields: readonly string[], properties: readonly string[]): Json {
  const values: Json = {};
  for (const field of fields) {
    const value = render.issueField(issue, field);
    if (value !== undefined) values[field] = value;
  }
  return {
    expand: ISSUE_EXPAND,
    id: issue.id,
    self: `${render.base}${store.api}/issue/${issue.id}`,
    key: issue.key,
    fields: values,
    ...(properties.length ? { properties: store.issueProperties.pick(issue.id, properties) } : {}),
  };
}

export function searchRoutes(store: JiraStore): Route[] {
  const engine = new JqlEngine(store);

  const search = (req: SimRequest, parse: () => SearchRequest): SimResponse => {
    try {
      const request = parse();
      if (request.properties.length > MAX_PROPERTIES) {
        throw new BadRequest(`A maximum of ${MAX_PROPERTIES} properties can be requested.`);
      }
      const { idOnly, fields } = selectFields(request.fields);
      const cap = idOnly || fields.length === 0 ? MAX_RESULTS_IDS_ONLY : MAX_RESULTS_WITH_FIELDS;
      const maxResults = Math.min(Math.max(request.maxResults ?? DEFAULT_MAX_RESULTS, 1), cap);
      const offset = request.nextPageToken === undefined ? 0 : decodeToken(request.nextPageToken, request.jql);
      const matches = engine.search(request.jql);
      const page = matches.slice(offset, offset + maxResults);
      const isLast = offset + page.length >= matches.length;
      const render = new JiraRenderer(store, req.baseUrl);
      const details = fields.map((id) => FIELD_BY_ID.get(id)!);
      return {
        status: 200,
        body: {
          isLast,
          ...(isLast ? {} : { nextPageToken: encodeToken(offset + page.length, request.jql) }),
          issues: page.map((issue) => (idOnly ? { id: issue.id } : issueBean(store, render, issue, fields, request.properties))),
          ...(request.expand.includes('names') ? { names: Object.fromEntries(details.map((f) => [f.id, f.name])) } : {}),
          ...(request.expand.includes('schema') ? { schema: Object.fromEntries(details.map((f) => [f.id, f.schema])) } : {}),
        },
      };
    } catch (error) {
      return badRequest(error);
    }
  };

  const count = (req: SimRequest): SimResponse => {
    try {
      const { jql } = fromBody(req.body);
      return { status: 200, body: { count: engine.search(jql).length } };
    } catch (error) {
      return badRequest(error);
    }
  };

  const removed = (): SimResponse => jiraError(410, SEARCH_REMOVED_MESSAGE);

  return [
    { method: 'GET', pattern: '/rest/api/3/search/jql', handler: (req) => search(req, () => fromQuery(req.query)) },
    { method: 'POST', pattern: '/rest/api/3/search/jql', handler: (req) => search(req, () => fromBody(req.body)) },
    { method: 'POST', pattern: '/rest/api/3/search/approximate-count', handler: count },
    { method: 'GET', pattern: '/rest/api/3/search', handler: removed },
    { method: 'POST', pattern: '/rest/api/3/search', handler: removed },
    { method: 'GET', pattern: '/rest/api/2/search', handler: removed },
    { method: 'POST', pattern: '/rest/api/2/search', handler: removed },
  ];
}

/** `jira.search.views.default.max`: Data Center serves at most this many issues a page. */
const DATA_CENTER_MAX_RESULTS = 1000;
/** `jira.search.platform.max.result.window`: startAt + maxResults may not pass it. */
export const DATA_CENTER_RESULT_WINDOW = 10_000;

interface LegacySearchRequest {
  jql: string;
  startAt: number;
  maxResults: number;
  fields: string[];
  properties: string[];
}

function legacyFromQuery(query: URLSearchParams): LegacySearchRequest {
  const int = (name: string, fallback: number): number => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value)) throw new BadRequest(`The value '${raw}' is not valid for ${name}.`);
    return value;
  };
  return {
    jql: query.get('jql') ?? '',
    startAt: int('startAt', 0),
    maxResults: int('maxResults', DEFAULT_MAX_RESULTS),
    fields: listParam(query, 'fields'),
    properties: listParam(query, 'properties'),
  };
}

function legacyFromBody(body: unknown): LegacySearchRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest(INVALID_PAYLOAD);
  const b = body as Record<string, unknown>;
  const strings = (v: unknown): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new BadRequest(INVALID_PAYLOAD);
    return csv(v);
  };
  const int = (v: unknown, fallback: number): number => {
    if (v === undefined || v === null) return fallback;
    if (!Number.isInteger(v)) throw new BadRequest(INVALID_PAYLOAD);
    return v as number;
  };
  if (b.jql !== undefined && b.jql !== null && typeof b.jql !== 'string') throw new BadRequest(INVALID_PAYLOAD);
  return {
    jql: (b.jql as string | undefined) ?? '',
    startAt: int(b.startAt, 0),
    maxResults: int(b.maxResults, DEFAULT_MAX_RESULTS),
    fields: strings(b.fields),
    properties: strings(b.properties),
  };
}

/**
 * Data Center's `GET/POST /rest/api/2/search`: startAt/maxResults paging with a `total`, `fields` defaulting to
 * every navigable field, unbounded JQL allowed. Its search platform refuses a page that would reach past the
 * result window, with the 500 Jira sends.
 */
export function dataCenterSearchRoutes(store: JiraStore): Route[] {
  const engine = new JqlEngine(store);

  const search = (req: SimRequest, parse: () => LegacySearchRequest): SimResponse => {
    try {
      const request = parse();
      if (request.startAt < 0) throw new BadRequest(`The value '${request.startAt}' is not valid for startAt.`);
      if (request.properties.length > MAX_PROPERTIES) {
        throw new BadRequest(`A maximum of ${MAX_PROPERTIES} properties can be requested.`);
      }
      const maxResults = Math.min(Math.max(request.maxResults, 0), DATA_CENTER_MAX_RESULTS);
      const requested = request.startAt + maxResults;
      if (requested > DATA_CENTER_RESULT_WINDOW) {
        const n = (v: number) => v.toLocaleString('en-US');
        return jiraError(
          500,
          `Search limit exceeded. We couldn't complete your search because it requests ${n(requested)} results which exceeded the search platform limit of ${n(DATA_CENTER_RESULT_WINDOW)}. ` +
            'Try refining your query or contact your Jira administrator. Repeating the same search may not work.',
        );
      }
      const { fields } = selectFields(request.fields.length ? request.fields : ['*navigable']);
      const matches = engine.search(request.jql);
      const page = matches.slice(request.startAt, request.startAt + maxResults);
      const render = new JiraRenderer(store, req.baseUrl);
      return {
        status: 200,
        body: {
          expand: 'schema,names',
          startAt: request.startAt,
          maxResults,
          total: matches.length,
          issues: page.map((issue) => issueBean(store, render, issue, fields, request.properties)),
        },
      };
    } catch (error) {
      return badRequest(error);
    }
  };

  return [
    { method: 'GET', pattern: '/rest/api/2/search', handler: (req) => search(req, () => legacyFromQuery(req.query)) },
    { method: 'POST', pattern: '/rest/api/2/search', handler: (req) => search(req, () => legacyFromBody(req.body)) },
  ];
}

function badRequest(error: unknown): SimResponse {
  if (error instanceof JqlError || error instanceof BadRequest) return jiraError(400, error.message);
  throw error;
}
