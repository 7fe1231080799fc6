import type { SimRequest, SimResponse } from '../common/server';
import type { ServiceNowContext } from './context';
import { compileEncodedQuery } from './encoded-query';
import { invalidTable, snowError } from './errors';
import { columns, displayMode, renderRecord, type RenderOptions } from './render';

/** `GET /api/now/table/{table}` and `GET /api/now/table/{table}/{sys_id}` (UPSTREAM.md B1). */

/** The documented default page size when `sysparm_limit` is absent. */
const DEFAULT_LIMIT = 10_000;

const flag = (req: SimRequest, name: string): boolean => req.query.get(name)?.toLowerCase() === 'true';

function integer(raw: string | null): number | undefined {
  if (raw === null || !/^-?\d+$/.test(raw.trim())) return undefined;
  return Number(raw);
}

function renderOptions(req: SimRequest): RenderOptions {
  return {
    mode: displayMode(req.query.get('sysparm_display_value')),
    excludeLinks: flag(req, 'sysparm_exclude_reference_link'),
    baseUrl: req.baseUrl,
  };
}

export function listRecords(ctx: ServiceNowContext, req: SimRequest): SimResponse {
  const table = ctx.tables.get(req.params.table);
  if (!table) return invalidTable(req.params.table);
  const matched = compileEncodedQuery(req.query.get('sysparm_query') ?? '', table, ctx.tables, ctx.now()).select(table.records);
  const requestedLimit = integer(req.query.get('sysparm_limit'));
  const limit = requestedLimit !== undefined && requestedLimit > 0 ? requestedLimit : DEFAULT_LIMIT;
  const offset = Math.max(0, integer(req.query.get('sysparm_offset')) ?? 0);
  // No ACLs here, so a page is short only when it is the last one.
  const page = matched.slice(offset, offset + limit);

  const cols = columns(ctx.tables, table, req.query.get('sysparm_fields'));
  const options = renderOptions(req);
  const counted = !flag(req, 'sysparm_no_count');
  const headers: Record<string, string> = {};
  if (counted) headers['X-Total-Count'] = String(matched.length);
  if (!flag(req, 'sysparm_suppress_pagination_header')) {
    headers.Link = linkHeader(req, offset, limit, counted ? matched.length : null, page.length === limit);
  }
  return { status: 200, headers, body: { result: page.map((r) => renderRecord(r, cols, ctx.tables, options)) } };
}

export function getRecord(ctx: ServiceNowContext, req: SimRequest): SimResponse {
  const table = ctx.tables.get(req.params.table);
  if (!table) return invalidTable(req.params.table);
  const record = table.byId.get(req.params.sys_id);
  if (!record) return snowError(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");
  const cols = columns(ctx.tables, table, req.query.get('sysparm_fields'));
  return { status: 200, body: { result: renderRecord(record, cols, ctx.tables, renderOptions(req)) } };
}

/**
 * `<url>;rel="first",<url>;rel="prev",…` with no space after `;`, the request's own parameters and a new
 * `sysparm_offset`. As on real instances `prev` is present even on the first page (offset −limit); `next`
 * only while rows remain; `last` is the page-aligned final offset. Without a count (sysparm_no_count) there is
 * no `last`, and `next` follows a full page.
 */
function linkHeader(req: SimRequest, offset: number, limit: number, total: number | null, fullPage: boolean): string {
  const link = (at: number, rel: string): string => {
    const params = new URLSearchParams(req.query);
    params.set('sysparm_offset', String(at));
    return `<${req.baseUrl}${req.path}?${params.toString()}>;rel="${rel}"`;
  };
  const links = [link(0, 'first'), link(offset - limit, 'prev')];
  if (total === null ? fullPage : offset + limit < total) links.push(link(offset + limit, 'next'));
  if (total !== null) links.push(link(total > 0 ? Math.floor((total - 1) / limit) * limit : 0, 'last'));
  return links.join(',');
}
