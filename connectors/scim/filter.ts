import { InvalidInputError } from '../http/invalid-input';

/**
 * Builds SCIM 2.0 filters (RFC 7644 §3.4.2.2). Attribute paths come from our code and must match the
 * ABNF's attrPath (optionally URN-qualified); every value is a JSON literal (JSON.stringify escapes `"` and
 * `\`), so a value such as `x" or userName pr` stays one string and cannot change the filter.
 */

const ATTR_PATH = /^(?:urn:[A-Za-z0-9.:-]+:)?[A-Za-z][A-Za-z0-9_$-]*(?:\.[A-Za-z][A-Za-z0-9_$-]*)?$/;

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export interface ScimFilter {
  readonly text: string;
  /** Whether the expression is an `or` at top level (needs parentheses inside `and`/`not`). */
  readonly precedence: 'or' | 'and' | 'atom';
}

function path(name: string): string {
  if (!ATTR_PATH.test(name)) throw new Error(`Not a SCIM attribute path: ${name}`);
  return name;
}

const group = (f: ScimFilter, within: 'and' | 'not'): string =>
  f.precedence === 'atom' || (within === 'and' && f.precedence === 'and') ? f.text : `(${f.text})`;

export const scim = {
  compare(attribute: string, operator: CompareOperator, value: string | number | boolean | null): ScimFilter {
    // JSON.stringify(NaN) is "null", which would silently turn the comparison into a different filter.
    if (typeof value === 'number' && !Number.isFinite(value)) throw new InvalidInputError(`Not a finite number: ${value}`);
    return { text: `${path(attribute)} ${operator} ${JSON.stringify(value)}`, precedence: 'atom' };
  },
  eq(attribute: string, value: string | number | boolean | null): ScimFilter {
    return scim.compare(attribute, 'eq', value);
  },
  co(attribute: string, value: string): ScimFilter {
    return scim.compare(attribute, 'co', value);
  },
  sw(attribute: string, value: string): ScimFilter {
    return scim.compare(attribute, 'sw', value);
  },
  pr(attribute: string): ScimFilter {
    return { text: `${path(attribute)} pr`, precedence: 'atom' };
  },
  and(...filters: ScimFilter[]): ScimFilter {
    if (filters.length === 1) return filters[0];
    return { text: filters.map((f) => group(f, 'and')).join(' and '), precedence: 'and' };
  },
  or(...filters: ScimFilter[]): ScimFilter {
    if (filters.length === 1) return filters[0];
    return { text: filters.map((f) => f.text).join(' or '), precedence: 'or' };
  },
  not(filter: ScimFilter): ScimFilter {
    return { text: `not (${filter.text})`, precedence: 'atom' };
  },
};

export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
