import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { parse, validate } from 'graphql';
import { buildManifest, MANIFEST_FILE, renderManifest, type Manifest } from '../../apps/persisted/manifest';
import { OPERATIONS_DIR, readSupergraph, startStack, type Stack } from '../../bin/stack';
import { hashApiKey } from '../../gateway/auth/api-keys';
import { usePersistedDocuments } from '../../gateway/plugins/persisted-documents';

/**
 * Persisted operations: the committed manifest is current and valid against the graph; the static URLs
 * (/api/<OperationName>) answer with ETag and Cache-Control; the gateway plugin runs documents by id and,
 * when configured, lets API keys run nothing else.
 */

let stack: Stack;
let base: string;
let manifest: Manifest;

beforeAll(async () => {
  // The BI tool's service account: its key is configured by hash, as a deployment would.
  stack = await startStack({ env: { API_KEYS: JSON.stringify([{ name: 'demo-bi', sha256: hashApiKey('demo-bi-key'), scopes: [] }]) }, ports: 'random' });
  base = stack.gateway.url.replace(/\/graphql$/, '');
  manifest = JSON.parse(readFileSync(path.join(OPERATIONS_DIR, MANIFEST_FILE), 'utf8')) as Manifest;
});

afterAll(async () => {
  await stack?.close();
});

test('operations/manifest.json is current (npm run operations) and every document is valid against the graph', async () => {
  expect(readFileSync(path.join(OPERATIONS_DIR, MANIFEST_FILE), 'utf8')).toBe(renderManifest(buildManifest(OPERATIONS_DIR)));
  const schema = Supergraph.build(await readSupergraph(), { supportedFeatures: null }).apiSchema().toGraphQLJSSchema();
  for (const op of manifest.operations) expect([op.name, validate(schema, parse(op.body)).map((e) => e.message)]).toEqual([op.name, []]);
  expect(manifest.operations.map((op) => op.name)).toEqual(expect.arrayContaining(['ExplorerPortfolio', 'BiIssues', 'ExplorerFileStatusReport']));
});

test('a GET of a persisted operation with an API key returns the portfolio rows, with ETag and Cache-Control', async () => {
  const url = `${base}/api/ExplorerPortfolio?first=5`;
  const first = await fetch(url, { headers: { 'x-api-key': 'demo-bi-key' } });
  expect(first.status).toBe(200);
  const body = await first.json();
  expect(body.data.projects.edges).toHaveLength(5);
  expect(body.data.projects.edges[0].node).toEqual(expect.objectContaining({ key: expect.any(String), name: expect.any(String) }));
  expect(first.headers.get('cache-control')).toBe('private, max-age=60');
  const etag = first.headers.get('etag')!;
  expect(etag).toMatch(/^".+"$/);

  const again = await fetch(url, { headers: { 'x-api-key': 'demo-bi-key', 'if-none-match': etag } });
  expect(again.status).toBe(304);

  const project = body.data.projects.edges[0].node.key;
  const detail = await (await fetch(`${base}/api/ExplorerProjectDetail?key=${project}`)).json();
  expect(detail.data.project.key).toBe(project);

  const unknownVariable = await fetch(`${base}/api/ExplorerPortfolio?firts=5`);
  expect(unknownVariable.status).toBe(400);
  expect((await unknownVariable.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect((await fetch(`${base}/api/ExplorerFileStatusReport`)).status).toBe(404);
  expect((await fetch(`${base}/api/Nope`)).status).toBe(404);
});

/** Hive Gateway over the stack's subgraphs with the plugin, as h10's runtime configuration wires it. */
async function hive(persistedOnlyForApiKeys: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  let sdl = await readSupergraph();
  for (const [name, subgraph] of Object.entries(stack.subgraphs)) {
    sdl = sdl.replace(new RegExp(`@join__graph\\(name: "${name}", url: "[^"]*"\\)`), `@join__graph(name: "${name}", url: "${subgraph.url}")`);
  }
  const runtime = createGatewayRuntime({
    supergraph: sdl,
    transports: { http: httpTransport },
    // The runtime's own planner: the Rust one (@graphql-hive/router-runtime) loads by dynamic import, which
    // jest's CommonJS sandbox refuses; the plugin is the same either way.
    logging: 'error',
    plugins: () => [usePersistedDocuments({ manifest, persistedOnlyForApiKeys })],
  });
  const server = http.createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await runtime.dispose();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

test('the gateway plugin runs a persisted document by id, by GET or POST', async () => {
  const gateway = await hive(false);
  try {
    const portfolio = manifest.operations.find((op) => op.name === 'ExplorerPortfolio')!;
    const byPost = await (await post(gateway.url, { documentId: portfolio.id, variables: { first: 2 } })).json();
    expect(byPost.data.projects.edges).toHaveLength(2);
    const byGet = await fetch(`${gateway.url}?documentId=sha256:${portfolio.id}&variables=${encodeURIComponent('{"first":3}')}`, { headers: { accept: 'application/json' } });
    expect((await byGet.json()).data.projects.edges).toHaveLength(3);
    const unknown = await (await post(gateway.url, { documentId: 'f'.repeat(64) })).json();
    expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const arbitrary = await (await post(gateway.url, { query: '{ projects(first: 1) { totalCount } }' }, { 'x-api-key': 'demo-bi-key' })).json();
    expect(arbitrary.data.projects.totalCount).toBeGreaterThan(0);
  } finally {
    await gateway.close();
  }
});

test('with PERSISTED_ONLY_FOR_API_KEYS an API key runs only persisted documents; other callers anything', async () => {
  const gateway = await hive(true);
  try {
    const arbitrary = { query: '{ projects(first: 1) { totalCount } }' };
    const keyed: Array<Record<string, string>> = [{ 'x-api-key': 'demo-bi-key' }, { authorization: 'ApiKey demo-bi-key' }];
    for (const headers of keyed) {
      const refused = await post(gateway.url, arbitrary, headers);
      expect(refused.status).toBe(403);
      expect((await refused.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    }
    expect((await (await post(gateway.url, arbitrary)).json()).data.projects.totalCount).toBeGreaterThan(0);
    // The manifest's own text counts as persisted: the apps post it with the caller's key.
    const portfolio = manifest.operations.find((op) => op.name === 'ExplorerPortfolio')!;
    const trusted = await (await post(gateway.url, { query: portfolio.body, variables: { first: 1 } }, { 'x-api-key': 'demo-bi-key' })).json();
    expect(trusted.data.projects.edges).toHaveLength(1);
    const byId = await (await post(gateway.url, { documentId: portfolio.id, variables: { first: 1 } }, { 'x-api-key': 'demo-bi-key' })).json();
    expect(byId.data.projects.edges).toHaveLength(1);
  } finally {
    await gateway.close();
  }
});
