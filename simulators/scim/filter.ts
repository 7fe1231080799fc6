/**
 * RFC 7644 §3.4.2.2 filters: a parser into a small tree and an evaluator over rendered SCIM resources (plain
 * JSON), so the simulator filters exactly what it serves. Attribute names, operators and `and`/`or`/`not` are
 * case-insensitive; values are JSON literals; precedence is `not` > `and` > `or`. String comparison ignores
 * case except for caseExact attributes. An unknown attribute is simply unassigned (matches nothing but `ne`).
 */

export class FilterError extends Error {
  override readonly name = 'FilterError';
}

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type Literal = string | number | boolean | null;

/** `[uri:]attr[.sub]`; `uri` is the schema URN when the path is fully qualified. */
export interface AttrPath {
  uri: string | null;
  attr: string;
  sub: string | null;
}

export type FilterNode =
  | { kind: 'or' | 'and'; terms: FilterNode[] }
  | { kind: 'not'; term: FilterNode }
  | { kind: 'present'; path: AttrPath }
  | { kind: 'compare'; path: AttrPath; op: CompareOperator; value: Literal }
  /** `emails[type eq "work"]`: some element of the multi-valued attribute matches `filter`. */
  | { kind: 'valuePath'; path: AttrPath; filter: FilterNode };

/** Beyond these a filter is refused as too complex (the connector sends at most 50 terms per request). */
export const MAX_FILTER_TERMS = 200;
const MAX_NESTING = 32;

const OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr']);
/** RFC 7643 §3.1: `id` and `externalId` are caseExact; meta.version is an opaque ETag. */
const CASE_EXACT = new Set(['id', 'externalid', 'meta.version']);
const DATE_TIME = new Set(['meta.created', 'meta.lastmodified']);
const NAME_CHAR = /[A-Za-z0-9_$\-]/;
const PATH_CHAR = /[A-Za-z0-9_$\-:.]/;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const ATTR_NAME = /^[A-Za-z$][A-Za-z0-9_$\-]*$/;

export function parseAttrPath(text: string): AttrPath {
  const colon = text.lastIndexOf(':');
  const uri = colon >= 0 ? text.slice(0, colon) : null;
  const [attr, sub, ...rest] = text.slice(colon + 1).split('.');
  if ((uri !== null && !/^urn:/i.test(uri)) || !ATTR_NAME.test(attr ?? '') || (sub !== undefined && !ATTR_NAME.test(sub)) || rest.length) {
    throw new FilterError(`Invalid attribute path "${text}"`);
  }
  return { uri, attr, sub: sub ?? null };
}

export function parseFilter(text: string): FilterNode {
  const parser = new Parser(text);
  const node = parser.filter(0);
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('expected "and", "or" or the end of the filter');
  if (parser.terms > MAX_FILTER_TERMS) throw new FilterError(`filter too complex: ${parser.terms} terms (at most ${MAX_FILTER_TERMS})`);
  return node;
}

class Parser {
  private pos = 0;
  terms = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(expected: string): never {
    const near = this.text.slice(this.pos, this.pos + 20);
    throw new FilterError(`Invalid filter at position ${this.pos + 1}: ${expected}${near ? ` near "${near}"` : ''}`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  /** Consumes `word` (case-insensitive) when it stands alone at the cursor. */
  private keyword(word: string): boolean {
    this.skipSpace();
    const candidate = this.text.slice(this.pos, this.pos + word.length);
    const after = this.text[this.pos + word.length];
    if (candidate.toLowerCase() !== word || (after !== undefined && NAME_CHAR.test(after))) return false;
    this.pos += word.length;
    return true;
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) this.fail(`expected "${char}"`);
    this.pos++;
  }

  filter(depth: number): FilterNode {
    if (depth > MAX_NESTING) this.fail('too deeply nested');
    const terms = [this.conjunction(depth)];
    while (this.keyword('or')) terms.push(this.conjunction(depth));
    return terms.length === 1 ? terms[0] : { kind: 'or', terms };
  }

  private conjunction(depth: number): FilterNode {
    const terms = [this.unary(depth)];
    while (this.keyword('and')) terms.push(this.unary(depth));
    return terms.length === 1 ? terms[0] : { kind: 'and', terms };
  }

  private unary(depth: number): FilterNode {
    this.skipSpace();
    const start = this.pos;
    if (this.keyword('not')) {
      this.skipSpace();
      if (this.text[this.pos] === '(') return { kind: 'not', term: this.group(depth) };
      this.pos = start;
    }
    if (this.text[this.pos] === '(') return this.group(depth);
    return this.attributeExpression(depth);
  }

  private group(depth: number): FilterNode {
    this.expect('(');
    const node = this.filter(depth + 1);
    this.expect(')');
    return node;
  }

  private attributeExpression(depth: number): FilterNode {
    const path = this.path();
    if (this.text[this.pos] === '[') {
      if (path.sub) this.fail('a value filter applies to an attribute, not a sub-attribute');
      this.pos++;
      let inner = this.filter(depth + 1);
      this.expect(']');
      // `emails[type eq "work"].value eq "x"` means `emails[type eq "work" and value eq "x"]`.
      if (this.text[this.pos] === '.') {
        this.pos++;
        const sub = this.path();
        if (sub.uri || sub.sub) this.fail('expected a sub-attribute name');
        inner = { kind: 'and', terms: [inner, this.comparison(sub)] };
      }
      return { kind: 'valuePath', path, filter: inner };
    }
    return this.comparison(path);
  }

  private comparison(path: AttrPath): FilterNode {
    this.skipSpace();
    const match = /^[A-Za-z]+/.exec(this.text.slice(this.pos));
    const op = match?.[0].toLowerCase();
    if (!op || !OPERATORS.has(op)) this.fail('expected an operator (eq ne co sw ew pr gt ge lt le)');
    this.pos += op.length;
    this.terms++;
    if (op === 'pr') return { kind: 'present', path };
    const value = this.literal();
    if (typeof value === 'boolean' || value === null) {
      if (!['eq', 'ne'].includes(op)) this.fail(`"${op}" cannot compare with ${String(value)}`);
    }
    return { kind: 'compare', path, op: op as CompareOperator, value };
  }

  private path(): AttrPath {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.text.length && PATH_CHAR.test(this.text[this.pos])) this.pos++;
    if (start === this.pos) this.fail('expected an attribute path');
    try {
      return parseAttrPath(this.text.slice(start, this.pos));
    } catch (error) {
      this.pos = start;
      this.fail((error as Error).message.toLowerCase());
    }
  }

  private literal(): Literal {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    if (rest.startsWith('"')) {
      let end = 1;
      while (end < rest.length && rest[end] !== '"') end += rest[end] === '\\' ? 2 : 1;
      if (end >= rest.length) this.fail('unterminated string');
      let value: string;
      try {
        value = JSON.parse(rest.slice(0, end + 1)) as string;
      } catch {
        this.fail('invalid JSON string');
      }
      this.pos += end + 1;
      return value;
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (rest.startsWith(word) && !NAME_CHAR.test(rest[word.length] ?? ' ')) {
        this.pos += word.length;
        return value;
      }
    }
    const number = JSON_NUMBER.exec(rest);
    if (number && !NAME_CHAR.test(rest[number[0].length] ?? ' ')) {
      this.pos += number[0].length;
      return Number(number[0]);
    }
    this.fail('expected a value (a JSON string, number, true, false or null)');
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Property lookup ignoring case, as SCIM attribute names are case-insensitive. */
export function getAttribute(object: Json, name: string): unknown {
  if (name in object) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

const flat = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** The object a path's attribute lives in: the resource itself, or an extension's sub-object. */
function container(resource: Json, path: AttrPath): Json | undefined {
  if (path.uri === null) return resource;
  const schemas = flat(resource.schemas).map((s) => String(s).toLowerCase());
  if (schemas[0] === path.uri.toLowerCase()) return resource;
  const extension = getAttribute(resource, path.uri);
  return isObject(extension) ? extension : undefined;
}

/** Every value at `path` (multi-valued attributes flattened); a complex value without a sub-attribute stays whole. */
export function valuesAt(resource: Json, path: AttrPath): unknown[] {
  const base = container(resource, path);
  if (!base) return [];
  const values = flat(getAttribute(base, path.attr));
  if (path.sub === null) return values;
  const sub = path.sub;
  return values.flatMap((v) => (isObject(v) ? flat(getAttribute(v, sub)) : []));
}

export type Predicate = (resource: Json) => boolean;

/**
 * Compiles a parsed filter once per request. The `or` of equalities on one attribute that batched look-ups
 * send (`emails.value eq "a" or emails.value eq "b" …`) becomes one set look-up per resource.
 */
export function compileFilter(node: FilterNode, prefix = ''): Predicate {
  switch (node.kind) {
    case 'or': {
      const lookUp = equalitySet(node.terms, prefix);
      if (lookUp) return lookUp;
      const terms = node.terms.map((t) => compileFilter(t, prefix));
      return (r) => terms.some((t) => t(r));
    }
    case 'and': {
      const terms = node.terms.map((t) => compileFilter(t, prefix));
      return (r) => terms.every((t) => t(r));
    }
    case 'not': {
      const term = compileFilter(node.term, prefix);
      return (r) => !term(r);
    }
    case 'present':
      return (r) => valuesAt(r, node.path).some(present);
    case 'valuePath': {
      const inner = compileFilter(node.filter, `${node.path.attr}.`);
      return (r) => valuesAt(r, node.path).some((element) => isObject(element) && inner(element));
    }
    case 'compare':
      return comparison(node, prefix);
  }
}

const qualifiedName = (path: AttrPath, prefix: string): string => `${prefix}${path.attr}${path.sub ? `.${path.sub}` : ''}`.toLowerCase();

/** A complex multi-valued attribute compared without a sub-attribute compares its `value` (RFC 7644 §3.4.2.2). */
const comparable = (resource: Json, path: AttrPath): unknown[] =>
  valuesAt(resource, path).map((v) => (isObject(v) ? getAttribute(v, 'value') : v));

function comparison(node: Extract<FilterNode, { kind: 'compare' }>, prefix: string): Predicate {
  const name = qualifiedName(node.path, prefix);
  const caseExact = CASE_EXACT.has(name);
  const expected = node.value;
  // `eq null` means unassigned; `ne` is true when no value is equal (including when there is none).
  if (expected === null) return (r) => comparable(r, node.path).some(present) === (node.op === 'ne');
  const op = node.op === 'ne' ? 'eq' : node.op;
  let test: (actual: unknown) => boolean;
  if (DATE_TIME.has(name) && typeof expected === 'string' && !['co', 'sw', 'ew'].includes(op)) {
    const instant = Date.parse(expected);
    if (Number.isNaN(instant)) throw new FilterError(`${JSON.stringify(expected)} is not a dateTime`);
    test = (actual) => typeof actual === 'string' && ordered(op, Date.parse(actual) - instant);
  } else {
    const normalised = typeof expected === 'string' && !caseExact ? expected.toLowerCase() : expected;
    test = (actual) => compare(op, actual, normalised, caseExact, name);
  }
  const hit = (r: Json) => comparable(r, node.path).some(test);
  return node.op === 'ne' ? (r) => !hit(r) : hit;
}

function equalitySet(terms: FilterNode[], prefix: string): Predicate | null {
  const first = terms[0];
  if (first.kind !== 'compare') return null;
  const samePath = (path: AttrPath) => qualifiedName(path, prefix) === qualifiedName(first.path, prefix) && (path.uri ?? '').toLowerCase() === (first.path.uri ?? '').toLowerCase();
  const values: string[] = [];
  for (const t of terms) {
    if (t.kind !== 'compare' || t.op !== 'eq' || typeof t.value !== 'string' || !samePath(t.path)) return null;
    values.push(t.value);
  }
  const name = qualifiedName(first.path, prefix);
  if (DATE_TIME.has(name)) return null;
  const caseExact = CASE_EXACT.has(name);
  const wanted = new Set(caseExact ? values : values.map((v) => v.toLowerCase()));
  return (r) => comparable(r, first.path).some((v) => typeof v === 'string' && wanted.has(caseExact ? v : v.toLowerCase()));
}

function present(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.values(value).some(present);
  return true;
}

/** `expected` is already lower-cased when the attribute is not caseExact. */
function compare(op: CompareOperator, actual: unknown, expected: string | number | boolean, caseExact: boolean, name: string): boolean {
  if (actual === null || actual === undefined) return false;
  if (typeof actual === 'boolean') {
    if (op !== 'eq') throw new FilterError(`"${op}" is not supported on the boolean attribute ${name}`);
    return actual === expected;
  }
  if (typeof actual === 'number' && typeof expected === 'number') return ordered(op, actual - expected);
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  const a = caseExact ? actual : actual.toLowerCase();
  switch (op) {
    case 'co':
      return a.includes(expected);
    case 'sw':
      return a.startsWith(expected);
    case 'ew':
      return a.endsWith(expected);
    default:
      return ordered(op, a < expected ? -1 : a > expected ? 1 : 0);
  }
}

function ordered(op: CompareOperator, difference: number): boolean {
  switch (op) {
    case 'eq':
      return difference === 0;
    case 'gt':
      return difference > 0;
    case 'ge':
      return difference >= 0;
    case 'lt':
      return difference < 0;
    case 'le':
      return difference <= 0;
    default:
      return false;
  }
}
