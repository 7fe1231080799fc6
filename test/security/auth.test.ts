import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { startStack, OPERATIONS_DIR, readSupergraph, type Stack } from '../../bin/stack';
import { hashApiKey } from '../../gateway/auth/api-keys';
import { loadAuthConfig } from '../../gateway/auth/config';
import { DEMO_AUDIENCE, DEMO_ISSUER, demoJwks, demoPrivateKey, mintDemoToken } from '../../gateway/auth/demo-issuer';
import { loadOperationLimits } from '../../gateway/plugins/limits';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { IDENTITY_HEADER, signCaller } from '../../subgraphs/common/identity';
import { loadOperations } from '../../apps/common/operations';
import { createMetricsRegistry } from '../../subgraphs/common/metrics';

/**
 * Authentication and authorisation end to end, with AUTH_MODE=required: the README's PortfolioPage query without a
 * token, with one lacking people:sensitive, with it; API keys; bad tokens of every kind; the status:write rule;
 * subgraphs that refuse anything the gateway did not vouch for; the audit log; the shared rate limit.
 */
jest.setTimeout(60_000);

const dir = mkdtempSync(path.join(tmpdir(), 'pmo-auth-'));
const keyFile = path.join(dir, 'demo.pem');
const auditFile = path.join(dir, 'audit.jsonl');
const SECRET = 'x'.repeat(48);
const BI_KEY = 'pmo_test-bi-key-0123456789abcdefghijklmnopqrstuvwxyz';
const env = {
  AUTH_MODE: 'required',
  DEMO_ISSUER_KEY_FILE: keyFile,
  GATEWAY_IDENTITY_SECRET: SECRET,
  AUDIT_LOG_FILE: auditFile,
  API_KEYS: JSON.stringify([{ name: 'powerbi', sha256: hashApiKey(BI_KEY), scopes: [] }]),
};
const PORTFOLIO = loadOperations(OPERATIONS_DIR).get('PortfolioPage')!.document;

let stack: Stack;
let url: string;
const key = () => demoPrivateKey(keyFile);
const token = (email: string, scopes: string[], extra: Partial<Parameters<typeof mintDemoToken>[1]> = {}) => mintDemoToken(key(), { email, scopes, ...extra });

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, target = url): Promise<Answer> {
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

beforeAll(async () => {
  stack = await startStack({ ports: 'random', env });
  url = stack.gateway.url;
});
afterAll(() => stack?.close());

describe('the README portfolio query with AUTH_MODE=required', () => {
  it('gets 401 UNAUTHENTICATED without a token', async () => {
    const answer = await post(PORTFOLIO);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers in full except phone (null + FORBIDDEN) without people:sensitive, and with phone with it', async () => {
    const without = await post(PORTFOLIO, {}, bearer(token('ana.pm@northfield.edu', [])));
    const withScope = await post(PORTFOLIO, {}, bearer(token('ana.pm@northfield.edu', ['people:sensitive'])));
    expect(without.status).toBe(200);
    expect(withScope.status).toBe(200);
    expect(withScope.body.errors).toBeUndefined();
    const leads = (answer: Answer) => answer.body.data!.projects.edges.map((e: any) => e.node.lead).filter(Boolean);
    expect(leads(withScope).length).toBeGreaterThan(5);
    expect(leads(withScope).every((l: any) => typeof l.phone === 'string' && l.phone.length > 5)).toBe(true);
    expect(leads(without).every((l: any) => l.phone === null)).toBe(true);
    expect(without.body.errors!.length).toBeGreaterThan(0);
    for (const error of without.body.errors!) {
      expect(error.extensions?.code).toBe('FORBIDDEN');
      expect(error.message).toContain('people:sensitive');
      expect(error.path?.[error.path.length - 1]).toBe('phone');
    }
    // Everything else is the same answer.
    const strip = (answer: Answer) => JSON.parse(JSON.stringify(answer.body.data), (k, v) => (k === 'phone' ? undefined : v));
    expect(strip(without)).toEqual(strip(withScope));
  });

  it('lets an API key in, as a service caller with its scopes; an unknown key gets 401', async () => {
    const ok = await post('query { people(first: 1) { edges { node { email phone } } } }', {}, { 'x-api-key': BI_KEY });
    expect(ok.status).toBe(200);
    expect(ok.body.data!.people.edges[0].node.email).toMatch(/@/);
    expect(ok.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const alsoOk = await post('{ projects(first: 1) { totalCount } }', {}, { authorization: `ApiKey ${BI_KEY}` });
    expect(alsoOk.body.data!.projects.totalCount).toBeGreaterThan(0);
    const bad = await post('{ projects(first: 1) { totalCount } }', {}, { 'x-api-key': `${BI_KEY}x` });
    expect([bad.status, bad.body.errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('planning: once per operation and set of cut fields, not once per request', () => {
  // The engine's plan cache is keyed by the document object; the auth pass must not hand it a new one each time.
  const planner = (require('@graphql-hive/router-query-planner') as { QueryPlanner: { prototype: { planAsync: (...args: unknown[]) => unknown } } }).QueryPlanner.prototype;
  const planAsync = planner.planAsync;
  let plans = 0;
  beforeAll(() => {
    planner.planAsync = function (this: unknown, ...args: unknown[]) {
      plans++;
      return planAsync.apply(this, args);
    };
  });
  afterAll(() => {
    planner.planAsync = planAsync;
  });

  it('plans the portfolio query once for many requests of callers who may see all of it, and once more for those who may not', async () => {
    // A query text of its own, so no earlier test has planned it.
    const query = `${PORTFOLIO}\n# plan-cache test`;
    const everything = bearer(token('pmo.admin@northfield.edu', ['people:sensitive', 'status:write', 'portfolio:admin', 'intake:review']));
    const noPhone = bearer(token('ana.pm@northfield.edu', []));
    const before = plans;
    for (let i = 0; i < 3; i++) expect((await post(query, {}, everything)).body.errors).toBeUndefined();
    expect(plans - before).toBe(1);
    for (let i = 0; i < 3; i++) {
      const answer = await post(query, {}, noPhone);
      expect(answer.body.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
      expect(answer.body.data!.projects.edges.some((e: any) => e.node.lead)).toBe(true);
    }
    expect(plans - before).toBe(2);
  });
});

describe('tokens that must not pass', () => {
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const kidOf = () => (demoJwks(createPrivateKey(readFileSync(keyFile, 'utf8'))).keys[0] as { kid: string }).kid;
  const claims = { email: 'eve@northfield.edu', scope: 'people:sensitive portfolio:admin' };
  const cases: Array<[string, () => string]> = [
    ['expired', () => token('eve@northfield.edu', ['people:sensitive'], { expiresIn: '-10m' })],
    ['wrong audience', () => token('eve@northfield.edu', ['people:sensitive'], { audience: 'another-api' })],
    ['wrong issuer', () => jwt.sign(claims, key().export({ type: 'pkcs8', format: 'pem' }), { algorithm: 'ES256', keyid: kidOf(), issuer: 'https://evil.example', audience: DEMO_AUDIENCE, expiresIn: '1h' })],
    ['signed by another key under our kid', () => jwt.sign(claims, other.export({ type: 'pkcs8', format: 'pem' }), { algorithm: 'ES256', keyid: kidOf(), issuer: DEMO_ISSUER, audience: DEMO_AUDIENCE, expiresIn: '1h' })],
    ['alg none', () => `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: kidOf() })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, iss: DEMO_ISSUER, aud: DEMO_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url')}.`],
    ['HS256 with the public JWK as the secret', () => jwt.sign(claims, JSON.stringify(demoJwks(key()).keys[0]), { algorithm: 'HS256', keyid: kidOf(), issuer: DEMO_ISSUER, audience: DEMO_AUDIENCE, expiresIn: '1h' })],
    ['not a JWT', () => 'not-a-token'],
    ['a JWT with a tampered payload', () => {
      const [h, , s] = token('eve@northfield.edu', []).split('.');
      return `${h}.${Buffer.from(JSON.stringify({ ...claims, iss: DEMO_ISSUER, aud: DEMO_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url')}.${s}`;
    }],
  ];
  it.each(cases)('%s → 401 UNAUTHENTICATED', async (_name, make) => {
    const answer = await post('{ people(first: 1) { edges { node { phone } } } }', {}, bearer(make()));
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(answer.body.data).toBeUndefined();
  });

  it('an Authorization header of another scheme → 401', async () => {
    const answer = await post('{ projects(first: 1) { totalCount } }', {}, { authorization: 'Basic YWRtaW46YWRtaW4=' });
    expect([answer.status, answer.body.errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('status reports: status:write, for projects the caller leads or staffs', () => {
  let project: { key: string; lead: string };
  let other: string;
  beforeAll(async () => {
    const admin = token('pmo.admin@northfield.edu', ['portfolio:admin']);
    const answer = await post('{ projects(first: 50) { edges { node { key lead { email } team { person { email } } } } } }', {}, bearer(admin));
    const nodes = answer.body.data!.projects.edges.map((e: any) => e.node).filter((n: any) => n.lead?.email);
    project = { key: nodes[0].key, lead: nodes[0].lead.email };
    other = nodes.find((n: any) => !n.team.some((m: any) => m.person.email === project.lead)).key;
  });
  const FILE = 'mutation File($projectKey: String!, $input: StatusReportInput!) { submitStatusReport(projectKey: $projectKey, input: $input) { id author { email } } }';
  const input = { overall: 'GREEN', summary: 'On track', authorEmail: 'someone.else@northfield.edu' };

  it('without status:write the mutation is null with FORBIDDEN, and nothing is filed', async () => {
    const answer = await post(FILE, { projectKey: project.key, input }, bearer(token(project.lead, [])));
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ submitStatusReport: null });
    expect(answer.body.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['FORBIDDEN', ['submitStatusReport']]]);
  });

  it('the lead files for their project, as the author, whatever authorEmail says', async () => {
    const answer = await post(FILE, { projectKey: project.key, input }, bearer(token(project.lead, ['status:write'])));
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.submitStatusReport.author.email).toBe(project.lead);
  });

  it('the same PM is refused for a project they neither lead nor staff; portfolio:admin may', async () => {
    const refused = await post(FILE, { projectKey: other, input }, bearer(token(project.lead, ['status:write'])));
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(refused.body.errors?.[0].message).toContain('lead or staff');
    const admin = await post(FILE, { projectKey: other, input }, bearer(token('pmo.admin@northfield.edu', ['portfolio:admin'])));
    expect(admin.body.errors).toBeUndefined();
    expect(admin.body.data!.submitStatusReport.author.email).toBe('pmo.admin@northfield.edu');
  });

  it('writes one audit line per mutation: who, what, which project, result', async () => {
    const lines = readFileSync(auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const mine = lines.filter((l) => l.operationName === 'File');
    expect(mine.map((l) => [l.subject, l.mutations[0].field, l.mutations[0].projectKey, l.result, l.errorCodes ?? []])).toEqual([
      [project.lead, 'submitStatusReport', project.key, 'error', ['FORBIDDEN']],
      [project.lead, 'submitStatusReport', project.key, 'ok', []],
      [project.lead, 'submitStatusReport', other, 'error', ['FORBIDDEN']],
      ['pmo.admin@northfield.edu', 'submitStatusReport', other, 'ok', []],
    ]);
    expect(mine.every((l) => typeof l.requestId === 'string' && l.time)).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('On track');
  });
});

describe('subgraphs trust only what the gateway signed', () => {
  const query = JSON.stringify({ query: '{ people(first: 1) { edges { node { email phone } } } }' });
  const direct = (headers: Record<string, string>) =>
    fetch(stack.subgraphs.people.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: query });

  it.each([
    ['no identity header', {}],
    ['a header signed with another secret', { [IDENTITY_HEADER]: signCaller({ subject: 'eve', kind: 'user', scopes: ['people:sensitive'] }, 'y'.repeat(48)) }],
    ['an expired header', { [IDENTITY_HEADER]: signCaller({ subject: 'eve', kind: 'user', scopes: ['people:sensitive'] }, SECRET, Date.now() - 120_000) }],
    ['garbage', { [IDENTITY_HEADER]: 'eyJzdWIiOiJldmUifQ.AAAA' }],
    ['a bearer token instead', bearer(mintDemoToken(demoPrivateKey(keyFile), { email: 'eve@northfield.edu', scopes: ['people:sensitive'] }))],
  ])('%s → 401 and no data', async (_name, headers) => {
    const response = await direct(headers as Record<string, string>);
    expect(response.status).toBe(401);
    const body = (await response.json()) as Answer['body'];
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a header the gateway signed is believed (the check is real, not a blanket refusal)', async () => {
    const response = await direct({ [IDENTITY_HEADER]: signCaller({ subject: 'svc', kind: 'service', scopes: [] }, SECRET) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Answer['body']).data!.people.edges).toHaveLength(1);
  });

  it('the gateway is ready: its probes carry a signed identity', async () => {
    const response = await fetch(url.replace('/graphql', '/ready'));
    expect(response.status).toBe(200);
  });
});

describe('the per-client rate limit', () => {
  const gateways: RunningGateway[] = [];
  afterAll(async () => {
    for (const g of gateways) await g.close();
  });
  const registry = createMetricsRegistry();
  const start = async (redisUrl?: string, authEnv: NodeJS.ProcessEnv = env) => {
    const gateway = await startGateway({
      metrics: registry,
      supergraphSdl: await readSupergraph(),
      subgraphUrls: Object.fromEntries(Object.entries(stack.subgraphs).map(([n, s]) => [n, s.url])),
      operationsDir: OPERATIONS_DIR,
      auth: loadAuthConfig(authEnv),
      limits: { ...loadOperationLimits({}), rateLimitPerMinute: 3 },
      demoIssuerKeyFile: keyFile,
      redisUrl,
    });
    gateways.push(gateway);
    return gateway;
  };

  it('refuses the fourth request in a minute with 429 RATE_LIMITED and Retry-After, per caller', async () => {
    const gateway = await start();
    const me = bearer(token(`rl-${Date.now()}@northfield.edu`, []));
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await post('{ projects(first: 1) { totalCount } }', {}, me, gateway.url));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[3].body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(Number(answers[3].headers.get('retry-after'))).toBeGreaterThan(0);
    // /metrics counts the refusal by its code.
    expect(await registry.getSingleMetricAsString('pmo_gateway_errors_total')).toMatch(/pmo_gateway_errors_total\{[^}]*code="RATE_LIMITED"[^}]*\} 1/);
    // Another caller has a budget of their own.
    const someoneElse = await post('{ projects(first: 1) { totalCount } }', {}, bearer(token(`rl2-${Date.now()}@northfield.edu`, [])), gateway.url);
    expect(someoneElse.status).toBe(200);
  });

  it('turns introspection off when configured (the production default), with its own code', async () => {
    const gateway = await startGateway({
      supergraphSdl: await readSupergraph(),
      subgraphUrls: Object.fromEntries(Object.entries(stack.subgraphs).map(([n, s]) => [n, s.url])),
      operationsDir: OPERATIONS_DIR,
      auth: loadAuthConfig(env),
      limits: { ...loadOperationLimits({ NODE_ENV: 'production' }), rateLimitPerMinute: 0 },
      demoIssuerKeyFile: keyFile,
    });
    gateways.push(gateway);
    const me = bearer(token('analyst@northfield.edu', []));
    const refused = await post('{ __schema { queryType { name } } }', {}, me, gateway.url);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.length).toBeGreaterThan(0);
    expect(new Set(refused.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['INTROSPECTION_DISABLED']));
    const ordinary = await post('{ projects(first: 1) { totalCount } }', {}, me, gateway.url);
    expect(ordinary.body.data!.projects.totalCount).toBeGreaterThan(0);
    // The default gateway of this suite (not production) allows it.
    expect((await post('{ __schema { queryType { name } } }', {}, me)).body.data!.__schema.queryType.name).toBe('Query');
  });

  it('gives each address of the anonymous demo caller a budget of its own', async () => {
    const gateway = await start(undefined, { ...env, AUTH_MODE: 'off' });
    // Two client addresses on the loopback (127.0.0.1 and 127.0.0.2), without credentials.
    const from = (localAddress: string) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ query: '{ projects(first: 1) { totalCount } }' });
        const request = http.request(gateway.url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        });
        request.on('error', reject);
        request.end(body);
      });
    const first = [];
    for (let i = 0; i < 4; i++) first.push(await from('127.0.0.1'));
    expect(first).toEqual([200, 200, 200, 429]);
    expect(await from('127.0.0.2')).toBe(200);
  });

  it('shares one budget between replicas through Redis', async () => {
    const [a, b] = [await start('redis://127.0.0.1:6379'), await start('redis://127.0.0.1:6379')];
    await new Promise((r) => setTimeout(r, 300));
    const me = bearer(token(`rl-redis-${Date.now()}@northfield.edu`, []));
    const statuses = [];
    for (const target of [a, b, a, b]) statuses.push((await post('{ projects(first: 1) { totalCount } }', {}, me, target.url)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
