import { InvalidInputError } from '../http/invalid-input';
import { ENTERPRISE_USER, type ScimFilter } from '../scim/filter';
import { odata, searchClause, type ODataFilter, type ODataValue } from './odata';

/**
 * Translates the SCIM filters the people subgraph builds (connectors/scim/filter.ts) into Graph's query
 * parameters, so the subgraph stays directory-neutral. SCIM `co` (substring) has no `$filter` counterpart on
 * users; it becomes a `$search` clause, which Graph matches by word prefix — the closest it offers. Anything
 * else without a faithful translation is refused with an InvalidInputError naming it.
 */

export interface GraphQuery {
  filter?: ODataFilter;
  /** `$search` text: clauses ORed within a SCIM `or`, ANDed across the conjuncts. */
  search?: string;
}

/** SCIM attribute (lower-cased, core URN stripped) → Graph user property. */
const USER_PROPERTIES: Record<string, string> = {
  id: 'id',
  username: 'userPrincipalName',
  'emails.value': 'mail',
  emails: 'mail',
  displayname: 'displayName',
  'name.givenname': 'givenName',
  'name.familyname': 'surname',
  title: 'jobTitle',
  active: 'accountEnabled',
  externalid: 'employeeId',
  [`${ENTERPRISE_USER}:employeenumber`.toLowerCase()]: 'employeeId',
  [`${ENTERPRISE_USER}:department`.toLowerCase()]: 'department',
  [`${ENTERPRISE_USER}:organization`.toLowerCase()]: 'companyName',
};

const GROUP_PROPERTIES: Record<string, string> = { id: 'id', displayname: 'displayName' };

const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i;

type Node =
  | { type: 'compare'; attribute: string; operator: string; value: ODataValue }
  | { type: 'present'; attribute: string }
  | { type: 'and' | 'or'; children: Node[] }
  | { type: 'not'; child: Node };

export function translateUserFilter(filter: ScimFilter | undefined): GraphQuery {
  return translate(filter, USER_PROPERTIES);
}

export function translateGroupFilter(filter: ScimFilter | undefined): GraphQuery {
  const query = translate(filter, GROUP_PROPERTIES);
  if (query.search) throw refuse('substring matching ("co") on groups');
  return query;
}

function translate(filter: ScimFilter | undefined, properties: Record<string, string>): GraphQuery {
  if (!filter) return {};
  const tree = parse(filter.text);
  const conjuncts = tree.type === 'and' ? tree.children : [tree];
  const filters: ODataFilter[] = [];
  const searches: string[] = [];
  for (const node of conjuncts) {
    const search = asSearch(node, properties);
    if (search) searches.push(search);
    else filters.push(toOData(node, properties));
  }
  return {
    ...(filters.length ? { filter: odata.and(...filters) } : {}),
    ...(searches.length ? { search: searches.join(' AND ') } : {}),
  };
}

/** A conjunct made only of `co` comparisons ORed together becomes `$search`; null when it has none. */
function asSearch(node: Node, properties: Record<string, string>): string | null {
  const terms = node.type === 'or' ? node.children : [node];
  const contains = terms.filter((t) => t.type === 'compare' && t.operator === 'co');
  if (contains.length === 0) return null;
  if (contains.length !== terms.length) throw refuse('"co" mixed with other comparisons in one "or"');
  const clauses = contains.map((t) => {
    const { attribute, value } = t as Extract<Node, { type: 'compare' }>;
    if (typeof value !== 'string') throw refuse(`"co" with a non-string value on ${attribute}`);
    return searchClause(propertyOf(attribute, properties), value);
  });
  return clauses.length === 1 ? clauses[0] : `(${clauses.join(' OR ')})`;
}

function toOData(node: Node, properties: Record<string, string>): ODataFilter {
  switch (node.type) {
    case 'and':
      return odata.and(...node.children.map((c) => toOData(c, properties)));
    case 'or':
      return odata.or(...node.children.map((c) => toOData(c, properties)));
    case 'not':
      return odata.not(toOData(node.child, properties));
    case 'present':
      return odata.ne(propertyOf(node.attribute, properties), null);
    case 'compare': {
      const name = propertyOf(node.attribute, properties);
      const { operator, value } = node;
      if (operator === 'eq') return odata.eq(name, value);
      if (operator === 'ne') return odata.ne(name, value);
      if (typeof value === 'string' && operator === 'sw') return odata.startsWith(name, value);
      if (typeof value === 'string' && operator === 'ew') return odata.endsWith(name, value);
      if ((typeof value === 'string' || typeof value === 'number') && operator === 'ge') return odata.ge(name, value);
      if ((typeof value === 'string' || typeof value === 'number') && operator === 'le') return odata.le(name, value);
      throw refuse(`"${operator}" on ${node.attribute}${operator === 'co' ? ' inside "not" or a nested group' : ''}`);
    }
  }
}

function propertyOf(attribute: string, properties: Record<string, string>): string {
  const name = properties[attribute.toLowerCase().replace(CORE_PREFIX, '')];
  if (!name) throw refuse(`the attribute ${attribute}`);
  return name;
}

const refuse = (what: string) => new InvalidInputError(`Microsoft Graph directory: cannot translate ${what} into a Graph query`, 'filter');

/** A recursive-descent parser for RFC 7644 §3.4.2.2 filters (precedence not > and > or), without value paths. */
function parse(text: string): Node {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const word = (w: string) => peek()?.toLowerCase() === w;
  const next = () => {
    const token = tokens[at++];
    if (token === undefined) throw refuse(`the filter ${JSON.stringify(text)} (it ends too early)`);
    return token;
  };
  const expect = (token: string) => {
    if (next() !== token) throw refuse(`the filter ${JSON.stringify(text)} (expected "${token}")`);
  };
  const expression = (): Node => {
    const children = [conjunction()];
    while (word('or')) {
      at++;
      children.push(conjunction());
    }
    return children.length === 1 ? children[0] : { type: 'or', children };
  };
  const conjunction = (): Node => {
    const children = [factor()];
    while (word('and')) {
      at++;
      children.push(factor());
    }
    return children.length === 1 ? children[0] : { type: 'and', children };
  };
  const factor = (): Node => {
    if (word('not')) {
      at++;
      expect('(');
      const child = expression();
      expect(')');
      return { type: 'not', child };
    }
    if (peek() === '(') {
      at++;
      const inner = expression();
      expect(')');
      return inner;
    }
    const attribute = next();
    if (!/^[A-Za-z][\w$.:-]*$/.test(attribute)) throw refuse(`the filter ${JSON.stringify(text)} (at ${attribute})`);
    const operator = next().toLowerCase();
    if (operator === 'pr') return { type: 'present', attribute };
    return { type: 'compare', attribute, operator, value: value(next()) };
  };
  const tree = expression();
  if (at !== tokens.length) throw refuse(`the filter ${JSON.stringify(text)} (unexpected ${tokens[at]})`);
  return tree;
}

function value(token: string): ODataValue {
  if (token === 'true') return true;
  if (token === 'false') return false;
  if (token === 'null') return null;
  if (token.startsWith('"')) return JSON.parse(token) as string;
  const number = Number(token);
  if (token !== '' && Number.isFinite(number)) return number;
  throw refuse(`the value ${token}`);
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*(?:("(?:[^"\\]|\\.)*")|([()])|([^\s()"]+))/y;
  let end = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    tokens.push(match[1] ?? match[2] ?? match[3]);
    end = pattern.lastIndex;
  }
  if (text.slice(end).trim() !== '') throw refuse(`the filter ${JSON.stringify(text)} (at ${text.slice(end).trim()})`);
  return tokens;
}
