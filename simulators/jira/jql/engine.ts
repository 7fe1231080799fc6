import type { DemoIssue } from '../../data/dataset';
import type { JiraStore } from '../store';
import { jqlFields, type DateField, type JqlField, type RefField, type SortValue } from './fields';
import { JqlError } from './lexer';
import { parseJql, type JqlNode, type Operand, type OperandItem, type Operator, type SortKey } from './parser';

const DAY = 86_400_000;
const CACHE_SIZE = 64;
const UNIT_MS: Record<string, number> = { w: 7 * DAY, d: DAY, h: 3_600_000, m: 60_000 };
const DATE_FORMATS =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

/** A compiled condition: a test per issue, and where an index can answer it, the candidate issues. */
interface Condition {
  test: (issue: DemoIssue) => boolean;
  candidates: () => readonly DemoIssue[] | null;
}

const ALL: () => null = () => null;

const ORDER_CHECKS: Partial<Record<Operator, (value: number, bound: number) => boolean>> = {
  '<': (v, b) => v < b,
  '<=': (v, b) => v <= b,
  '>': (v, b) => v > b,
  '>=': (v, b) => v >= b,
};

/**
 * Runs JQL over the data set. Conditions on project, key and parent are answered from the store's indexes
 * (so `project = X` touches only X's issues, and `key in (...)` only those keys); everything else filters
 * the candidates. Sorted results are cached per JQL text until the next write and a
 * client paging through a result set does not re-run its query on every page.
 */
export class JqlEngine {
  private readonly fields: Map<string, JqlField>;
  private readonly cache = new Map<string, readonly DemoIssue[]>();
  private cachedRevision: number;

  constructor(private readonly store: JiraStore) {
    this.fields = jqlFields(store);
    this.cachedRevision = store.revision;
  }

  /** Matching issues in JQL order; throws JqlError for invalid JQL, and on Cloud for unbounded JQL. */
  search(jql: string): readonly DemoIssue[] {
    // A created issue can change any result: drop what was cached before the write.
    if (this.cachedRevision !== this.store.revision) {
      this.cache.clear();
      this.cachedRevision = this.store.revision;
    }
    const cached = this.cache.get(jql);
    if (cached) {
      this.cache.delete(jql);
      this.cache.set(jql, cached);
      return cached;
    }
    const query = parseJql(jql);
    const compare = this.comparator(query.orderBy);
    let result: DemoIssue[];
    if (query.where) {
      const condition = this.compile(query.where);
      result = (condition.candidates() ?? this.store.issues).filter(condition.test).sort(compare);
    } else if (this.store.deployment === 'datacenter') {
      // Data Center's /search still runs JQL without a restriction (every visible issue).
      result = [...this.store.issues].sort(compare);
    } else {
      throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
    }
    this.cache.set(jql, result);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return result;
  }

  private compile(node: JqlNode): Condition {
    switch (node.kind) {
      case 'and': {
        const parts = node.children.map((c) => this.compile(c));
        return {
          test: (issue) => parts.every((p) => p.test(issue)),
          candidates: () => {
            let best: readonly DemoIssue[] | null = null;
            for (const part of parts) {
              const found = part.candidates();
              if (found && (best === null || found.length < best.length)) best = found;
            }
            return best;
          },
        };
      }
      case 'or': {
        const parts = node.children.map((c) => this.compile(c));
        return {
          test: (issue) => parts.some((p) => p.test(issue)),
          candidates: () => {
            const union = new Set<DemoIssue>();
            for (const part of parts) {
              const found = part.candidates();
              if (!found) return null;
              for (const issue of found) union.add(issue);
            }
            return [...union];
          },
        };
      }
      case 'not': {
        const inner = this.compile(node.child);
        return { test: (issue) => !inner.test(issue), candidates: ALL };
      }
      case 'clause':
        return this.clause(node.field, node.operator, node.operand);
    }
  }

  private field(name: string): JqlField {
    const field = this.fields.get(name.toLowerCase());
    if (!field) throw new JqlError(`Field '${name}' does not exist or you do not have permission to view it.`);
    return field;
  }

  private clause(name: string, operator: Operator, operand: Operand): Condition {
    const field = this.field(name);
    const items: OperandItem[] = operand.kind === 'list' ? operand.items : [operand];
    const unsupported = () => new JqlError(`The operator '${operator}' is not supported by the '${name}' field.`);
    switch (field.kind) {
      case 'ref':
        return this.refClause(field, name, operator, items, unsupported);
      case 'text':
        return this.textClause(field.text, operator, items, unsupported);
      case 'date':
      case 'datetime':
        return this.dateClause(field, name, operator, items);
    }
  }

  private refClause(field: RefField, name: string, operator: Operator, items: OperandItem[], unsupported: () => JqlError): Condition {
    const ids = new Set(items.flatMap((item) => (item.kind === 'value' ? field.resolve(item.value, name) : [])));
    const withEmpty = items.some((item) => item.kind === 'empty');
    const holds = (issue: DemoIssue) => field.values(issue).some((v) => ids.has(v));
    const isEmpty = (issue: DemoIssue) => field.values(issue).length === 0;
    switch (operator) {
      case '=':
      case 'in':
        return {
          test: (issue) => holds(issue) || (withEmpty && isEmpty(issue)),
          candidates: () => (field.lookup && !withEmpty ? field.lookup([...ids]) : null),
        };
      // As in Jira, `!=` and `not in` never match an empty field.
      case '!=':
      case 'not in':
        return { test: (issue) => !isEmpty(issue) && !holds(issue), candidates: ALL };
      case 'is':
        return { test: isEmpty, candidates: ALL };
      case 'is not':
        return { test: (issue) => !isEmpty(issue), candidates: ALL };
      default:
        return this.orderedClause(field, name, operator, items, unsupported);
    }
  }

  /** `key > ABC-10`: the issues of project ABC numbered after 10. */
  private orderedClause(field: RefField, name: string, operator: Operator, items: OperandItem[], unsupported: () => JqlError): Condition {
    const compare = ORDER_CHECKS[operator];
    const [item] = items;
    if (!field.ordered || !compare || item.kind !== 'value') throw unsupported();
    const { projectKey, number } = field.ordered(item.value, name);
    const numberOf = (issue: DemoIssue) => Number(issue.key.slice(issue.key.lastIndexOf('-') + 1));
    return {
      test: (issue) => issue.projectKey === projectKey && compare(numberOf(issue), number),
      candidates: () => this.store.issuesOf(projectKey),
    };
  }

  private textClause(text: (issue: DemoIssue) => string, operator: Operator, items: OperandItem[], unsupported: () => JqlError): Condition {
    const item = items[0];
    const isEmpty = (issue: DemoIssue) => text(issue) === '';
    if (operator === 'is' || ((operator === '~' || operator === '!~') && item.kind === 'empty')) {
      return { test: operator === '!~' ? (issue) => !isEmpty(issue) : isEmpty, candidates: ALL };
    }
    if (operator === 'is not') return { test: (issue) => !isEmpty(issue), candidates: ALL };
    if ((operator !== '~' && operator !== '!~') || item.kind !== 'value') throw unsupported();
    // Jira's text search is word-based with wildcards; a case-insensitive substring is close enough here.
    const needle = item.value.replace(/^\*+|\*+$/g, '').toLowerCase();
    const contains = (issue: DemoIssue) => text(issue).toLowerCase().includes(needle);
    return { test: operator === '~' ? contains : (issue) => !contains(issue), candidates: ALL };
  }

  private dateClause(field: DateField, name: string, operator: Operator, items: OperandItem[]): Condition {
    const day = (ms: number) => ms - (((ms % DAY) + DAY) % DAY);
    const operands = items.map((item) => {
      if (item.kind === 'empty') return null;
      const ms = this.parseDate(item.value, name);
      return field.kind === 'date' ? day(ms) : ms;
    });
    const value = (issue: DemoIssue) => {
      const v = field.value(issue);
      return v === null || field.kind === 'datetime' ? v : day(v);
    };
    const [first] = operands;
    const compare = (check: (v: number, operand: number) => boolean): Condition => {
      if (first === null) throw new JqlError(`The operator '${operator}' does not support the EMPTY operand for the '${name}' field.`);
      return {
        test: (issue) => {
          const v = value(issue);
          return v !== null && check(v, first);
        },
        candidates: ALL,
      };
    };
    switch (operator) {
      case '=':
      case 'in':
        return { test: (issue) => operands.includes(value(issue)), candidates: ALL };
      case '!=':
      case 'not in':
        return {
          test: (issue) => {
            const v = value(issue);
            return v !== null && !operands.includes(v);
          },
          candidates: ALL,
        };
      case 'is':
        return { test: (issue) => value(issue) === null, candidates: ALL };
      case 'is not':
        return { test: (issue) => value(issue) !== null, candidates: ALL };
      default: {
        const check = ORDER_CHECKS[operator];
        if (!check) throw new JqlError(`The operator '${operator}' is not supported by the '${name}' field.`);
        return compare(check);
      }
    }
  }

  /** `yyyy-MM-dd`, `yyyy/MM/dd`, either with ` HH:mm`, or a period relative to now (`-14d`, `4w 2d`), in UTC. */
  private parseDate(value: string, name: string): number {
    const text = value.trim();
    const absolute = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?: (\d{1,2}):(\d{2}))?$/.exec(text);
    if (absolute) {
      const [, y, mo, d, h = '0', mi = '0'] = absolute;
      const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
      const check = new Date(ms);
      if (check.getUTCMonth() === Number(mo) - 1 && check.getUTCDate() === Number(d) && Number(h) < 24) return ms;
    }
    const period = /^([+-]?)((?:\d+[yMwdhm]\s*)+)$/.exec(text);
    if (period) {
      const sign = period[1] === '-' ? -1 : 1;
      const at = new Date(this.store.now);
      for (const [, amount, unit] of period[2].matchAll(/(\d+)([yMwdhm])/g)) {
        const n = sign * Number(amount);
        if (unit === 'y') at.setUTCFullYear(at.getUTCFullYear() + n);
        else if (unit === 'M') at.setUTCMonth(at.getUTCMonth() + n);
        else at.setTime(at.getTime() + n * UNIT_MS[unit]);
      }
      return at.getTime();
    }
    throw new JqlError(`Date value '${value}' for field '${name}' is invalid. ${DATE_FORMATS}`);
  }

  private comparator(orderBy: readonly SortKey[]): (a: DemoIssue, b: DemoIssue) => number {
    const keys = orderBy.map(({ field: name, direction }) => {
      const sort = this.field(name).sort;
      if (!sort) throw new JqlError(`Not able to sort using field '${name}'.`);
      return { sort, sign: direction === 'desc' ? -1 : 1 };
    });
    return (a, b) => {
      for (const { sort, sign } of keys) {
        const order = compareValues(sort(a), sort(b));
        if (order !== 0) return sign * order;
      }
      // Without ORDER BY (and between ties) the newest issue comes first, so pages stay stable.
      return Number(b.id) - Number(a.id);
    };
  }
}

/** Empty values sort after every value ascending, and so first descending, as in Jira. */
function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
