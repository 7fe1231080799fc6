import { startStack, type Stack } from '../../bin/stack';

/**
 * The gateway's HTTP contract on Hive Gateway's runtime: GraphQL over HTTP status codes and media type, CSRF
 * prevention, and bad input answered as the client's error, with the rest of the response intact and nothing
 * internal (stack traces, file paths, subgraph URLs) in any answer.
 */

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ ports: 'random' });
});
afterAll(async () => {
  await stack?.close();
});

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), text, body: JSON.parse(text) };
}

async function get(params: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${stack.gateway.url}?${new URLSearchParams(params)}`, { headers: { accept: 'application/graphql-response+json', ...headers } });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), text, body: JSON.parse(text) };
}

/** Nothing a client should never see: stack frames, server paths, the subgraphs' or upstreams' addresses. */
function expectNoInternals(answer: Answer): void {
  expect(answer.text).not.toMatch(/\bat [\w.<>]+ \(|stacktrace|\/work\/|node_modules|\.ts:\d+|\.js:\d+/);
  for (const url of [...Object.values(stack.subgraphs).map((s) => s.url), ...Object.values(stack.upstreams).map((u) => u.baseUrl)]) {
    expect(answer.text).not.toContain(new URL(url).host);
  }
}

test('a query answers with the GraphQL-over-HTTP media type', async () => {
  const answer = await post({ query: '{ __typename }' });
  expect(answer.status).toBe(200);
  expect(answer.contentType).toMatch(/^application\/graphql-response\+json/);
  expect(answer.body).toEqual({ data: { __typename: 'Query' } });
});

test('GET runs a query with URL-encoded variables when the CSRF header is sent, and is refused without it', async () => {
  const query = 'query Projects($first: Int!) { projects(first: $first) { edges { node { key } } } }';
  const ok = await get({ query, variables: JSON.stringify({ first: 2 }) }, { 'x-graphql-client-name': 'power-bi' });
  expect(ok.status).toBe(200);
  expect(ok.body.data?.projects.edges).toHaveLength(2);
  const refused = await get({ query, variables: JSON.stringify({ first: 2 }) });
  expect(refused.status).toBe(403);
  expect(refused.body.errors?.[0].extensions?.code).toBe('CSRF_HEADER_REQUIRED');
});

test('a mutation over GET is refused with 405', async () => {
  const answer = await get({ query: 'mutation { updateProjectProfile(key: "ACCESS", input: {}) { key } }' }, { 'x-graphql-client-name': 'x' });
  expect(answer.status).toBe(405);
  expect(answer.body.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  expectNoInternals(answer);
});

test('an unknown operationName, a parse error and an unknown field are the client\'s errors (400), with codes', async () => {
  const unknown = await post({ query: 'query A { __typename }', operationName: 'B' });
  expect(unknown.status).toBe(400);
  expect(unknown.body.errors?.[0].extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
  const syntax = await post({ query: '{ projects(' });
  expect(syntax.status).toBe(400);
  expect(syntax.body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  const field = await post({ query: '{ nope }' });
  expect(field.status).toBe(400);
  expect(field.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  for (const answer of [unknown, syntax, field]) expectNoInternals(answer);
});

test('a body over 1 MB gets a JSON error with a code, not an HTML page', async () => {
  const answer = await post(JSON.stringify({ query: `{ __typename ${'a'.repeat(2_000_000)} }` }));
  expect(answer.status).toBe(413);
  expect(answer.body.errors?.[0].extensions?.code).toBe('REQUEST_TOO_LARGE');
});

test.each([
  ['a plain date is midnight UTC', '{ issues(updatedSince: "2026-11-01", first: 1) { totalCount } }', null],
  ['a word is not a date', '{ incidents(updatedSince: "yesterday", first: 1) { totalCount } }', 'updatedSince'],
  ['a date-time without a zone is ambiguous', '{ incidents(filter: { openedAfter: "2026-11-01T00:00:00" }, first: 1) { totalCount } }', 'filter.openedAfter'],
])('dates: %s', async (_name, query, badArgument) => {
  const answer = await post({ query });
  expect(answer.status).toBe(200);
  expectNoInternals(answer);
  if (!badArgument) {
    expect(answer.body.errors).toBeUndefined();
    return;
  }
  const [error] = answer.body.errors ?? [];
  expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: badArgument });
  expect(error.message).toContain(badArgument);
  expect(error.message).toContain('2026-11-01T09:30:00Z');
});

test('a bad date inside projects fails only that field: the list and its other fields stay', async () => {
  const answer = await post({
    query: '{ projects(first: 3) { edges { node { key good: issues(updatedSince: "2026-11-01", first: 1) { totalCount } bad: issues(updatedSince: "soon", first: 1) { totalCount } } } } }',
  });
  expectNoInternals(answer);
  const edges = answer.body.data?.projects.edges as Array<{ node: { key: string; good: { totalCount: number }; bad: unknown } }>;
  expect(edges).toHaveLength(3);
  for (const { node } of edges) {
    expect(node.key).toMatch(/^[A-Z]+$/);
    expect(node.good.totalCount).toBeGreaterThanOrEqual(0);
    expect(node.bad).toBeNull();
  }
  expect(answer.body.errors).toHaveLength(3);
  for (const error of answer.body.errors ?? []) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
});

test('an upstream failure reaches the client as a code and the system, without the subgraph\'s internals', async () => {
  stack.simulators.jira!.setFaults({ errorRate: 1, errorStatus: 503 });
  try {
    const answer = await post({ query: '{ issues(first: 1, filter: { search: "never cached" }) { totalCount } people(first: 1) { edges { node { email } } } }' });
    expectNoInternals(answer);
    expect(answer.body.data?.issues).toBeNull();
    expect(answer.body.errors?.[0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'jira' });
    expect(answer.body.data?.people.edges).toHaveLength(1);
  } finally {
    stack.simulators.jira!.setFaults({ errorRate: 0 });
  }
});
