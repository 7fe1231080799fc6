import { InvalidInputError } from '../http/invalid-input';

/**
 * Builds JQL. Field names come from our code and are checked against a strict pattern; every value is a
 * double-quoted JQL string with `\` and `"` escaped and control characters refused, so a value such as
 * `x" OR project = SECRET ORDER BY key` stays one literal and can never change the query's meaning.
 *
 * Negative clauses (`!=`, `not in`) and `anyOf` groups are kept as data rather than text, so the connector can
 * rebuild a query Jira rejected without the projects it does not know (see `withoutExcludedProjects`).
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

/** `field != "a"` or `field not in ("a", "b")`, its values unquoted; already checked and quotable. */
interface Exclusion {
  kind: 'exclusion';
  field: string;
  operator: '!=' | 'not in';
  values: readonly string[];
}

type Clause = { kind: 'text'; text: string } | Exclusion | { kind: 'anyOf'; alternatives: readonly Jql[] };

function render(clause: Clause): string {
  switch (clause.kind) {
    case 'text':
      return clause.text;
    case 'exclusion':
      return clause.operator === '!='
        ? `${clause.field} != ${quoteJql(clause.values[0])}`
        : `${clause.field} not in (${clause.values.map(quoteJql).join(', ')})`;
    case 'anyOf': {
      const parts = clause.alternatives.map((a) => a.condition()).filter((c) => c !== '');
      return parts.length ? `(${parts.map((p) => `(${p})`).join(' OR ')})` : '';
    }
  }
}

export class Jql {
  private readonly clauses: Clause[] = [];
  private readonly order: string[] = [];

  where(name: string, operator: JqlOperator, value: string): this {
    if (operator === '!=') return this.exclude(name, '!=', [value]);
    return this.text(`${field(name)} ${operator} ${quoteJql(value)}`);
  }

  in(name: string, values: readonly string[]): this {
    if (values.length === 0) throw new Error(`JQL "${name} in ()" needs at least one value`);
    return this.text(`${field(name)} in (${values.map(quoteJql).join(', ')})`);
  }

  notIn(name: string, values: readonly string[]): this {
    if (values.length === 0) return this;
    return this.exclude(name, 'not in', values);
  }

  isEmpty(name: string, empty = true): this {
    return this.text(`${field(name)} is ${empty ? 'EMPTY' : 'not EMPTY'}`);
  }

  /** `(a OR b ...)` from sub-builders' conditions (their ORDER BY is ignored); later changes to them do not reach this query. */
  anyOf(alternatives: readonly Jql[]): this {
    this.clauses.push({ kind: 'anyOf', alternatives: alternatives.map((a) => a.copy()) });
    return this;
  }

  orderBy(name: string, direction: 'ASC' | 'DESC' = 'ASC'): this {
    if (this.order.length >= ORDER_FIELDS) throw new Error(`JQL allows at most ${ORDER_FIELDS} ORDER BY fields`);
    this.order.push(`${field(name)} ${direction}`);
    return this;
  }

  /**
   * This query with `keys` taken out of every `project != …` / `project not in (…)` clause, at any depth; null
   * when no such clause names one of them. Jira rejects JQL that names a project it does not know even where
   * the clause only excludes it, and excluding a project that does not exist excludes nothing. A clause left
   * with no key becomes `project is not EMPTY`: what `!=` and `not in` match when nothing is excluded (every
   * issue has a project), and still a restriction, which Jira Cloud requires.
   */
  withoutExcludedProjects(keys: readonly string[]): Jql | null {
    const unknown = new Set(keys.map((k) => k.toUpperCase()));
    let changed = false;
    const rebuilt = new Jql();
    rebuilt.order.push(...this.order);
    for (const clause of this.clauses) {
      if (clause.kind === 'exclusion' && clause.field.toLowerCase() === 'project' && clause.values.some((v) => unknown.has(v.toUpperCase()))) {
        changed = true;
        const kept = clause.values.filter((v) => !unknown.has(v.toUpperCase()));
        rebuilt.clauses.push(kept.length ? { ...clause, values: kept } : { kind: 'text', text: `${clause.field} is not EMPTY` });
      } else if (clause.kind === 'anyOf') {
        const alternatives = clause.alternatives.map((a) => a.withoutExcludedProjects(keys));
        changed ||= alternatives.some((a) => a !== null);
        rebuilt.clauses.push({ kind: 'anyOf', alternatives: alternatives.map((a, i) => a ?? clause.alternatives[i]) });
      } else rebuilt.clauses.push(clause);
    }
    return changed ? rebuilt : null;
  }

  condition(): string {
    return this.clauses.map(render).filter((c) => c !== '').join(' AND ');
  }

  toString(): string {
    const where = this.condition();
    const order = this.order.length ? `ORDER BY ${this.order.join(', ')}` : '';
    return [where, order].filter(Boolean).join(' ');
  }

  private text(text: string): this {
    this.clauses.push({ kind: 'text', text });
    return this;
  }

  private exclude(name: string, operator: Exclusion['operator'], values: readonly string[]): this {
    field(name);
    // Quoting checks every value now, where the caller supplied it, not when the query is rendered.
    values.forEach(quoteJql);
    this.clauses.push({ kind: 'exclusion', field: name, operator, values: [...values] });
    return this;
  }

  private copy(): Jql {
    const copy = new Jql();
    copy.clauses.push(...this.clauses);
    copy.order.push(...this.order);
    return copy;
  }
}

export const jql = (): Jql => new Jql();

/**
 * What the connector's searches take: a builder's query, which the connector can rebuild without projects Jira
 * does not know, or JQL text, sent as written.
 */
export type JqlQuery = Jql | string;
