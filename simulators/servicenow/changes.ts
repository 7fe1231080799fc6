import type { SimRequest, SimResponse } from '../common/server';
import type { WebhookSender } from '../common/webhooks';
import type { ServiceNowContext } from './context';
import { invalidTable, snowError } from './errors';
import { columns, displayMode, renderRecord } from './render';

/**
 * `PATCH` / `PUT /api/now/table/{table}/{sys_id}`: updates the given fields of a ticket (values as stored:
 * choice codes, sys_ids, `yyyy-MM-dd HH:mm:ss` dates), stamps sys_updated_on, and then does what the README's
 * business rule does on a real instance: posts `{table, sys_id, number}` to the registered receivers.
 */

const TICKET_TABLES = new Set(['incident', 'change_request', 'problem', 'sc_req_item']);
/** The platform owns these. */
const READ_ONLY = new Set(['sys_id', 'number', 'sys_created_on', 'sys_updated_on', 'sys_mod_count']);

const glideNow = (now: Date): string => now.toISOString().slice(0, 19).replace('T', ' ');

export function updateRecord(ctx: ServiceNowContext, req: SimRequest, webhooks: WebhookSender): SimResponse {
  const table = ctx.tables.get(req.params.table);
  if (!table) return invalidTable(req.params.table);
  if (!TICKET_TABLES.has(table.name)) return snowError(403, 'Operation Failed', `The simulator only changes ticket tables, not ${table.name}`);
  const record = table.byId.get(req.params.sys_id) as Record<string, string> | undefined;
  if (!record) return snowError(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");
  const body = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return snowError(400, 'Exception while reading request', 'The payload is not valid JSON.');
  // Unknown fields are ignored, as the platform does; values are stored as strings.
  for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
    if (field in table.fields && !READ_ONLY.has(field) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) record[field] = String(value);
  }
  record.sys_updated_on = glideNow(ctx.now());
  const modCount = Number(record.sys_mod_count ?? 0) + 1;
  record.sys_mod_count = String(modCount);
  webhooks.send(table.name, { table: table.name, sys_id: record.sys_id, number: record.number }, `${record.sys_id}-${modCount}`);
  const cols = columns(ctx.tables, table, req.query.get('sysparm_fields'));
  return { status: 200, body: { result: renderRecord(record, cols, ctx.tables, { mode: displayMode(req.query.get('sysparm_display_value')), excludeLinks: false, baseUrl: req.baseUrl }) } };
}
