import { InvalidInputError } from '../http/invalid-input';

/**
 * Builds Microsoft Graph `$filter` expressions (OData v4). Property names come from our code and must be plain
 * identifiers; every value is an OData literal, strings single-quoted with `'` doubled (OData ABNF
 * `SQUOTE-in-string`), so a value such as `x' or mail ne '` stays one string and cannot change the filter.
 */

const PROPERTY = /^[A-Za-z][A-Za-z0-9_]*(?:\/[A-Za-z][A-Za-z0-9_]*)?$/;

export type ODataValue = string | number | boolean | null;

export interface ODataFilter {
  readonly text: string;
  readonly precedence: 'or' | 'and' | 'atom';
  /** Graph serves it only as an advanced query (`ConsistencyLevel: eventual` and `$count=true`). */
  readonly advanced: boolean;
}

function property(name: string): string {
  if (!PROPERTY.test(name)) throw new Error(`Not a Graph property: ${name}`);
  return name;
}

export function literal(value: ODataValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidInputError(`Not a finite number: ${value}`);
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}

const atom = (text: string, advanced: boolean): ODataFilter => ({ text, precedence: 'atom', advanced });
const group = (f: ODataFilter): string => (f.precedence === 'or' ? `(${f.text})` : f.text);

export const odata = {
  /** `eq null` is an advanced query on users (aad-advanced-queries). */
  eq(name: string, value: ODataValue): ODataFilter {
    return atom(`${property(name)} eq ${literal(value)}`, value === null);
  },
  ne(name: string, value: ODataValue): ODataFilter {
    return atom(`${property(name)} ne ${literal(value)}`, true);
  },
  ge(name: string, value: string | number): ODataFilter {
    return atom(`${property(name)} ge ${literal(value)}`, false);
  },
  le(name: string, value: string | number): ODataFilter {
    return atom(`${property(name)} le ${literal(value)}`, false);
  },
  in(name: string, values: readonly ODataValue[]): ODataFilter {
    if (values.length === 0) throw new Error('odata.in needs at least one value');
    return atom(`${property(name)} in (${values.map(literal).join(',')})`, false);
  },
  startsWith(name: string, value: string): ODataFilter {
    return atom(`startsWith(${property(name)},${literal(value)})`, false);
  },
  endsWith(name: string, value: string): ODataFilter {
    return atom(`endsWith(${property(name)},${literal(value)})`, true);
  },
  and(...filters: ODataFilter[]): ODataFilter {
    if (filters.length === 1) return filters[0];
    return { text: filters.map(group).join(' and '), precedence: 'and', advanced: filters.some((f) => f.advanced) };
  },
  or(...filters: ODataFilter[]): ODataFilter {
    if (filters.length === 1) return filters[0];
    return { text: filters.map((f) => f.text).join(' or '), precedence: 'or', advanced: filters.some((f) => f.advanced) };
  },
  not(filter: ODataFilter): ODataFilter {
    return atom(`not(${filter.text})`, true);
  },
};

/**
 * One `$search` clause, `"property:value"`. Graph tokenises the value and reads `"` and `\` inside the quotes
 * itself; rather than rely on undocumented escaping, such values are refused.
 */
export function searchClause(name: string, value: string): string {
  if (/["\\]/.test(value)) throw new InvalidInputError(`A directory search may not contain " or \\: ${JSON.stringify(value)}`, 'search');
  return `"${property(name)}:${value}"`;
}
