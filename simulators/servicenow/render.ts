import { displayValue, fieldPath, type FieldDef, type FieldPath, type SnowRecord, type Table, type Tables } from './tables';

/**
 * Record JSON in the three `sysparm_display_value` shapes (UPSTREAM.md B1). Every scalar is a string; an
 * empty reference is "" (or `{display_value:"",value:""}` under `all`); a dot-walked column is rendered under
 * its dotted name with the shape of the field it ends on.
 */

export type DisplayMode = 'false' | 'true' | 'all';

export interface RenderOptions {
  mode: DisplayMode;
  excludeLinks: boolean;
  /** Scheme and host the client used, for reference links. */
  baseUrl: string;
}

export interface Column {
  name: string;
  path: FieldPath;
}

export function displayMode(raw: string | null): DisplayMode {
  const value = raw?.toLowerCase();
  return value === 'true' || value === 'all' ? value : 'false';
}

/** `sysparm_fields` as columns; unknown names are dropped silently. No list (or an empty one) means every field. */
export function columns(tables: Tables, table: Table, fields: string | null): Column[] {
  const names = (fields ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '');
  const wanted = names.length ? [...new Set(names)] : Object.keys(table.fields);
  return wanted.flatMap((name) => {
    const path = fieldPath(tables, table, name);
    return path ? [{ name, path }] : [];
  });
}

export function renderRecord(record: SnowRecord, cols: readonly Column[], tables: Tables, options: RenderOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name, path } of cols) out[name] = renderValue(path.def, path.get(record), tables, options);
  return out;
}

function renderValue(def: FieldDef, value: string, tables: Tables, { mode, excludeLinks, baseUrl }: RenderOptions): unknown {
  const display = displayValue(tables, def, value);
  if (def.type !== 'reference' || value === '') {
    if (mode === 'all') return { display_value: display, value };
    return mode === 'true' ? display : value;
  }
  const link = `${baseUrl}/api/now/table/${def.reference}/${value}`;
  switch (mode) {
    case 'false':
      return excludeLinks ? value : { link, value };
    case 'true':
      return excludeLinks ? display : { display_value: display, link };
    case 'all':
      return excludeLinks ? { display_value: display, value } : { display_value: display, value, link };
  }
}
