import { displayValue, fieldPath, type FieldDef, type FieldPath, type SnowRecord, type Table, type Tables } from './tables';

/**
 * Encoded queries (`sysparm_query`) as the platform reads them: `^` ANDs conditions, `^OR` ORs a condition with
 * the one before it (binding tighter than AND), `^NQ` starts a new query ORed with the previous ones, and
 * `ORDERBY`/`ORDERBYDESC` add sort keys. Like a real instance, a condition it cannot read (unknown field,
 * unsupported operator or script) is dropped silently, so it filters nothing.
 *
 * Values compare case-insensitively (the platform's default collation). An empty stored value behaves like SQL
 * NULL: it only matches ISEMPTY, EMPTYSTRING, ANYTHING and `field=` (empty), never `!=`, NOT IN, NOTLIKE or a
 * range, which is the instance's well-known "is not excludes empty" behaviour.
 */

export interface CompiledQuery {
  /** The matching records in the query's order (stable: ties keep the table's own order). */
  select(records: readonly SnowRecord[]): SnowRecord[];
}

type Test = (record: SnowRecord) => boolean;

interface OrderKey {
  path: FieldPath;
  desc: boolean;
}

const FIELD = /^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*/;
/** Longest first, so `NOT IN` is not read as something shorter. */
const OPERATORS = [
  'ISNOTEMPTY', 'ISEMPTY', 'ANYTHING', 'EMPTYSTRING', 'NOT IN', 'NOTLIKE', 'STARTSWITH', 'ENDSWITH', 'BETWEEN', 'LIKE', 'IN',
  '!=', '>=', '<=', '=', '>', '<',
] as const;
type Operator = (typeof OPERATORS)[number];
const NO_VALUE: ReadonlySet<Operator> = new Set(['ISNOTEMPTY', 'ISEMPTY', 'ANYTHING', 'EMPTYSTRING']);

export function compileEncodedQuery(text: string, table: Table, tables: Tables, now: Date): CompiledQuery {
  // groups (^NQ, ORed) → clauses (^, ANDed) → conditions (^OR, ORed)
  const groups: Test[][][] = [[]];
  const order: OrderKey[] = [];
  for (const token of text.split('^')) {
    if (token === '' || token === 'EQ') continue;
    const sort = /^ORDERBY(DESC)?(.*)$/.exec(token);
    if (sort) {
      const path = fieldPath(tables, table, sort[2]);
      if (path) order.push({ path, desc: sort[1] !== undefined });
      continue;
    }
    let body = token;
    let joinPrevious = false;
    if (token.startsWith('NQ')) {
      groups.push([]);
      body = token.slice(2);
    } else if (token.startsWith('OR')) {
      joinPrevious = true;
      body = token.slice(2);
    }
    const test = parseCondition(body, table, tables, now);
    if (!test) continue;
    const clauses = groups[groups.length - 1];
    if (joinPrevious && clauses.length) clauses[clauses.length - 1].push(test);
    else clauses.push([test]);
  }

  const live = groups.filter((g) => g.length > 0);
  const matches: Test = live.length === 0
    ? () => true
    : (record) => live.some((clauses) => clauses.every((conditions) => conditions.some((test) => test(record))));
  const sortKey = sortKeys(order, tables);
  return {
    select(records) {
      const out = records.filter(matches);
      if (!order.length) return out;
      return out
        .map((record) => ({ record, key: sortKey(record) }))
        .sort((a, b) => compareKeys(a.key, b.key, order))
        .map((entry) => entry.record);
    },
  };
}

function parseCondition(text: string, table: Table, tables: Tables, now: Date): Test | undefined {
  const name = FIELD.exec(text)?.[0];
  if (!name) return undefined;
  const path = fieldPath(tables, table, name);
  const rest = text.slice(name.length);
  // INSTANCEOF (unsupported) would otherwise read as IN.
  const op = rest.startsWith('INSTANCEOF') ? undefined : OPERATORS.find((o) => rest.startsWith(o));
  if (!path || !op) return undefined;
  const raw = rest.slice(op.length);
  const predicate = NO_VALUE.has(op) ? valueless(op) : compare(op, raw, path.def, tables, now);
  return predicate && ((record) => predicate(path.get(record)));
}

function valueless(op: Operator): (stored: string) => boolean {
  if (op === 'ISNOTEMPTY') return (v) => v !== '';
  if (op === 'ANYTHING') return () => true;
  return (v) => v === '';
}

function compare(op: Operator, raw: string, def: FieldDef, tables: Tables, now: Date): ((stored: string) => boolean) | undefined {
  const lower = (s: string) => s.toLowerCase();
  // LIKE-style and range operators on a reference read what the user sees: the referenced record's display value.
  const shown = def.type === 'reference' ? (v: string) => lower(displayValue(tables, def, v)) : lower;
  const order = (v: string, x: string): number => {
    if (def.numeric) return Number(v) - Number(x);
    const a = shown(v);
    const b = lower(x);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const same = (v: string, x: string) => lower(v) === lower(x);

  if (op === 'BETWEEN') {
    const bounds = raw.split('@').map((b) => scriptValue(b, now));
    if (bounds.length !== 2 || bounds.some((b) => b === undefined)) return undefined;
    const [from, to] = bounds as [string, string];
    return (v) => v !== '' && order(v, from) >= 0 && order(v, to) <= 0;
  }
  const x = scriptValue(raw, now);
  if (x === undefined) return undefined;
  const list = () => x.split(',').map((item) => item.trim());
  switch (op) {
    case '=':
      return x === '' ? (v) => v === '' : (v) => v !== '' && same(v, x);
    case '!=':
      return x === '' ? (v) => v !== '' : (v) => v !== '' && !same(v, x);
    case 'IN': {
      const items = list();
      return (v) => v !== '' && items.some((i) => same(v, i));
    }
    case 'NOT IN': {
      const items = list();
      return (v) => v !== '' && !items.some((i) => same(v, i));
    }
    case 'LIKE':
      return (v) => v !== '' && shown(v).includes(lower(x));
    case 'NOTLIKE':
      return (v) => v !== '' && !shown(v).includes(lower(x));
    case 'STARTSWITH':
      return (v) => v !== '' && shown(v).startsWith(lower(x));
    case 'ENDSWITH':
      return (v) => v !== '' && shown(v).endsWith(lower(x));
    case '>':
      return (v) => v !== '' && order(v, x) > 0;
    case '>=':
      return (v) => v !== '' && order(v, x) >= 0;
    case '<':
      return (v) => v !== '' && order(v, x) < 0;
    case '<=':
      return (v) => v !== '' && order(v, x) <= 0;
    default:
      return undefined;
  }
}

const DAY = 86_400_000;
const glideDateTime = (d: Date): string => d.toISOString().replace('T', ' ').slice(0, 19);
const startOfDay = (d: Date): string => `${d.toISOString().slice(0, 10)} 00:00:00`;
const endOfDay = (d: Date): string => `${d.toISOString().slice(0, 10)} 23:59:59`;

/**
 * A literal value, or the few `javascript:gs.*()` date helpers UI filters produce, evaluated in UTC (the
 * simulator's only user time zone). Any other script is unreadable: undefined drops the condition.
 */
function scriptValue(raw: string, now: Date): string | undefined {
  if (!raw.startsWith('javascript:')) return raw;
  const call = /^javascript:\s*gs\.(\w+)\(([^)]*)\)\s*;?\s*$/.exec(raw);
  if (!call) return undefined;
  const args = call[2].split(',').map((a) => a.trim().replace(/^['"]|['"]$/g, '')).filter((a) => a !== '');
  const n = Number(args[0] ?? 0);
  if (!Number.isFinite(n)) return undefined;
  const daysAgo = new Date(now.getTime() - n * DAY);
  switch (call[1]) {
    case 'daysAgo':
      return glideDateTime(daysAgo);
    case 'daysAgoStart':
      return startOfDay(daysAgo);
    case 'daysAgoEnd':
      return endOfDay(daysAgo);
    case 'hoursAgo':
      return glideDateTime(new Date(now.getTime() - n * 3_600_000));
    case 'beginningOfToday':
      return startOfDay(now);
    case 'endOfToday':
      return endOfDay(now);
    case 'dateGenerate': {
      const [date, time = 'start'] = args;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) return undefined;
      if (time === 'start') return `${date} 00:00:00`;
      if (time === 'end') return `${date} 23:59:59`;
      return /^\d{2}:\d{2}:\d{2}$/.test(time) ? `${date} ${time}` : undefined;
    }
    default:
      return undefined;
  }
}

/** ORDERBY semantics: numbers numerically, references by display value, text case-insensitively, empty first. */
function sortKeys(order: readonly OrderKey[], tables: Tables): (record: SnowRecord) => Array<string | number> {
  return (record) =>
    order.map(({ path }) => {
      const v = path.get(record);
      if (v === '') return '';
      if (path.def.numeric) return Number(v);
      return (path.def.type === 'reference' ? displayValue(tables, path.def, v) : v).toLowerCase();
    });
}

function compareKeys(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>, order: readonly OrderKey[]): number {
  for (let i = 0; i < order.length; i++) {
    const sign = order[i].desc ? -1 : 1;
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === '') return -sign;
    if (y === '') return sign;
    return (x < y ? -1 : 1) * sign;
  }
  return 0;
}
