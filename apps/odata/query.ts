import { createHash } from 'node:crypto';
import { defaultParser } from '@odata/parser';
import type { Column, Row, Table } from './tables';

/**
 * OData v4 system query options for one table: parsed by @odata/parser (the OASIS ABNF), checked against the
 * table's columns, and turned into what the view needs: a row predicate, the sort, the window, and the graph
 * arguments a filter can be pushed down to.
 */

/** An OData error response: `{ error: { code, message } }` with its HTTP status. */
export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const badRequest = (message: string) => new ODataError(400, 'BadRequest', message);
const notImplemented = (message: string) => new ODataError(501, 'NotImplemented', message);

/** System query options the views answer; the others named here get 501, any other `$…` 400. */
const SUPPORTED = new Set(['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$skiptoken', '$format']);
const UNSUPPORTED = new Set(['$expand', '$search', '$apply', '$compute', '$levels', '$index', '$schemaversion', '$deltatoken', '$id']);

export interface OrderBy {
  column: string;
  direction: 1 | -1;
}

export interface ViewQuery {
  /** Columns to return, in table order; all when `$select` is absent or `*`. */
  select: Column[];
  /** Whether `$select` narrowed the columns (the context URL then names them). */
  selected: boolean;
  filter?: (row: Row) => boolean;
  orderby: OrderBy[];
  top?: number;
  skip: number;
  count: boolean;
  skiptoken?: string;
  /** Graph arguments implied by `$filter` (a superset of its rows; the predicate still applies). */
  pushdown: Record<string, string>;
  /** Ties a skiptoken to the options that issued it. */
  fingerprint: string;
}

/**
 * Splits a raw query string into its options without form decoding: in an OData URL `+` is a plus (as in a
 * `+01:00` offset), not a space.
 */
export function rawOptions(url: string): Map<string, string> {
  const options = new Map<string, string>();
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    } catch {
      throw badRequest('The query string is not valid percent-encoding.');
    }
    if (options.has(name)) throw badRequest(`The query option ${name} is given more than once.`);
    options.set(name, value);
  }
  return options;
}

export function parseViewQuery(table: Table, options: Map<string, string>): ViewQuery {
  for (const name of options.keys()) {
    if (!name.startsWith('$')) continue;
    if (UNSUPPORTED.has(name)) throw notImplemented(`The query option ${name} is not supported by these flat views.`);
    if (!SUPPORTED.has(name)) throw badRequest(`Unknown system query option ${name}.`);
  }
  const columns = new Map(table.columns.map((c) => [c.name, c]));
  const column = (name: string): Column => {
    const found = columns.get(name);
    if (!found) throw badRequest(`${table.name} has no property ${name}.`);
    return found;
  };
  const format = options.get('$format');
  if (format !== undefined && format !== 'json' && !format.startsWith('application/json')) {
    throw notImplemented(`$format=${format} is not supported; the views answer JSON (and CSV under /csv/).`);
  }

  let select = table.columns;
  let selected = false;
  const rawSelect = options.get('$select');
  if (rawSelect !== undefined && rawSelect.trim() !== '*') {
    const names = option('$select', rawSelect).value.items.map((item: any) => item.raw as string);
    const wanted = new Set(names.map((name: string) => column(name).name));
    select = table.columns.filter((c) => wanted.has(c.name));
    selected = true;
  }

  const pushdown: Record<string, string> = {};
  let filter: ViewQuery['filter'];
  const rawFilter = options.get('$filter');
  if (rawFilter !== undefined) {
    const expression = unwrap(option('$filter', rawFilter).value);
    filter = compile(expression, column);
    collectPushdown(expression, table, pushdown);
  }

  const orderby: OrderBy[] = [];
  const rawOrderby = options.get('$orderby');
  if (rawOrderby !== undefined) {
    for (const item of option('$orderby', rawOrderby).value.items) {
      const name = propertyName(unwrap(item.value.expr));
      if (!name) throw notImplemented(`$orderby supports properties only, not ${item.raw}.`);
      orderby.push({ column: column(name).name, direction: item.value.direction === -1 ? -1 : 1 });
    }
  }

  const top = wholeNumber(options, '$top');
  const skip = wholeNumber(options, '$skip') ?? 0;
  const rawCount = options.get('$count');
  if (rawCount !== undefined && rawCount !== 'true' && rawCount !== 'false') throw badRequest('$count must be true or false.');

  const fingerprint = createHash('sha256')
    .update(JSON.stringify([table.name, rawFilter ?? '', rawOrderby ?? '', top ?? '', skip]))
    .digest('base64url')
    .slice(0, 12);
  return { select, selected, filter, orderby, top, skip, count: rawCount === 'true', skiptoken: options.get('$skiptoken'), pushdown, fingerprint };
}

/** One option through the parser; its errors name only the position, which is what the caller can act on. */
function option(name: string, value: string): any {
  let parsed: any;
  try {
    parsed = defaultParser.query(`${name}=${value}`);
  } catch (error) {
    const at = /at (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const position = at === undefined ? '' : ` near position ${Math.max(0, Number(at) - name.length - 1)}`;
    throw badRequest(`${name} is not valid OData${position}: ${value}`);
  }
  const found = parsed?.value?.options?.[0];
  if (!found) throw badRequest(`${name} is not valid OData: ${value}`);
  return found;
}

function wholeNumber(options: Map<string, string>, name: string): number | undefined {
  const raw = options.get(name);
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw badRequest(`${name} must be a non-negative whole number, got ${raw}.`);
  return Number(raw);
}

function unwrap(node: any): any {
  while (node && (node.type === 'CommonExpression' || node.type === 'BoolParenExpression' || node.type === 'ParenExpression')) node = node.value;
  return node;
}

/** The property a member expression names; undefined for anything else (paths, functions, literals). */
function propertyName(node: any): string | undefined {
  if (node?.type !== 'FirstMemberExpression') return undefined;
  const path = node.value?.type === 'MemberExpression' ? node.value.value : undefined;
  if (path?.type !== 'PropertyPathExpression') return undefined;
  const identifier = path.value;
  return identifier?.type === 'ODataIdentifier' && typeof identifier.value?.name === 'string' ? identifier.value.name : undefined;
}

type Literal = { kind: 'null' } | { kind: 'string' | 'date' | 'datetime'; value: string } | { kind: 'number'; value: number } | { kind: 'boolean'; value: boolean };

const NUMBER_TYPES = new Set(['Edm.SByte', 'Edm.Byte', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Decimal', 'Edm.Double', 'Edm.Single']);

function literal(node: any): Literal | undefined {
  if (node?.type !== 'Literal') return undefined;
  const raw = String(node.raw);
  if (node.value === 'null') return { kind: 'null' };
  if (node.value === 'Edm.String') return { kind: 'string', value: raw.slice(1, -1).replace(/''/g, "'") };
  if (node.value === 'Edm.Boolean') return { kind: 'boolean', value: raw === 'true' };
  if (node.value === 'Edm.Date') return { kind: 'date', value: raw };
  if (node.value === 'Edm.DateTimeOffset') return { kind: 'datetime', value: raw };
  if (NUMBER_TYPES.has(node.value)) return { kind: 'number', value: Number(raw) };
  return undefined;
}

const COMPARISONS: Record<string, 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'> = {
  EqualsExpression: 'eq',
  NotEqualsExpression: 'ne',
  GreaterThanExpression: 'gt',
  GreaterOrEqualsExpression: 'ge',
  LesserThanExpression: 'lt',
  LesserOrEqualsExpression: 'le',
};
/** The operator with its operands swapped (`5 lt Allocation` is `Allocation gt 5`). */
const MIRRORED = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' } as const;

interface Comparison {
  column: Column;
  operator: keyof typeof MIRRORED;
  value: Literal;
}

function comparison(node: any, column: (name: string) => Column): Comparison | undefined {
  const operator = COMPARISONS[node?.type];
  if (!operator) return undefined;
  const leftName = propertyName(unwrap(node.value.left));
  const rightName = propertyName(unwrap(node.value.right));
  const leftLiteral = literal(unwrap(node.value.right));
  const rightLiteral = literal(unwrap(node.value.left));
  if (leftName && leftLiteral) return { column: column(leftName), operator, value: leftLiteral };
  if (rightName && rightLiteral) return { column: column(rightName), operator: MIRRORED[operator], value: rightLiteral };
  throw notImplemented('$filter compares a property with a literal (eq, ne, gt, ge, lt, le), combined with and, or, not.');
}

function compile(node: any, column: (name: string) => Column): (row: Row) => boolean {
  node = unwrap(node);
  if (node?.type === 'AndExpression' || node?.type === 'OrExpression') {
    const left = compile(node.value.left, column);
    const right = compile(node.value.right, column);
    return node.type === 'AndExpression' ? (row) => left(row) && right(row) : (row) => left(row) || right(row);
  }
  if (node?.type === 'NotExpression') {
    const inner = compile(node.value, column);
    return (row) => !inner(row);
  }
  if (node?.type === 'MethodCallExpression') return textMatch(node, column);
  const found = comparison(node, column);
  if (!found) throw notImplemented('$filter supports eq, ne, gt, ge, lt, le on properties, contains, startswith and endswith, with and, or, not.');
  return predicate(found);
}

const TEXT_MATCHES: Record<string, (value: string, part: string) => boolean> = {
  contains: (value, part) => value.includes(part),
  startswith: (value, part) => value.startsWith(part),
  endswith: (value, part) => value.endsWith(part),
};

/** contains / startswith / endswith on a text column (what Power Query folds its text filters into), case-sensitive as OData says. */
function textMatch(node: any, column: (name: string) => Column): (row: Row) => boolean {
  const match = TEXT_MATCHES[node.value?.method];
  const [subject, argument] = node.value?.parameters ?? [];
  const name = propertyName(unwrap(subject));
  const part = literal(unwrap(argument));
  if (!match || !name || part?.kind !== 'string') throw notImplemented('Of the $filter functions only contains, startswith and endswith (a text property and a quoted string) are supported.');
  const target = column(name);
  if (target.type !== 'Edm.String') throw badRequest(`${name} is not text; ${node.value.method} applies to text properties.`);
  return (row) => typeof row[name] === 'string' && match(row[name] as string, part.value);
}

/** Compares in the column's type: instants as instants, dates as calendar days, text by code point. */
function predicate({ column, operator, value }: Comparison): (row: Row) => boolean {
  const name = column.name;
  if (value.kind === 'null') {
    if (operator === 'eq') return (row) => row[name] === null;
    if (operator === 'ne') return (row) => row[name] !== null;
    throw badRequest(`${name} can be compared with null only by eq or ne.`);
  }
  let target: string | number | boolean;
  let key: (v: string | number | boolean) => string | number | boolean = (v) => v;
  switch (column.type) {
    case 'Edm.DateTimeOffset':
      if (value.kind !== 'datetime' && value.kind !== 'date') throw badRequest(`${name} is an Edm.DateTimeOffset; compare it with an instant such as 2026-01-31T00:00:00Z.`);
      target = Date.parse(value.kind === 'date' ? `${value.value}T00:00:00Z` : value.value);
      key = (v) => Date.parse(String(v));
      break;
    case 'Edm.Date':
      if (value.kind !== 'datetime' && value.kind !== 'date') throw badRequest(`${name} is an Edm.Date; compare it with a date such as 2026-01-31.`);
      target = value.value.slice(0, 10);
      break;
    case 'Edm.Int32':
    case 'Edm.Double':
      if (value.kind !== 'number') throw badRequest(`${name} is a number; compare it with a number.`);
      target = value.value;
      break;
    case 'Edm.Boolean':
      if (value.kind !== 'boolean') throw badRequest(`${name} is a boolean; compare it with true or false.`);
      if (operator !== 'eq' && operator !== 'ne') throw badRequest(`${name} is a boolean; compare it with eq or ne.`);
      target = value.value;
      break;
    default:
      if (value.kind !== 'string') throw badRequest(`${name} is a string; compare it with a quoted string such as 'X'.`);
      target = value.value;
  }
  return (row) => {
    const raw = row[name];
    if (raw === null || raw === undefined) return operator === 'ne';
    const v = key(raw);
    switch (operator) {
      case 'eq':
        return v === target;
      case 'ne':
        return v !== target;
      case 'gt':
        return v > target;
      case 'ge':
        return v >= target;
      case 'lt':
        return v < target;
      default:
        return v <= target;
    }
  };
}

/**
 * Graph arguments from the conjuncts at the top of the filter: a lower bound on the table's updated column
 * becomes `updatedSince` (floored to the minute, as JQL compares, so the graph returns a superset), an upper
 * bound `updatedBefore` (rounded up to the minute), an equality on a key column its argument.
 */
function collectPushdown(node: any, table: Table, pushdown: Record<string, string>): void {
  node = unwrap(node);
  if (node?.type === 'AndExpression') {
    collectPushdown(node.value.left, table, pushdown);
    collectPushdown(node.value.right, table, pushdown);
    return;
  }
  const found = comparison(node, (name) => table.columns.find((c) => c.name === name)!);
  if (!found || found.value.kind === 'null' || found.value.kind === 'number' || found.value.kind === 'boolean') return;
  if (found.column.name === table.updatedSince) {
    const text = found.value.kind === 'date' ? `${found.value.value}T00:00:00Z` : found.value.value;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return;
    if (found.operator === 'ge' || found.operator === 'gt' || found.operator === 'eq') {
      const floored = new Date(Math.floor(at / 60_000) * 60_000).toISOString();
      if (!pushdown.updatedSince || pushdown.updatedSince < floored) pushdown.updatedSince = floored;
    }
    // An upper bound becomes `updatedBefore` (exclusive), rounded up to the next minute: again a superset.
    if (found.operator === 'lt' || found.operator === 'le' || found.operator === 'eq') {
      const exclusive = found.operator === 'lt' ? at : at + 1;
      const ceiled = new Date(Math.ceil(exclusive / 60_000) * 60_000).toISOString();
      if (!pushdown.updatedBefore || pushdown.updatedBefore > ceiled) pushdown.updatedBefore = ceiled;
    }
  }
  const argument = table.equalityArguments?.[found.column.name];
  if (argument && found.operator === 'eq' && found.value.kind === 'string') pushdown[argument] = found.value.value;
}
