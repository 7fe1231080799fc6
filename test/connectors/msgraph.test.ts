import nock from 'nock';
import { ManualClock } from '../../connectors/http/clock';
import type { UpstreamConfig } from '../../connectors/http/config';
import { UpstreamError } from '../../connectors/http/errors';
import { InvalidInputError } from '../../connectors/http/invalid-input';
import { HttpRuntime } from '../../connectors/http/runtime';
import { MsGraphClient } from '../../connectors/msgraph';
import { literal, odata } from '../../connectors/msgraph/odata';
import { translateUserFilter } from '../../connectors/msgraph/translate';
import { ENTERPRISE_USER, scim } from '../../connectors/scim/filter';
import batchResponse from '../fixtures/graph-batch-response.json';
import error429 from '../fixtures/graph-error-429.json';
import usersList from '../fixtures/graph-users-list.json';
import selectPage from '../fixtures/graph-users-select-page.json';
import { useNock } from '../support/nock';

const ORIGIN = 'https://graph.microsoft.com';
const config: UpstreamConfig = { name: 'msgraph', baseUrl: `${ORIGIN}/v1.0`, auth: { type: 'bearer', token: 'graph-token' }, timeoutMs: 2000 };
const graph = () => nock(ORIGIN, { reqheaders: { authorization: 'Bearer graph-token' } });
const SARA = '7d54cb02-aaa3-4016-9f9c-a4b49422dd9b';

type BatchBody = { requests: Array<{ id: string; method: string; url: string; headers?: Record<string, string> }> };
const ok = (id: string, value: unknown[]) => ({ id, status: 200, headers: { 'Content-Type': 'application/json' }, body: { value } });
const { error: deniedError } = batchResponse.responses[2].body as { error: unknown };

useNock();

describe('OData filter builder', () => {
  it.each([
    ["O'Brien", "'O''Brien'"],
    ["x' or mail ne '", "'x'' or mail ne '''"],
    ["''", "''''''"],
    ['a)&$filter=id ne null', "'a)&$filter=id ne null'"],
  ])('quotes %j as one string literal', (value, expected) => {
    expect(literal(value)).toBe(expected);
  });

  it('keeps a hostile value inside its comparison', () => {
    const filter = odata.or(odata.in('mail', ["o'hara@x.com", "') or (id ne '"]), odata.eq('accountEnabled', true));
    expect(filter.text).toBe("mail in ('o''hara@x.com',''') or (id ne ''') or accountEnabled eq true");
    expect(odata.and(filter, odata.eq('department', 'R&D')).text).toBe(
      "(mail in ('o''hara@x.com',''') or (id ne ''') or accountEnabled eq true) and department eq 'R&D'",
    );
  });

  it('refuses property names that are not identifiers and marks advanced operators', () => {
    expect(() => odata.eq('mail eq 1 or id', 'x')).toThrow(/Not a Graph property/);
    expect(odata.eq('department', 'x').advanced).toBe(false);
    expect(odata.ne('department', 'x').advanced).toBe(true);
    expect(odata.eq('department', null).advanced).toBe(true);
  });
});

describe('SCIM filter → Graph query', () => {
  it("translates the people subgraph's filters (department, active, search)", () => {
    const search = "o'brien";
    const filter = scim.and(
      scim.or(scim.co('displayName', search), scim.co('userName', search), scim.co('emails.value', search)),
      scim.eq(`${ENTERPRISE_USER}:department`, "R&D 'Labs'"),
      scim.eq('active', true),
    );
    const query = translateUserFilter(filter);
    expect(query.filter?.text).toBe("department eq 'R&D ''Labs''' and accountEnabled eq true");
    expect(query.search).toBe(`("displayName:o'brien" OR "userPrincipalName:o'brien" OR "mail:o'brien")`);
  });

  it('keeps a quote inside a SCIM string a literal character', () => {
    expect(translateUserFilter(scim.eq('userName', 'x" or id pr')).filter?.text).toBe(`userPrincipalName eq 'x" or id pr'`);
  });

  it.each([
    [scim.eq(`${ENTERPRISE_USER}:manager.value`, 'abc'), /manager\.value/],
    [scim.not(scim.co('displayName', 'x')), /"co"/],
    [scim.or(scim.co('displayName', 'x'), scim.eq('active', true)), /mixed/],
    [scim.compare('displayName', 'gt', 'm'), /"gt"/],
    [{ text: 'emails[type eq "work"]', precedence: 'atom' as const }, /cannot translate/],
    [scim.co('displayName', 'a"b'), /may not contain/],
  ])('refuses what Graph cannot express: %j', (filter, message) => {
    expect(() => translateUserFilter(filter)).toThrow(InvalidInputError);
    expect(() => translateUserFilter(filter)).toThrow(message);
  });
});

describe('MsGraphClient', () => {
  it('follows @odata.nextLink verbatim and maps users (email from mail, else the UPN, lower-cased)', async () => {
    graph()
      .get('/v1.0/users')
      .query((q) => q.$top === '100' && q.$expand === 'manager($select=id,displayName)' && String(q.$select).includes('employeeOrgData'))
      .reply(200, selectPage);
    // The nextLink as given, skip token and all; no ConsistencyLevel on a plain query.
    graph()
      .get('/v1.0/users')
      .query((q) => q.$skiptoken === 'RFNwdAIAAQAAAC06...' && q.$top === '2' && q.$filter === 'accountEnabled eq true')
      .reply(200, usersList);
    const users = await new MsGraphClient(config).listAllUsers();
    expect(users.map((u) => [u.email, u.employeeNumber, u.department])).toEqual([
      ['sarad@contoso.onmicrosoft.com', '89607', 'Finance'],
      ['lynner@contoso.com', null, null],
      ['adams@contoso.com', null, null],
      ['admin@contoso.com', null, null],
    ]);
    expect(users[3]).toMatchObject({ userName: 'admin@contoso.com', phone: '425-555-0100', displayName: 'MOD Administrator', active: true, managerId: null });
  });

  it('refuses a nextLink to another host (it would carry the bearer token)', async () => {
    graph().get('/v1.0/users').query(true).reply(200, { value: [], '@odata.nextLink': 'https://evil.example.com/v1.0/users?$skiptoken=x' });
    await expect(new MsGraphClient(config).listAllUsers()).rejects.toThrow(/outside https:\/\/graph.microsoft.com/);
  });

  it('looks emails up in one $batch of filtered requests, answers matched by id whatever their order', async () => {
    const bodies: BatchBody[] = [];
    graph()
      .post('/v1.0/$batch', (body: BatchBody) => (bodies.push(body), true))
      .reply(200, {
        // Out of order, as Graph may answer.
        responses: [
          ok('2', [{ id: 'b', mail: 'Bea@Example.com', userPrincipalName: 'bea@example.com', manager: { id: SARA, displayName: 'Sara Davis' } }]),
          ok('3', []),
          ok('1', [{ id: 'a', mail: null, userPrincipalName: "O'Hara@example.com" }]),
        ],
      });
    const client = new MsGraphClient(config, { maxFilterValues: 1 });
    const found = await client.getUsersByEmails(["o'hara@EXAMPLE.com", 'BEA@example.com', 'gone@example.com']);
    expect(bodies).toHaveLength(1);
    expect(bodies[0].requests.map((r) => decodeURIComponent(r.url.replace(/.*\$filter=([^&]*).*/, '$1')))).toEqual([
      "mail in ('o''hara@example.com') or userPrincipalName in ('o''hara@example.com')",
      "mail in ('bea@example.com') or userPrincipalName in ('bea@example.com')",
      "mail in ('gone@example.com') or userPrincipalName in ('gone@example.com')",
    ]);
    expect(found.map((u) => u?.id ?? null)).toEqual(['a', 'b', null]);
    expect(found[1]).toMatchObject({ managerId: SARA, managerDisplayName: 'Sara Davis' });
  });

  it('sends at most 20 requests per $batch', async () => {
    const sizes: number[] = [];
    graph()
      .post('/v1.0/$batch', (body: BatchBody) => (sizes.push(body.requests.length), true))
      .times(2)
      // Answers for ids 1–20; a batch of one reads only its own.
      .reply(200, { responses: Array.from({ length: 20 }, (_, i) => ok(String(i + 1), [])) });
    const ids = Array.from({ length: 21 * 15 }, (_, i) => `id-${i}`);
    expect(await new MsGraphClient(config).getUsersByIds(ids)).toEqual(ids.map(() => null));
    expect(sizes.sort((a, b) => a - b)).toEqual([1, 20]);
  });

  it('re-sends a throttled batch item after its own Retry-After', async () => {
    const clock = new ManualClock();
    const runtime = new HttpRuntime({ clock, cache: null, log: () => undefined });
    const sent: BatchBody[] = [];
    graph()
      .post('/v1.0/$batch', (body: BatchBody) => (sent.push(body), true))
      .reply(200, {
        responses: [
          { id: '2', status: 429, headers: { 'Retry-After': '3', 'Content-Type': 'application/json' }, body: error429 },
          ok('1', [{ id: 'a', mail: 'a@x.com' }]),
        ],
      })
      .post('/v1.0/$batch', (body: BatchBody) => (sent.push(body), true))
      .reply(200, { responses: [ok('1', [{ id: 'b', mail: 'b@x.com' }])] });
    const found = await new MsGraphClient({ ...config, runtime }, { maxFilterValues: 1 }).getUsersByEmails(['a@x.com', 'b@x.com']);
    expect(found.map((u) => u?.id)).toEqual(['a', 'b']);
    expect(clock.sleeps).toEqual([3000]);
    expect(sent[1].requests).toEqual([{ id: '1', method: 'GET', url: sent[0].requests[1].url }]);
  });

  it('surfaces a throttled item as a rateLimit UpstreamError when it may not wait', async () => {
    graph()
      .post('/v1.0/$batch')
      .reply(200, { responses: [{ id: '1', status: 429, headers: { 'Retry-After': '120' }, body: error429 }] });
    const error = await new MsGraphClient(config).getUsersByIds(['x']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'rateLimit', status: 429, retryAfterMs: 120_000 });
    expect((error as Error).message).toMatch(/TooManyRequests: Too many requests\./);
  });

  it("reads Graph's error body, in a batch item and in a response of its own", async () => {
    graph().post('/v1.0/$batch').reply(200, { responses: [{ id: '1', status: 403, headers: {}, body: { error: deniedError } }] });
    await expect(new MsGraphClient(config).getUsersByManagerIds([SARA])).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('Authorization_RequestDenied: Insufficient privileges to complete the operation.'),
      details: { requestId: '93b6f17e-c05d-4f45-ad2a-6665c708d8a0' },
    });
    graph().get(`/v1.0/users/${SARA}`).query(true).reply(403, { error: deniedError });
    await expect(new MsGraphClient(config).getUser(SARA)).rejects.toMatchObject({ kind: 'forbidden', message: expect.stringContaining('Authorization_RequestDenied') });
  });

  it('reads a page of an advanced query with ConsistencyLevel on the nextLink too, then the managers in a $batch', async () => {
    graph()
      .get('/v1.0/users')
      .matchHeader('consistencylevel', 'eventual')
      .query((q) => q.$count === 'true' && q.$search === '"displayName:sara"' && q.$expand === undefined)
      .reply(200, { '@odata.count': 2, value: [{ id: SARA, mail: 'SaraD@contoso.com' }], '@odata.nextLink': `${ORIGIN}/v1.0/users?$skiptoken=abc` })
      .get('/v1.0/users')
      .matchHeader('consistencylevel', 'eventual')
      .query({ $skiptoken: 'abc' })
      .reply(200, { value: [{ id: 'other', mail: 'sara2@contoso.com' }] })
      .post('/v1.0/$batch', (body: BatchBody) => body.requests.map((r) => r.url.split('?')[0]).join() === `/users/${SARA}/manager,/users/other/manager`)
      .reply(200, {
        responses: [
          { id: '2', status: 200, headers: {}, body: { id: SARA, displayName: 'Sara Davis' } },
          { id: '1', status: 404, headers: {}, body: { error: { code: 'Request_ResourceNotFound', message: 'no manager' } } },
        ],
      });
    const page = await new MsGraphClient(config).listUsers({ filter: scim.co('displayName', 'sara'), count: 5 });
    expect(page.totalResults).toBe(2);
    expect(page.items.map((u) => [u.email, u.managerId])).toEqual([
      ['sarad@contoso.com', null],
      ['sara2@contoso.com', SARA],
    ]);
  });
});
