import { ScimError } from './errors';
import { compileFilter, FilterError, getAttribute, parseAttrPath, parseFilter, valuesAt, type AttrPath, type FilterNode } from './filter';
import { SCHEMAS, type ScimResource } from './resource';

/** RFC 7644 §3.4.2: query parameters shared by GET /Users, GET /Groups and POST /.search. */

export const DEFAULT_COUNT = 100;
/** The server caps `count` here (advertised as `filter.maxResults` in /ServiceProviderConfig). */
export const MAX_COUNT = 200;

export interface ListQuery {
  filter: FilterNode | null;
  startIndex: number;
  count: number;
  sortBy: AttrPath | null;
  descending: boolean;
  projection: Projection;
}

export interface Projection {
  attributes: AttrPath[] | null;
  excludedAttributes: AttrPath[] | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function integer(name: string, raw: unknown, fallback: number): number {
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(value)) throw new ScimError(400, `${name} must be an integer, got ${JSON.stringify(raw)}`, 'invalidValue');
  return value;
}

function paths(name: string, raw: unknown): AttrPath[] | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const list = Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
  try {
    return list.map((p) => p.trim()).filter(Boolean).map(parseAttrPath);
  } catch (error) {
    throw new ScimError(400, `${name}: ${(error as Error).message}`, 'invalidValue');
  }
}

function filter(raw: unknown): FilterNode | null {
  if (raw === undefined || raw === null || String(raw).trim() === '') return null;
  try {
    return parseFilter(String(raw));
  } catch (error) {
    if (error instanceof FilterError) throw new ScimError(400, error.message, 'invalidFilter');
    throw error;
  }
}

export function projectionFrom(params: { attributes?: unknown; excludedAttributes?: unknown }): Projection {
  return { attributes: paths('attributes', params.attributes), excludedAttributes: paths('excludedAttributes', params.excludedAttributes) };
}

/** From the query string of a GET, or the body of a POST /.search (SearchRequest). */
export function listQuery(params: Record<string, unknown>): ListQuery {
  const sortOrder = String(params.sortOrder ?? 'ascending').toLowerCase();
  if (sortOrder !== 'ascending' && sortOrder !== 'descending') {
    throw new ScimError(400, `sortOrder must be "ascending" or "descending", got ${JSON.stringify(params.sortOrder)}`, 'invalidValue');
  }
  const sortBy = paths('sortBy', params.sortBy);
  return {
    filter: filter(params.filter),
    // RFC 7644 §3.4.2.4: a startIndex below 1 is 1, a negative count is 0; the server may lower count.
    startIndex: Math.max(1, integer('startIndex', params.startIndex, 1)),
    count: Math.min(MAX_COUNT, Math.max(0, integer('count', params.count, DEFAULT_COUNT))),
    sortBy: sortBy?.[0] ?? null,
    descending: sortOrder === 'descending',
    projection: projectionFrom(params),
  };
}

export function queryParams(query: URLSearchParams): Record<string, unknown> {
  return Object.fromEntries(query.entries());
}

/** Filters, sorts and pages `resources`, then renders each with `render` (location, projection). */
export function listResponse(resources: readonly ScimResource[], query: ListQuery, render: (r: ScimResource) => Json): Json {
  let selected = resources;
  const node = query.filter;
  if (node) {
    try {
      const predicate = compileFilter(node);
      selected = resources.filter(predicate);
    } catch (error) {
      if (error instanceof FilterError) throw new ScimError(400, error.message, 'invalidFilter');
      throw error;
    }
  }
  if (query.sortBy) selected = sorted(selected, query.sortBy, query.descending);
  const page = selected.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
  return {
    schemas: [SCHEMAS.listResponse],
    totalResults: selected.length,
    startIndex: query.startIndex,
    itemsPerPage: page.length,
    Resources: page.map(render),
  };
}

/** RFC 7644 §3.4.2.3: strings compare case-insensitively; unassigned values sort last when ascending. */
function sorted(resources: readonly ScimResource[], path: AttrPath, descending: boolean): ScimResource[] {
  const key = (r: ScimResource): string | number | undefined => {
    const [first] = valuesAt(r, path).map((v) => (isObject(v) ? getAttribute(v, 'value') : v));
    if (typeof first === 'string') return first.toLowerCase();
    if (typeof first === 'number') return first;
    if (typeof first === 'boolean') return Number(first);
    return undefined;
  };
  const direction = descending ? -1 : 1;
  return resources
    .map((resource) => ({ resource, key: key(resource) }))
    .sort((a, b) => {
      if (a.key === undefined || b.key === undefined) return a.key === b.key ? 0 : a.key === undefined ? direction : -direction;
      return a.key < b.key ? -direction : a.key > b.key ? direction : 0;
    })
    .map((x) => x.resource);
}

/**
 * RFC 7644 §3.4.2.5 `attributes` / `excludedAttributes`, for attributes and their sub-attributes, core or
 * extension (`urn:…:User:department`, or the extension URN itself). `id` and `schemas` are always returned.
 */
export function project(resource: ScimResource, projection: Projection): Json {
  if (projection.attributes) {
    const out: Json = { schemas: resource.schemas, id: resource.id };
    for (const path of projection.attributes) include(out, resource, path);
    return out;
  }
  if (projection.excludedAttributes) {
    let out: Json = { ...resource };
    for (const path of projection.excludedAttributes) out = exclude(out, path);
    return out;
  }
  return resource;
}

const keyOf = (object: Json, name: string): string | undefined => {
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
};

/** Where `path` lives: the root, or an extension object named by its URN (or the extension itself, whole). */
function locate(resource: Json, path: AttrPath): { key: string[]; sub: string | null } | null {
  const whole = keyOf(resource, `${path.uri ?? ''}:${path.attr}${path.sub ? `.${path.sub}` : ''}`.replace(/^:/, ''));
  if (path.uri && whole && isObject(resource[whole])) return { key: [whole], sub: null };
  if (path.uri === null || path.uri.toLowerCase() === String((resource.schemas as string[])[0]).toLowerCase()) {
    const key = keyOf(resource, path.attr);
    return key ? { key: [key], sub: path.sub } : null;
  }
  const extension = keyOf(resource, path.uri);
  const container = extension ? resource[extension] : undefined;
  const key = isObject(container) ? keyOf(container, path.attr) : undefined;
  return extension && key ? { key: [extension, key], sub: path.sub } : null;
}

function include(out: Json, resource: Json, path: AttrPath): void {
  const where = locate(resource, path);
  if (!where) return;
  let source: Json = resource;
  let target: Json = out;
  for (const key of where.key.slice(0, -1)) {
    source = source[key] as Json;
    target = (target[key] = isObject(target[key]) ? target[key] : {}) as Json;
  }
  const last = where.key[where.key.length - 1];
  const value = source[last];
  const sub = where.sub;
  if (sub === null) {
    target[last] = value;
    return;
  }
  const pickSub = (from: unknown, into: unknown): Json => {
    const merged: Json = isObject(into) ? into : {};
    const k = isObject(from) ? keyOf(from, sub) : undefined;
    if (k !== undefined) merged[k] = (from as Json)[k];
    return merged;
  };
  if (target[last] === value) return;
  if (Array.isArray(value)) {
    const existing = Array.isArray(target[last]) ? (target[last] as unknown[]) : [];
    target[last] = value.map((element, i) => pickSub(element, existing[i]));
  } else if (isObject(value)) {
    target[last] = pickSub(value, target[last]);
  }
}

function exclude(out: Json, path: AttrPath): Json {
  const where = locate(out, path);
  if (!where) return out;
  const [first, second] = where.key;
  const removeFrom = (object: Json, key: string, sub: string | null): Json => {
    const copy = { ...object };
    if (sub === null) {
      delete copy[key];
      return copy;
    }
    const strip = (v: unknown): unknown => {
      if (!isObject(v)) return v;
      const k = keyOf(v, sub);
      if (k === undefined) return v;
      const { [k]: _removed, ...rest } = v;
      return rest;
    };
    copy[key] = Array.isArray(copy[key]) ? (copy[key] as unknown[]).map(strip) : strip(copy[key]);
    return copy;
  };
  if (second === undefined) {
    if (where.sub === null && ['id', 'schemas'].includes(first)) return out;
    return removeFrom(out, first, where.sub);
  }
  return { ...out, [first]: removeFrom(out[first] as Json, second, where.sub) };
}
