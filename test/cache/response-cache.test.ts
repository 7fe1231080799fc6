import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStack, type Stack } from '../../bin/stack';
import { hashApiKey } from '../../gateway/auth/api-keys';
import { demoPrivateKey, mintDemoToken } from '../../gateway/auth/demo-issuer';
import { SCOPES } from '../../subgraphs/common/caller';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset, type Dataset } from '../../simulators/data/dataset';

/**
 * The wallboard response cache (RESPONSE_CACHE_TTL_SECONDS) through the gateway, with the upstream cache off
 * so that an answer costing no upstream request can only have come from it: per identity, emptied by an
 * upstream event and by a mutation, and never holding an error.
 */

let stack: Stack;
let dataset: Dataset;
const keyFile = path.join(mkdtempSync(path.join(tmpdir(), 'pmo-wallboard-')), 'demo.pem');
/** Three wallboards, three identities (demo tokens, verified like any IdP's). */
const tokens: Record<string, string> = {};
const bearer = (who: 'a' | 'b' | 'c') => `Bearer ${(tokens[who] ??= mintDemoToken(demoPrivateKey(keyFile), { email: `wallboard-${who}@northfield.edu`, scopes: [...SCOPES] }))}`;

beforeAll(async () => {
  process.env.RESPONSE_CACHE_TTL_SECONDS = '300';
  try {
    dataset = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
    stack = await startStack({ env: { CACHE_ENABLED: 'false', DEMO_ISSUER_KEY_FILE: keyFile, API_KEYS: JSON.stringify([{ name: 'bi-tool', sha256: hashApiKey('bi-tool-key'), scopes: [] }]) }, ports: 'random', dataset, http: { log: () => undefined } });
  } finally {
    delete process.env.RESPONSE_CACHE_TTL_SECONDS;
  }
});

afterAll(() => stack?.close());

const WALLBOARD = /* GraphQL */ `
  query Wallboard { projects(first: 5) { edges { node { id key name issueStats { open overdue } lead { id displayName } } } } }
`;

async function ask(query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> };
}

const upstreamRequests = () => Object.values(stack.simulators).reduce((sum, sim) => sum + sim!.totalRequests(), 0);

async function cost<T>(run: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const before = upstreamRequests();
  const result = await run();
  return { result, requests: upstreamRequests() - before };
}

it('answers a repeated query of one identity from the cache, and another identity from the upstreams', async () => {
  const first = await cost(() => ask(WALLBOARD, { authorization: bearer('a') }));
  expect(first.result.errors).toBeUndefined();
  expect(first.requests).toBeGreaterThan(0);
  const again = await cost(() => ask(WALLBOARD, { authorization: bearer('a') }));
  expect(again).toEqual({ result: first.result, requests: 0 });
  const other = await cost(() => ask(WALLBOARD, { authorization: bearer('b') }));
  expect(other.requests).toBeGreaterThan(0);
  const apiKey = await cost(() => ask(WALLBOARD, { 'x-api-key': 'bi-tool-key' }));
  expect(apiKey.requests).toBeGreaterThan(0);
});

it('keys on the verified caller, not the credential: a fresh token of the same subject and scopes shares the answer', async () => {
  const mint = (email: string, scopes: readonly string[]) => `Bearer ${mintDemoToken(demoPrivateKey(keyFile), { email, scopes: [...scopes] })}`;
  // Each token minted once: ES256 signatures differ per mint, so two tokens of one identity never match as text.
  const morning = mint('wallboard-d@northfield.edu', SCOPES);
  const evening = mint('wallboard-d@northfield.edu', [...SCOPES].reverse());
  const fewerScopes = mint('wallboard-d@northfield.edu', ['status:write']);
  const otherSubject = mint('wallboard-e@northfield.edu', SCOPES);
  expect(new Set([morning, evening, fewerScopes, otherSubject]).size).toBe(4);

  const first = await cost(() => ask(WALLBOARD, { authorization: morning }));
  expect(first.result.errors).toBeUndefined();
  expect(first.requests).toBeGreaterThan(0);
  expect(await cost(() => ask(WALLBOARD, { authorization: evening }))).toEqual({ result: first.result, requests: 0 });
  expect((await cost(() => ask(WALLBOARD, { authorization: fewerScopes }))).requests).toBeGreaterThan(0);
  expect((await cost(() => ask(WALLBOARD, { authorization: otherSubject }))).requests).toBeGreaterThan(0);
});

it('refuses a bad credential in its own words, never answering it from the cache', async () => {
  await ask(WALLBOARD);
  await ask(WALLBOARD, { authorization: bearer('a') });
  expect((await cost(() => ask(WALLBOARD, { authorization: bearer('a') }))).requests).toBe(0);
  // The claims of a cached identity under another token's signature: the key is read from verified claims only.
  const [header, payload] = bearer('a').split('.');
  const forged = [header, payload, bearer('b').split('.')[2]].join('.');
  const refusedCredentials: Array<Record<string, string>> = [{ authorization: forged }, { 'x-api-key': 'not-a-key' }];
  for (const headers of refusedCredentials) {
    const refused = await cost(() => ask(WALLBOARD, headers));
    expect(refused.requests).toBe(0);
    expect(refused.result.data ?? null).toBeNull();
    expect(refused.result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  }
});

it('an accepted upstream event empties it, and the next answer shows the change', async () => {
  const key = ((await ask(WALLBOARD, { authorization: bearer('a') })).data as { projects: { edges: Array<{ node: { key: string } }> } }).projects.edges[0].node.key;
  const issue = dataset.issues.find((i) => i.projectKey === key && i.statusCategory !== 'done')!;
  const jira = stack.simulators.jira!;
  const response = await fetch(`${jira.url}/rest/api/3/issue/${issue.key}/transitions`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${SIMULATOR_CREDENTIALS.jira.email}:${SIMULATOR_CREDENTIALS.jira.apiToken}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ transition: { id: '10002' } }),
  });
  expect(response.status).toBe(204);
  await jira.webhooks!.settled();
  const after = await cost(() => ask(WALLBOARD, { authorization: bearer('a') }));
  expect(after.requests).toBeGreaterThan(0);
});

it('a mutation is never cached and empties it', async () => {
  await ask(WALLBOARD, { authorization: bearer('a') });
  expect((await cost(() => ask(WALLBOARD, { authorization: bearer('a') }))).requests).toBe(0);
  const mutation = /* GraphQL */ `mutation Profile($key: String!) { updateProjectProfile(key: $key, input: { priority: 2 }) { id key priority } }`;
  const key = dataset.projects[0].key;
  const first = await cost(() => ask(mutation, { authorization: bearer('a') }, { key }));
  expect(first.result.errors).toBeUndefined();
  const second = await cost(() => ask(mutation, { authorization: bearer('a') }, { key }));
  expect(second.requests).toBeGreaterThan(0);
  expect((await cost(() => ask(WALLBOARD, { authorization: bearer('a') }))).requests).toBeGreaterThan(0);
});

it('never keeps an answer with errors', async () => {
  stack.simulators.jira!.setFaults({ errorRate: 1 });
  try {
    const failed = await ask(WALLBOARD, { authorization: bearer('c') });
    expect(failed.errors?.length).toBeGreaterThan(0);
  } finally {
    stack.simulators.jira!.setFaults({ errorRate: 0 });
  }
  const healed = await ask(WALLBOARD, { authorization: bearer('c') });
  expect(healed.errors).toBeUndefined();
});
