import nock from 'nock';
import { HttpClient } from '../../connectors/http/client';
import type { UpstreamConfig } from '../../connectors/http/config';
import { ENTERPRISE_USER, scim } from '../../connectors/scim/filter';
import { ScimClient } from '../../connectors/scim';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset, type DemoPerson } from '../../simulators/data/dataset';
import { SCIM_BASE_PATH, scimSimulator } from '../../simulators/scim';
import error404 from '../fixtures/scim-error-404.json';

const dataset = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
const directory = dataset.people.filter((p) => p.inDirectory);
const byId = new Map(dataset.people.map((p) => [p.scimId, p]));
const USERS = `GET ${SCIM_BASE_PATH}/Users`;
const SEARCH = `POST ${SCIM_BASE_PATH}/Users/.search`;
const CONFIG = `GET ${SCIM_BASE_PATH}/ServiceProviderConfig`;

let sim: RunningSimulator;
let client: ScimClient;

const configFor = (server: RunningSimulator, overrides: Partial<UpstreamConfig> = {}): UpstreamConfig => ({
  name: 'scim',
  baseUrl: `${server.url}${SCIM_BASE_PATH}`,
  auth: { type: 'bearer', token: SIMULATOR_CREDENTIALS.scim.token },
  timeoutMs: 5000,
  ...overrides,
});

const mixCase = (email: string, i: number): string =>
  i % 3 === 0 ? email.toUpperCase() : i % 3 === 1 ? email.replace(/^./, (c) => c.toUpperCase()) : email;

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  sim = await startSimulator(scimSimulator(dataset));
  client = new ScimClient(configFor(sim));
});
beforeEach(() => sim.reset());
afterAll(async () => {
  await sim.close();
  // Jest shares node:http across the test files of a worker; leave it unpatched for the next file.
  nock.restore();
});

describe('ScimClient against the SCIM simulator', () => {
  it('needs the bearer token', async () => {
    const wrongToken = new ScimClient(configFor(sim, { auth: { type: 'bearer', token: 'not-the-token' } }));
    const basic = new ScimClient(configFor(sim, { auth: { type: 'basic', username: 'a', password: SIMULATOR_CREDENTIALS.scim.token } }));

    await expect(wrongToken.getUser(directory[0].scimId)).rejects.toMatchObject({ kind: 'auth', status: 401 });
    await expect(basic.listAllUsers()).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining('Authorization failure') });
  });

  it('serves a person as an enterprise user the connector maps back to the data set', async () => {
    const person = directory.find((p) => p.managerId && /Engineer/.test(p.title))!;
    const manager = byId.get(person.managerId!)!;

    const user = await client.getUser(person.scimId);

    expect(user).toEqual({
      id: person.scimId,
      userName: person.userName,
      email: person.email,
      displayName: person.displayName,
      givenName: person.givenName,
      familyName: person.familyName,
      title: person.title,
      department: person.department,
      division: person.division,
      organization: 'Northfield University',
      costCenter: person.costCenter,
      employeeNumber: person.employeeNumber,
      phone: person.phone,
      location: person.location,
      active: true,
      managerId: manager.scimId,
      managerDisplayName: manager.displayName,
    });
    await expect(client.getUser('00000000-0000-4000-a000-000000000000')).resolves.toBeNull();
  });

  it('finds 60 people by mixed-case email in one search, aligned, leavers and strangers null', async () => {
    const people = directory.slice(0, 60);
    const leaver = dataset.people.find((p) => !p.inDirectory)!;
    const emails = [...people.map((p, i) => mixCase(p.email, i)), leaver.email, 'nobody@northfield.edu'];

    const users = await client.getUsersByEmails(emails);

    expect(users.map((u) => u?.id ?? null)).toEqual([...people.map((p) => p.scimId), null, null]);
    expect(sim.requests()[SEARCH]).toBe(1);
    expect(sim.requests()[USERS]).toBeUndefined();
  });

  it('over GET, chunks the same 60 into two URLs of at most 50 terms', async () => {
    const people = directory.slice(0, 60);
    const overGet = new ScimClient(configFor(sim), { searchWithPost: false });

    const users = await overGet.getUsersByEmails(people.map((p, i) => mixCase(p.email, i)));

    expect(users.map((u) => u?.id)).toEqual(people.map((p) => p.scimId));
    expect(sim.requests()).toEqual({ [CONFIG]: 1, [USERS]: 2 });
  });

  it('reads filter.maxResults once and looks up the whole directory in one search per 200 people', async () => {
    const fresh = new ScimClient(configFor(sim));

    const users = await fresh.getUsersByEmails(directory.map((p) => p.email));
    await fresh.getUsersByIds(directory.slice(0, 10).map((p) => p.scimId));

    expect(users.map((u) => u?.id)).toEqual(directory.map((p) => p.scimId));
    expect(sim.requests()).toEqual({ [CONFIG]: 1, [SEARCH]: Math.ceil(directory.length / 200) + 1 });
  });

  it('does not widen the filter for a hostile email', async () => {
    const victim = directory[5].email;
    const hostile = [`${victim}" or userName pr or userName eq "x`, `x") or (emails.value pr`, `\\" or emails.value co "@`];

    const users = await client.getUsersByEmails(hostile);
    const page = await client.listUsers({ filter: scim.eq('emails.value', hostile[0]), count: 10 });

    expect(users).toEqual([null, null, null]);
    expect(page.totalResults).toBe(0);
  });

  it('lists every directory person once, paging past the server cap on count', async () => {
    const greedy = new ScimClient(configFor(sim), { pageSize: 1000 });

    const users = await greedy.listAllUsers();

    expect(users).toHaveLength(directory.length);
    expect(new Set(users.map((u) => u.id))).toEqual(new Set(directory.map((p) => p.scimId)));
    expect(users.filter((u) => !u.active).map((u) => u.id).sort()).toEqual(directory.filter((p) => !p.active).map((p) => p.scimId).sort());
    // 250 people at the advertised 200 per page.
    expect(sim.requests()).toEqual({ [CONFIG]: 1, [SEARCH]: Math.ceil(directory.length / 200) });
  });

  it('filters on the fully qualified enterprise department', async () => {
    const department = 'Research Computing';
    const expected = directory.filter((p) => p.department === department && p.active);

    const users = await client.listAllUsers(scim.and(scim.eq(`${ENTERPRISE_USER}:department`, department), scim.eq('active', true)));

    expect(users.map((u) => u.id).sort()).toEqual(expected.map((p) => p.scimId).sort());
    expect(expected.length).toBeGreaterThan(10);
  });

  it('gives manager ids consistent with the data set, up to the CIO', async () => {
    const users = await client.listAllUsers();
    for (const user of users) expect(user.managerId).toBe(byId.get(user.id)!.managerId);

    const staff = directory.find((p) => !/Manager|Director|Chief/.test(p.title) && p.managerId)!;
    const expectedChain: string[] = [];
    for (let p: DemoPerson | undefined = staff; p?.managerId; p = byId.get(p.managerId)) expectedChain.push(p.managerId);
    const chain: string[] = [];
    let next = staff.managerId;
    while (next) {
      chain.push(next);
      const [manager] = await client.getUsersByIds([next]);
      next = manager!.managerId;
    }
    expect(chain).toEqual(expectedChain);
    expect(byId.get(chain[chain.length - 1])!.title).toBe('Chief Information Officer');
  });

  it('reports an invalid filter as badRequest with the SCIM detail', async () => {
    const failure = await client.listUsers({ filter: { text: 'userName eq', precedence: 'atom' } }).catch((e: unknown) => e);

    expect(failure).toMatchObject({ kind: 'badRequest', status: 400, message: expect.stringContaining('invalidFilter: Invalid filter') });
  });

  it('serves one group per department, with its members', async () => {
    const person = directory[42];
    const expected = directory.filter((p) => p.department === person.department).map((p) => p.scimId);

    const byName = await client.listGroups({ filter: scim.eq('displayName', person.department) });
    const byMember = await client.listGroups({ filter: scim.eq('members.value', person.scimId) });
    const all = await client.listGroups({});

    expect(byName.items).toHaveLength(1);
    expect(byName.items[0].memberIds.sort()).toEqual(expected.sort());
    expect(byMember.items.map((g) => g.displayName)).toEqual([person.department]);
    expect(all.totalResults).toBe(new Set(directory.map((p) => p.department)).size);
  });

  it('times out on a hung upstream', async () => {
    const hanging = await startSimulator(scimSimulator(dataset), { faults: { hangRate: 1 } });
    try {
      const impatient = new ScimClient(configFor(hanging, { timeoutMs: 100 }));
      await expect(impatient.getUser(directory[0].scimId)).rejects.toMatchObject({ kind: 'timeout' });
    } finally {
      await hanging.close();
    }
  });
});

describe('SCIM simulator wire format', () => {
  // The connectors' own HTTP client, to look at the raw wire JSON.
  const call = async (path: string, body?: unknown) => {
    const http = new HttpClient(configFor(sim));
    const options = { headers: { 'content-type': 'application/scim+json' }, acceptStatuses: [400, 404] };
    const response = body === undefined ? await http.get<any>(path, undefined, options) : await http.post<any>(path, body, undefined, options);
    return { status: response.status, contentType: response.headers['content-type'], etag: response.headers.etag, body: response.data };
  };
  const person = directory.find((p) => p.managerId)!;

  it('renders a user as RFC 7643 §8.3 does, manager $ref relative, meta.location absolute', async () => {
    const { status, contentType, etag, body } = await call(`/Users/${person.scimId}`);

    expect(status).toBe(200);
    expect(contentType).toBe('application/scim+json');
    expect(body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE_USER]);
    expect(body[ENTERPRISE_USER].manager).toEqual({
      value: person.managerId,
      $ref: `../Users/${person.managerId}`,
      displayName: byId.get(person.managerId!)!.displayName,
    });
    expect(body.meta).toMatchObject({ resourceType: 'User', location: `${sim.url}${SCIM_BASE_PATH}/Users/${person.scimId}`, version: etag });
    expect(Date.parse(body.meta.lastModified)).toBeGreaterThan(Date.parse(body.meta.created));
    expect(Date.parse(body.meta.lastModified)).toBeLessThan(dataset.anchor.getTime());
  });

  it('answers a missing user with the RFC error shape, status as a string', async () => {
    const { status, body } = await call('/Users/2819c223-7f76-453a-919d-413861904646');

    expect(status).toBe(404);
    expect(body).toEqual(error404);
  });

  it('pages as RFC 7644 §3.4.2.4 says: startIndex below 1 is 1, count 0 gives only totalResults, count is capped', async () => {
    const config = await call('/ServiceProviderConfig');
    const zero = await call('/Users?count=0');
    const capped = await call('/Users?startIndex=-4&count=5000&sortBy=userName');

    expect(config.body.filter).toEqual({ supported: true, maxResults: 200 });
    expect(zero.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: directory.length, startIndex: 1, itemsPerPage: 0, Resources: [] });
    expect(capped.body).toMatchObject({ totalResults: directory.length, startIndex: 1, itemsPerPage: 200 });
    const names = capped.body.Resources.map((u: { userName: string }) => u.userName);
    expect(names).toEqual([...names].sort());
  });

  it('projects attributes and excludedAttributes, keeping id and schemas', async () => {
    const filter = encodeURIComponent(`id eq "${person.scimId}"`);
    const only = await call(`/Users?filter=${filter}&attributes=userName,name.givenName,${ENTERPRISE_USER}:department`);
    const without = await call(`/Users/${person.scimId}?excludedAttributes=emails,${ENTERPRISE_USER},meta,id`);

    expect(only.body.Resources).toEqual([
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE_USER],
        id: person.scimId,
        userName: person.userName,
        name: { givenName: person.givenName },
        [ENTERPRISE_USER]: { department: person.department },
      },
    ]);
    expect(without.body).toMatchObject({ id: person.scimId, userName: person.userName });
    expect(without.body.emails).toBeUndefined();
    expect(without.body[ENTERPRISE_USER]).toBeUndefined();
    expect(without.body.meta).toBeUndefined();
  });

  it('searches with POST /Users/.search and refuses a body that is not a SearchRequest', async () => {
    const search = (body: unknown) => call('/Users/.search', body);

    const found = await search({ schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: `userName eq "${person.userName.toUpperCase()}"`, attributes: ['userName'] });
    const refused = await search({ filter: 'userName pr' });

    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: person.scimId, userName: person.userName }] });
    expect(refused).toMatchObject({ status: 400, body: { status: '400', scimType: 'invalidSyntax' } });
  });

  it('refuses a non-numeric startIndex and an unparseable filter with SCIM error types', async () => {
    expect(await call('/Users?startIndex=abc')).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await call(`/Users?filter=${encodeURIComponent('userName eq "x" and')}`)).toMatchObject({ status: 400, body: { status: '400', scimType: 'invalidFilter' } });
  });
});
