import { JqlError, position, tokenize, type Token } from './lexer';

/**
 * A recursive-descent parser for the JQL subset the simulator speaks: clauses joined by AND / OR / NOT with
 * parentheses (NOT binds tighter than AND, AND tighter than OR), then an optional ORDER BY. Errors use
 * Jira's wording and positions so a client sees what a real site would tell it.
 */

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type OperandItem = { kind: 'value'; value: string } | { kind: 'empty' };
export type Operand = OperandItem | { kind: 'list'; items: OperandItem[] };

export type JqlNode =
  | { kind: 'and'; children: JqlNode[] }
  | { kind: 'or'; children: JqlNode[] }
  | { kind: 'not'; child: JqlNode }
  | { kind: 'clause'; field: string; operator: Operator; operand: Operand };

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

export interface JqlQuery {
  where: JqlNode | null;
  orderBy: SortKey[];
}

const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc']);
const VALID_OPERATORS = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

export function parseJql(query: string): JqlQuery {
  return new Parser(query).parse();
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(private readonly query: string) {
    this.tokens = tokenize(query);
  }

  parse(): JqlQuery {
    const where = this.isKeyword(this.peek(), 'order') || this.peek().kind === 'eof' ? null : this.or();
    const orderBy: SortKey[] = [];
    if (this.isKeyword(this.peek(), 'order')) {
      this.next();
      if (!this.isKeyword(this.peek(), 'by')) throw this.error(`Expecting 'BY' but got ${this.describe(this.peek())}.`);
      this.next();
      do {
        const field = this.next();
        if (field.kind !== 'word' && field.kind !== 'string') throw this.error(`Expecting a field name but got ${this.describe(field)}.`, field);
        let direction: SortKey['direction'] = 'asc';
        if (this.isKeyword(this.peek(), 'asc') || this.isKeyword(this.peek(), 'desc')) {
          direction = this.next().text.toLowerCase() as SortKey['direction'];
        }
        orderBy.push({ field: field.text, direction });
      } while (this.accept(','));
    }
    const rest = this.peek();
    if (rest.kind !== 'eof') throw this.error(`Expecting either 'OR' or 'AND' but got ${this.describe(rest)}.`, rest);
    return { where, orderBy };
  }

  private or(): JqlNode {
    const children = [this.and()];
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      children.push(this.and());
    }
    return children.length === 1 ? children[0] : { kind: 'or', children };
  }

  private and(): JqlNode {
    const children = [this.unary()];
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      children.push(this.unary());
    }
    return children.length === 1 ? children[0] : { kind: 'and', children };
  }

  private unary(): JqlNode {
    const token = this.peek();
    if (this.isKeyword(token, 'not')) {
      this.next();
      return { kind: 'not', child: this.unary() };
    }
    if (token.kind === '(') {
      this.next();
      const inner = this.or();
      if (!this.accept(')')) throw this.error(`Expecting ')' but got ${this.describe(this.peek())}.`);
      return inner;
    }
    return this.clause();
  }

  private clause(): JqlNode {
    const field = this.next();
    if (field.kind === 'string' || (field.kind === 'word' && !RESERVED.has(field.text.toLowerCase()))) {
      const operator = this.operator();
      return { kind: 'clause', field: field.text, operator, operand: this.operand(field.text, operator) };
    }
    if (field.kind === 'word') throw this.reserved(field);
    throw this.error(`Expecting a field name but got ${this.describe(field)}.`, field);
  }

  private operator(): Operator {
    const token = this.next();
    if (token.kind === 'op') return token.text as Operator;
    if (this.isKeyword(token, 'in')) return 'in';
    if (this.isKeyword(token, 'is')) {
      if (this.isKeyword(this.peek(), 'not')) {
        this.next();
        return 'is not';
      }
      return 'is';
    }
    if (this.isKeyword(token, 'not') && this.isKeyword(this.peek(), 'in')) {
      this.next();
      return 'not in';
    }
    throw this.error(`Expecting operator but got ${this.describe(token)}. ${VALID_OPERATORS}`, token);
  }

  private operand(field: string, operator: Operator): Operand {
    const start = this.peek();
    if (operator === 'is' || operator === 'is not') {
      const token = this.next();
      if (this.isKeyword(token, 'empty') || this.isKeyword(token, 'null')) return { kind: 'empty' };
      throw this.error(`The operator '${operator.toUpperCase()}' only supports the EMPTY and NULL operands.`, token);
    }
    if (start.kind === '(') {
      this.next();
      const items: OperandItem[] = [this.item()];
      while (this.accept(',')) items.push(this.item());
      if (!this.accept(')')) throw this.error(`Expecting ')' but got ${this.describe(this.peek())}.`);
      if (operator !== 'in' && operator !== 'not in') {
        const text = this.query.slice(start.at, this.tokens[this.index - 1].at + 1);
        throw new JqlError(`Operator '${operator}' does not support the list value '${text}' for field '${field}'.`);
      }
      return { kind: 'list', items };
    }
    const item = this.item();
    if (operator === 'in' || operator === 'not in') {
      const text = start.kind === 'string' ? `"${start.text}"` : start.text;
      throw new JqlError(`Operator '${operator}' does not support the non-list value '${text}' for field '${field}'.`);
    }
    return item;
  }

  private item(): OperandItem {
    const token = this.next();
    if (token.kind === 'string') return { kind: 'value', value: token.text };
    if (token.kind === 'word') {
      const word = token.text.toLowerCase();
      if (word === 'empty' || word === 'null') return { kind: 'empty' };
      if (RESERVED.has(word)) throw this.reserved(token);
      if (this.peek().kind === '(') throw new JqlError(`Unable to find JQL function '${token.text}()'.`);
      return { kind: 'value', value: token.text };
    }
    if (token.kind === 'eof') throw new JqlError('Error in the JQL Query: Expecting either a value, list or function before the end of the query.');
    throw this.error(`Expecting either a value, list or function but got ${this.describe(token)}.`, token);
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private accept(kind: Token['kind']): boolean {
    if (this.peek().kind !== kind) return false;
    this.index++;
    return true;
  }

  private isKeyword(token: Token, word: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }

  private describe(token: Token): string {
    return token.kind === 'eof' ? 'the end of the query' : `'${token.text}'`;
  }

  private reserved(token: Token): JqlError {
    return this.error(`'${token.text}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.`, token);
  }

  private error(message: string, token: Token = this.peek()): JqlError {
    return new JqlError(`Error in the JQL Query: ${message} ${position(this.query, token.at)}`);
  }
}
