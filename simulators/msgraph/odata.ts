/**
 * The OData subset Graph accepts on /users and /groups: `$filter` with eq, ne, ge, le, in, startsWith,
 * endsWith, and, or, not and parentheses (string literals single-quoted, `''` for a quote), and `$search`
 * clauses `"property:words"` joined by AND / OR, matched by word prefix. String comparisons ignore case.
 */

export class ODataError extends Error {}

/** Entra ID refuses more terms than this in one filter (or one `in` list). */
export const MAX_FILTER_TERMS = 15;

type Value = string | number | boolean | null;
type Item = Record<string, unknown>;
export type Predicate = (item: Item) => boolean;

export interface ParsedFilter {
  test: Predicate;
  /** Uses what only advanced queries may (ne, not, endsWith, eq null). */
  advanced: boolean;
}

const TOKEN = /\s*(?:('(?:[^']|'')*')|([(),])|([A-Za-z_][\w/.]*)|(-?\d+(?:\.\d+)?))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let end = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    tokens.push(m[0].trim());
    end = TOKEN.lastIndex;
  }
  if (text.slice(end).trim() !== '') throw new ODataError(`Syntax error at position ${end} in '${text}'`);
  return tokens;
}

const fold = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

export function parseFilter(text: string, properties: ReadonlySet<string>): ParsedFilter {
  const tokens = tokenize(text);
  let at = 0;
  let advanced = false;
  let terms = 0;
  const peek = () => tokens[at]?.toLowerCase();
  const next = () => {
    if (at >= tokens.length) throw new ODataError(`Syntax error: '${text}' ends too early`);
    return tokens[at++];
  };
  const expect = (t: string) => {
    if (next() !== t) throw new ODataError(`Syntax error: expected '${t}' in '${text}'`);
  };
  const property = (name: string): string => {
    if (!properties.has(name.split('/')[0])) throw new ODataError(`Could not find a property named '${name}' on type 'microsoft.graph.user'.`);
    return name;
  };
  const read = (item: Item, name: string): unknown => name.split('/').reduce<unknown>((v, p) => (v as Item | null)?.[p], item);
  const literal = (token: string): Value => {
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    if (/^-?\d/.test(token)) return Number(token);
    throw new ODataError(`Syntax error: '${token}' is not a literal`);
  };
  const or = (): Predicate => {
    const parts = [and()];
    while (peek() === 'or') {
      at++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0] : (item) => parts.some((p) => p(item));
  };
  const and = (): Predicate => {
    const parts = [unary()];
    while (peek() === 'and') {
      at++;
      parts.push(unary());
    }
    return parts.length === 1 ? parts[0] : (item) => parts.every((p) => p(item));
  };
  const unary = (): Predicate => {
    if (peek() === 'not') {
      at++;
      advanced = true;
      expect('(');
      const inner = or();
      expect(')');
      return (item) => !inner(item);
    }
    if (peek() === '(') {
      at++;
      const inner = or();
      expect(')');
      return inner;
    }
    const first = next();
    if (first === 'startsWith' || first === 'endsWith') {
      terms++;
      if (first === 'endsWith') advanced = true;
      expect('(');
      const name = property(next());
      expect(',');
      const value = literal(next());
      expect(')');
      if (typeof value !== 'string') throw new ODataError(`${first} needs a string`);
      const v = value.toLowerCase();
      return (item) => {
        const actual = read(item, name);
        return typeof actual === 'string' && (first === 'startsWith' ? actual.toLowerCase().startsWith(v) : actual.toLowerCase().endsWith(v));
      };
    }
    const name = property(first);
    const operator = next();
    terms++;
    if (operator === 'in') {
      expect('(');
      const values: Value[] = [literal(next())];
      while (peek() === ',') {
        at++;
        values.push(literal(next()));
      }
      expect(')');
      if (values.length > MAX_FILTER_TERMS) throw new ODataError(`Too many values in 'in' clause: ${values.length}. Max allowed: ${MAX_FILTER_TERMS}.`);
      const wanted = values.map(fold);
      return (item) => wanted.includes(fold(read(item, name) ?? null));
    }
    const value = literal(next());
    if (operator === 'ne' || value === null) advanced = true;
    const compare = (item: Item): number | null => {
      const a = fold(read(item, name) ?? null) as string | number | boolean | null;
      const b = fold(value) as string | number | boolean | null;
      if (a === null || b === null) return a === b ? 0 : null;
      return a < b ? -1 : a > b ? 1 : 0;
    };
    switch (operator) {
      case 'eq':
        return (item) => compare(item) === 0;
      case 'ne':
        return (item) => compare(item) !== 0;
      case 'ge':
        return (item) => (compare(item) ?? -1) >= 0;
      case 'le':
        return (item) => (compare(item) ?? 1) <= 0;
      default:
        throw new ODataError(`Unsupported or invalid query filter clause specified for property '${name}' of resource 'User'.`);
    }
  };
  const test = or();
  if (at !== tokens.length) throw new ODataError(`Syntax error at '${tokens[at]}' in '${text}'`);
  if (terms > MAX_FILTER_TERMS) throw new ODataError(`Too many child clauses specified in search filter expression: ${terms}. Max allowed: ${MAX_FILTER_TERMS}.`);
  return { test, advanced };
}

const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** `"displayName:mia kry" OR ("mail:x" AND "displayName:y")`: each word of the clause prefixes some word of the property. */
export function parseSearch(text: string, properties: ReadonlySet<string>): Predicate {
  const tokens: string[] = [];
  const pattern = /\s*(?:("[^"]*")|([()])|(AND|OR)\b)/y;
  let end = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    tokens.push(m[0].trim());
    end = pattern.lastIndex;
  }
  if (text.slice(end).trim() !== '') throw new ODataError(`Syntax error in $search at position ${end}: the clauses must be "property:value"`);
  let at = 0;
  const clause = (token: string): Predicate => {
    const match = /^"([A-Za-z]+):(.*)"$/s.exec(token);
    if (!match || !properties.has(match[1])) throw new ODataError(`Invalid $search clause ${token}`);
    const wanted = words(match[2]);
    return (item) => {
      const have = words(String(item[match[1]] ?? ''));
      return wanted.every((w) => have.some((h) => h.startsWith(w)));
    };
  };
  const primary = (): Predicate => {
    const token = tokens[at++];
    if (token === '(') {
      const inner = either();
      if (tokens[at++] !== ')') throw new ODataError('Syntax error in $search: missing )');
      return inner;
    }
    if (!token?.startsWith('"')) throw new ODataError('Syntax error in $search');
    return clause(token);
  };
  const both = (): Predicate => {
    const parts = [primary()];
    while (tokens[at] === 'AND') {
      at++;
      parts.push(primary());
    }
    return (item) => parts.every((p) => p(item));
  };
  const either = (): Predicate => {
    const parts = [both()];
    while (tokens[at] === 'OR') {
      at++;
      parts.push(both());
    }
    return (item) => parts.some((p) => p(item));
  };
  const test = either();
  if (at !== tokens.length) throw new ODataError('Syntax error in $search');
  return test;
}
