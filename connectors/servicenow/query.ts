import { InvalidInputError } from '../http/invalid-input';

/**
 * Builds ServiceNow encoded queries. ServiceNow has no documented escape for `^` (the condition separator) and
 * silently ignores what it cannot parse, so a value carrying `^`, `=`, a control character, or a comma inside
 * an IN list, or one starting with `javascript:` (which the instance would run), is refused with
 * InvalidInputError rather than sent: no value can add or reshape a condition.
 * Field names come from our code and must match a strict pattern (dot-walks allowed).
 */

const FIELD = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/;

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'LIKE' | 'STARTSWITH' | 'ENDSWITH';

/** Whether `name` is a plain (possibly dot-walked) column name, for settings that name a field. */
export const isFieldName = (name: string): boolean => FIELD.test(name);

function field(name: string): string {
  if (!FIELD.test(name)) throw new Error(`Not a ServiceNow field name: ${name}`);
  return name;
}

export function checkValue(value: string, extraForbidden = ''): string {
  const forbidden = new RegExp(`[\\^=\\u0000-\\u001f\\u007f${extraForbidden}]`);
  if (forbidden.test(value)) {
    throw new InvalidInputError(`This value cannot be used in a ServiceNow query (it contains "^", "=", a control character or a list separator): ${JSON.stringify(value)}`);
  }
  // The instance evaluates a `javascript:` value as a server-side script (e.g. `javascript:gs.getUserID()`).
  if (/^\s*javascript:/i.test(value)) {
    throw new InvalidInputError(`This value cannot be used in a ServiceNow query (it would run as a script): ${JSON.stringify(value)}`);
  }
  return value;
}

/** An instant as the Table API stores and compares glide_date_time values: `yyyy-MM-dd HH:mm:ss` in UTC. */
export function glideDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new InvalidInputError('Not a valid date and time');
  return instant.toISOString().replace('T', ' ').slice(0, 19);
}

export interface Condition {
  readonly text: string;
}

export const condition = {
  where(name: string, operator: Operator, value: string): Condition {
    return { text: `${field(name)}${operator}${checkValue(value)}` };
  },
  in(name: string, values: readonly string[]): Condition {
    if (values.length === 0) throw new Error(`"${name}IN" needs at least one value`);
    return { text: `${field(name)}IN${values.map((v) => checkValue(v, ',')).join(',')}` };
  },
  notIn(name: string, values: readonly string[]): Condition {
    if (values.length === 0) throw new Error(`"${name}NOT IN" needs at least one value`);
    return { text: `${field(name)}NOT IN${values.map((v) => checkValue(v, ',')).join(',')}` };
  },
  /** `a^ORb`: ANDed with its neighbours, it holds when any of `conditions` does (^OR binds tighter than ^). */
  anyOf(conditions: readonly Condition[]): Condition {
    if (conditions.length === 0) throw new Error('anyOf needs at least one condition');
    return { text: conditions.map((c) => c.text).join('^OR') };
  },
  isEmpty(name: string): Condition {
    return { text: `${field(name)}ISEMPTY` };
  },
  isNotEmpty(name: string): Condition {
    return { text: `${field(name)}ISNOTEMPTY` };
  },
};

/** Conditions are ANDed (`^`); a group from `anyOf` is ORed (`^OR`), which binds to its neighbours only. */
export class EncodedQuery {
  private readonly parts: string[] = [];
  private readonly order: string[] = [];

  and(c: Condition): this {
    this.parts.push(c.text);
    return this;
  }

  where(name: string, operator: Operator, value: string): this {
    return this.and(condition.where(name, operator, value));
  }

  in(name: string, values: readonly string[]): this {
    return this.and(condition.in(name, values));
  }

  /** `a^ORb^ORc`: one OR group ANDed with the rest. */
  anyOf(conditions: readonly Condition[]): this {
    return this.and(condition.anyOf(conditions));
  }

  orderBy(name: string, direction: 'asc' | 'desc' = 'asc'): this {
    this.order.push(`${direction === 'desc' ? 'ORDERBYDESC' : 'ORDERBY'}${field(name)}`);
    return this;
  }

  hasOrder(): boolean {
    return this.order.length > 0;
  }

  toString(): string {
    return [...this.parts, ...this.order].join('^');
  }
}

export const encodedQuery = (): EncodedQuery => new EncodedQuery();
