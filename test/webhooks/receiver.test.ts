import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { HttpClient } from '../../connectors/http/client';
import { defaultPolicy } from '../../connectors/http/policy';
import { HttpRuntime } from '../../connectors/http/runtime';
import { webhookRoutes } from '../../subgraphs/common/webhooks';

/**
 * Webhooks against real HTTP on both sides: a counting upstream behind HttpClients with long TTLs, and the
 * webhook routes in an Express server. A signed event makes the next read of exactly what it changed go
 * upstream (its project's searches and the cross-project ones, its table), and nothing else; bad signatures,
 * stale timestamps, replays and garbage are refused with a clear status.
 */

const SECRET = 'jira-webhook-secret';
const SN_SECRET = 'servicenow-shared-secret';
const servers: http.Server[] = [];
let upstreamHits: string[];

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

let runtime: HttpRuntime;
let jira: HttpClient;
let servicenow: HttpClient;
let hooks: string;

beforeAll(async () => {
  upstreamHits = [];
  const upstream = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://upstream');
    const jql = url.searchParams.get('jql');
    upstreamHits.push(`${req.method} ${url.pathname}${jql ? ` ${jql}` : ''}`);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ values: [], issues: [], result: [] }));
  });
  runtime = new HttpRuntime({ log: () => undefined });
  const long = (name: 'jira' | 'servicenow') => {
    const policy = defaultPolicy(name);
    policy.cache.ttlSeconds = { projects: 3600, issues: 3600, people: 3600, tickets: 3600, reference: 3600 };
    return policy;
  };
  jira = new HttpClient({ name: 'jira', baseUrl: upstream, auth: { type: 'none' }, timeoutMs: 2000, resilience: long('jira'), runtime });
  servicenow = new HttpClient({ name: 'servicenow', baseUrl: upstream, auth: { type: 'none' }, timeoutMs: 2000, resilience: long('servicenow'), runtime });
  const app = express();
  app.use(webhookRoutes({ jira: { secret: SECRET, runtime }, servicenow: { secret: SN_SECRET, runtime } }));
  hooks = await listen(app);
});

afterAll(() => runtime.close());

const sign = (secret: string, payload: string) => `sha256=${createHmac('sha256', secret).update(payload).digest('hex')}`;
let eventId = 0;

function jiraEvent(webhookEvent: string, change: { signature?: string; id?: string; timestamp?: number; body?: string; payload?: object } = {}) {
  const body = change.body ?? JSON.stringify({ webhookEvent, timestamp: change.timestamp ?? Date.now(), ...(change.payload ?? { issue: { key: 'IAM-1', fields: { project: { key: 'IAM' } } } }) });
  return fetch(`${hooks}/webhooks/jira`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature': change.signature ?? sign(SECRET, body), 'x-atlassian-webhook-identifier': change.id ?? `ev-${++eventId}` },
    body,
  });
}

const reads = async () => {
  await jira.get('/rest/api/3/project/search');
  await jira.get('/rest/api/3/project/search', { keys: ['SOC'] });
  await jira.get('/rest/api/3/project/IAM/version');
  await jira.get('/rest/api/3/project/SOC/version');
  await jira.get('/rest/api/3/search/jql', { jql: 'project = "IAM" ORDER BY key ASC' });
  await jira.get('/rest/api/3/search/jql', { jql: 'project in ("SOC", "ERP") AND statusCategory != "3"' });
  await jira.get('/rest/api/3/search/jql', { jql: 'assignee in ("rosa@northfield.edu") AND project != "IAM"' });
  await servicenow.get('/api/now/table/incident', { sysparm_query: 'active=true' });
  await servicenow.get('/api/now/table/change_request', { sysparm_query: 'active=true' });
};

it("an issue event evicts its project's searches, the cross-project ones and its versions, nothing else", async () => {
  await reads();
  upstreamHits.length = 0;
  await reads();
  expect(upstreamHits).toEqual([]);
  const accepted = await jiraEvent('jira:issue_updated');
  expect(accepted.status).toBe(202);
  expect(await accepted.json()).toMatchObject({ accepted: true, evicted: 3 });
  await reads();
  expect(upstreamHits).toEqual([
    'GET /rest/api/3/project/IAM/version',
    'GET /rest/api/3/search/jql project = "IAM" ORDER BY key ASC',
    'GET /rest/api/3/search/jql assignee in ("rosa@northfield.edu") AND project != "IAM"',
  ]);
});

it("an issue linked to another project's issue, or moved from it, evicts that project's searches too", async () => {
  upstreamHits.length = 0;
  const payload = {
    issue: { key: 'IAM-7', fields: { project: { key: 'IAM' }, issuelinks: [{ inwardIssue: { key: 'ERP-3' } }] } },
    changelog: { items: [{ field: 'Key', fromString: 'SOC-9', toString: 'IAM-7' }] },
  };
  expect((await jiraEvent('jira:issue_updated', { payload })).status).toBe(202);
  await reads();
  expect(upstreamHits).toEqual([
    'GET /rest/api/3/project/IAM/version',
    'GET /rest/api/3/project/SOC/version',
    'GET /rest/api/3/search/jql project = "IAM" ORDER BY key ASC',
    'GET /rest/api/3/search/jql project in ("SOC", "ERP") AND statusCategory != "3"',
    'GET /rest/api/3/search/jql assignee in ("rosa@northfield.edu") AND project != "IAM"',
  ]);
});

it("a version event evicts the version reads; a project event the list and that project's reads", async () => {
  upstreamHits.length = 0;
  expect((await jiraEvent('jira:version_released', { payload: { version: { id: '10001', projectId: 10000, released: true } } })).status).toBe(202);
  await reads();
  expect(upstreamHits).toEqual(['GET /rest/api/3/project/IAM/version', 'GET /rest/api/3/project/SOC/version']);
  upstreamHits.length = 0;
  expect((await jiraEvent('project_updated', { payload: { project: { id: 10002, key: 'ERP' } } })).status).toBe(202);
  await reads();
  expect(upstreamHits).toEqual(['GET /rest/api/3/project/search']);
  upstreamHits.length = 0;
  expect((await jiraEvent('project_updated', { payload: { project: { id: 10003, key: 'SOC' } } })).status).toBe(202);
  await reads();
  expect(upstreamHits).toEqual(['GET /rest/api/3/project/search', 'GET /rest/api/3/project/search']);
});

it("a ServiceNow business-rule post of an incident evicts the ticket reads", async () => {
  upstreamHits.length = 0;
  const body = JSON.stringify({ table: 'incident', sys_id: 'abc', number: 'INC0010001' });
  const timestamp = String(Date.now());
  const post = (signature: string, id: string) =>
    fetch(`${hooks}/webhooks/servicenow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pmo-timestamp': timestamp, 'x-pmo-event-id': id, 'x-pmo-signature': signature },
      body,
    });
  expect((await post(sign(SN_SECRET, `${timestamp}.${body}`), 'abc-1')).status).toBe(202);
  await reads();
  // The change_request reads stay cached.
  expect(upstreamHits).toEqual(['GET /api/now/table/incident']);
  expect((await post(sign(SN_SECRET, `${timestamp}.${body}`), 'abc-1')).status).toBe(409);
  expect((await post(sign('wrong', `${timestamp}.${body}`), 'abc-2')).status).toBe(401);
});

it("refuses bad signatures, stale timestamps, replays and garbage, and evicts nothing for them", async () => {
  const bad = await jiraEvent('jira:issue_updated', { signature: sign('not-the-secret', '{}') });
  expect(bad.status).toBe(401);
  expect(await bad.json()).toEqual({ error: 'bad signature' });
  expect((await jiraEvent('jira:issue_updated', { signature: '' })).status).toBe(401);
  expect((await jiraEvent('jira:issue_updated', { timestamp: Date.now() - 3_600_000 })).status).toBe(401);
  expect((await jiraEvent('jira:issue_updated', { id: 'once' })).status).toBe(202);
  expect((await jiraEvent('jira:issue_updated', { id: 'once' })).status).toBe(409);
  expect((await jiraEvent('x', { body: 'not json' })).status).toBe(400);
  upstreamHits.length = 0;
  await reads();
  // Only the one accepted event (`once`, about IAM-1) evicted anything.
  expect(upstreamHits).toEqual([
    'GET /rest/api/3/project/IAM/version',
    'GET /rest/api/3/search/jql project = "IAM" ORDER BY key ASC',
    'GET /rest/api/3/search/jql assignee in ("rosa@northfield.edu") AND project != "IAM"',
  ]);
  expect(runtime.metrics.cacheTierSnapshot().find((m) => m.upstream === 'jira')).toMatchObject({ eventsReceived: 11, eventsRejected: 5, eventEvictions: 16 });
});
