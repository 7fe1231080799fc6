import { InvalidInputError } from '../http/invalid-input';

/**
 * Builds JQL. Field names come from our code and are checked against a strict pattern; every value is a
 * double-quoted JQL string with `\` and `"` escaped and control characters refused, so a value such as
 * `x" OR project = SECRET ORDER BY key` stays one literal and can never change the query's meaning.
 */

const FIELD = /^(?:[A-Za-z][A-Za-z0-9_]*|cf\[\d+\])$/;
const ORDER_FIELDS = 7;

export function quoteJql(value: string): string {
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new InvalidInputError(`JQL values cannot contain control characters (newlines, tabs): ${JSON.stringify(value)}`);
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function field(name: string): string {
  if (!FIELD.test(name)) throw new Error(`Not a JQL field name: ${name}`);
  return name;
}

export type JqlOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';

export class Jql {
  private readonly clauses: string[] = [];
  private readonly order: string[] = [];

  where(name: string, operator: JqlOperator, value: string): this {
    this.clauses.push(`${field(name)} ${operator} ${quoteJql(value)}`);
    return this;
  }

  in(name: string, values: readonly string[]): this {
    if (values.length === 0) throw new Error(`JQL "${name} in ()" needs at least one value`);
    this.clauses.push(`${field(name)} in (${values.map(quoteJql).join(', ')})`);
    return this;
  }

  notIn(name: string, values: readonly string[]): this {
    if (values.length === 0) return this;
    this.clauses.push(`${field(name)} not in (${values.map(quoteJql).join(', ')})`);
    return this;
  }

  isEmpty(name: string, empty = true): this {
    this.clauses.push(`${field(name)} is ${empty ? 'EMPTY' : 'not EMPTY'}`);
    return this;
  }

  /** `(a OR b ...)` from sub-builders' conditions (their ORDER BY is ignored). */
  anyOf(alternatives: readonly Jql[]): this {
    const parts = alternatives.map((a) => a.condition()).filter((c) => c !== '');
    if (parts.length) this.clauses.push(`(${parts.map((p) => `(${p})`).join(' OR ')})`);
    return this;
  }

  orderBy(name: string, direction: 'ASC' | 'DESC' = 'ASC'): this {
    if (this.order.length >= ORDER_FIELDS) throw new Error(`JQL allows at most ${ORDER_FIELDS} ORDER BY fields`);
    this.order.push(`${field(name)} ${direction}`);
    return this;
  }

  condition(): string {
    return this.clauses.join(' AND ');
  }

  toString(): string {
    const where = this.condition();
    const order = this.order.length ? `ORDER BY ${this.order.join(', ')}` : '';
    return [where, order].filter(Boolean).join(' ');
  }
}

export const jql = (): Jql => new Jql();
