import type { SimRequest, SimResponse } from '../common/server';
import type { ServiceNowContext } from './context';
import { compileEncodedQuery } from './encoded-query';
import { invalidTable } from './errors';
import { displayMode } from './render';
import { displayValue, fieldPath, type FieldPath } from './tables';

/**
 * `GET /api/now/stats/{table}` (Aggregate API, UPSTREAM.md B3): `sysparm_count`, `sysparm_query` and
 * `sysparm_group_by`. Counts are strings. Without group_by the result is one `stats` object; with it, one entry
 * per group with its `groupby_fields`, in the group fields' sort order. Under `sysparm_display_value=all` each
 * group field also carries its `display_value`; under `true` its value is the display value.
 */
export function aggregate(ctx: ServiceNowContext, req: SimRequest): SimResponse {
  const table = ctx.tables.get(req.params.table);
  if (!table) return invalidTable(req.params.table);
  const now = ctx.now();
  const matched = compileEncodedQuery(req.query.get('sysparm_query') ?? '', table, ctx.tables, now).select(table.records);
  const counting = req.query.get('sysparm_count')?.toLowerCase() === 'true';
  const stats = (n: number) => (counting ? { count: String(n) } : {});

  const groupBy = (req.query.get('sysparm_group_by') ?? '')
    .split(',')
    .map((f) => f.trim())
    .flatMap((name): Array<{ name: string; path: FieldPath }> => {
      const path = name ? fieldPath(ctx.tables, table, name) : undefined;
      return path ? [{ name, path }] : [];
    });
  if (!groupBy.length) return { status: 200, body: { result: { stats: stats(matched.length) } } };

  const byGroupOrder = compileEncodedQuery(groupBy.map((g) => `ORDERBY${g.name}`).join('^'), table, ctx.tables, now);
  const groups = new Map<string, { values: string[]; count: number }>();
  for (const record of byGroupOrder.select(matched)) {
    const values = groupBy.map((g) => g.path.get(record));
    const key = JSON.stringify(values);
    const group = groups.get(key) ?? { values, count: 0 };
    group.count++;
    groups.set(key, group);
  }
  const mode = displayMode(req.query.get('sysparm_display_value'));
  const result = [...groups.values()].map(({ values, count }) => ({
    stats: stats(count),
    groupby_fields: groupBy.map(({ name, path }, i) => {
      const value = values[i];
      const display = displayValue(ctx.tables, path.def, value);
      if (mode === 'all') return { field: name, value, display_value: display };
      return { field: name, value: mode === 'true' ? display : value };
    }),
  }));
  return { status: 200, body: { result } };
}
