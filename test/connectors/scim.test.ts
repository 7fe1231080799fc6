import nock from 'nock';
import type { ParsedUrlQuery } from 'node:querystring';
import type { UpstreamConfig } from '../../connectors/http/config';
import { UpstreamError } from '../../connectors/http/errors';
import { InvalidInputError } from '../../connectors/http/invalid-input';
import { ENTERPRISE_USER, scim } from '../../connectors/scim/filter';
import { ScimClient } from '../../connectors/scim';
import enterpriseUser from '../fixtures/scim-user-enterprise.json';
import usersListResponse from '../fixtures/scim-users-listresponse.json';
import rfcListResponse from '../fixtures/scim-listresponse.rfc7644-3.4.2.json';
import group from '../fixtures/scim-group.json';
import error404 from '../fixtures/scim-error-404.json';
import errorInvalidFilter from '../fixtures/scim-error-invalidfilter.json';
import { useNock } from '../support/nock';

const ORIGIN = 'https://directory.example.com';
const config: UpstreamConfig = { name: 'scim', baseUrl: `${ORIGIN}/scim/v2/`, auth: { type: 'bearer', token: 'scim-token' }, timeoutMs: 2000 };
const BJENSEN = '2819c223-7f76-453a-919d-413861904646';
const JSMITH = '26118915-6090-4610-87e4-49d8ca9f808d';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

type Json = Record<string, any>;
const clone = <T>(value: T): T => structuredClone(value);
const [bjensenResource, jsmithResource] = usersListResponse.Resources;

const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

const directory = () => nock(ORIGIN, { reqheaders: { authorization: 'Bearer scim-token' } });
/** A client that lists with GET, as against a provider without `/.search`. */
const getClient = (options: ConstructorParameters<typeof ScimClient>[1] = {}) => new ScimClient(config, { searchWithPost: false, ...options });
/** RFC 7643 §5 with the one limit batching reads. */
const serviceProviderConfig = (maxResults: number) => directory().get('/scim/v2/ServiceProviderConfig').reply(200, {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  filter: { supported: true, maxResults },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
});
const noServiceProviderConfig = () => directory().get('/scim/v2/ServiceProviderConfig').reply(404, error404);
const listResponse = (resources: unknown[], extra: Json = {}) => ({ schemas: [LIST], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources, ...extra });
const withId = (resource: Json, id: string, email: string): Json => ({ ...clone(resource), id, userName: email, emails: [{ value: email, type: 'work', primary: true }] });

/** Records each request's query so a test can assert exactly what was sent. */
function recordQueries(): { queries: ParsedUrlQuery[]; match: (q: ParsedUrlQuery) => boolean } {
  const queries: ParsedUrlQuery[] = [];
  return { queries, match: (q) => (queries.push(q), true) };
}

/** Records each SearchRequest body. */
function recordSearches(): { bodies: Json[]; match: (body: Json) => boolean } {
  const bodies: Json[] = [];
  return { bodies, match: (body) => (bodies.push(body), true) };
}

useNock();

describe('ScimClient mapping', () => {
  it('maps an RFC 7643 §8.3 enterprise user, manager from value with its relative $ref', async () => {
    directory()
      .get(`/scim/v2/Users/${BJENSEN}`)
      .matchHeader('accept', /application\/scim\+json/)
      .reply(200, enterpriseUser, { 'content-type': 'application/scim+json' });

    const user = await new ScimClient(config).getUser(BJENSEN);

    expect(user).toEqual({
      id: BJENSEN,
      userName: 'bjensen@example.com',
      email: 'bjensen@example.com',
      displayName: 'Babs Jensen',
      givenName: 'Barbara',
      familyName: 'Jensen',
      title: 'Tour Guide',
      department: 'Tour Operations',
      division: 'Theme Park',
      organization: 'Universal Studios',
      costCenter: '4130',
      employeeNumber: '701984',
      phone: '555-555-5555',
      location: '100 Universal City Plaza\nHollywood, CA 91608 USA',
      active: true,
      managerId: JSMITH,
      managerDisplayName: 'John Smith',
    });
  });

  it.each([
    ['a relative $ref', { $ref: `../Users/${JSMITH}`, displayName: 'John Smith' }, JSMITH],
    ['an absolute $ref', { $ref: `https://example.com/v2/Users/${JSMITH}` }, JSMITH],
    ['a bare string (Entra ID)', JSMITH, JSMITH],
    ['an empty value', { value: '' }, null],
    ['no manager', undefined, null],
  ])('reads the manager id from %s', async (_label, manager, expected) => {
    const raw: Json = clone(enterpriseUser);
    raw[ENTERPRISE_USER].manager = manager;
    directory().get(`/scim/v2/Users/${BJENSEN}`).reply(200, raw);

    const user = await new ScimClient(config).getUser(BJENSEN);

    expect(user?.managerId).toBe(expected);
  });

  it('lower-cases the work email, prefers work values, and defaults what a provider leaves out', async () => {
    const raw: Json = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: 'u1',
      userName: 'PJones',
      name: { givenName: 'Pat', familyName: 'Jones' },
      active: 'False',
      emails: [{ value: 'pat@home.example', type: 'home', primary: true }, { value: 'Pat.Jones@Example.COM', type: 'work' }],
      phoneNumbers: [{ value: '555-0100', type: 'mobile' }],
      addresses: [{ type: 'work', locality: 'Leeds', country: 'UK' }],
    };
    directory().get('/scim/v2/Users/u1').reply(200, raw);

    const user = await new ScimClient(config).getUser('u1');

    expect(user).toMatchObject({
      email: 'pat.jones@example.com',
      displayName: 'Pat Jones',
      phone: null,
      location: 'Leeds, UK',
      active: false,
      department: null,
      managerId: null,
    });
  });
});

describe('ScimClient paging', () => {
  it('follows startIndex by the number of Resources returned until totalResults (the server capped count)', async () => {
    const { queries, match } = recordQueries();
    const third = withId(jsmithResource, 'third', 'third@example.com');
    noServiceProviderConfig(); // first, so its request is not offered to the /Users query matcher
    directory()
      .get('/scim/v2/Users')
      .query(match)
      .reply(200, usersListResponse)
      .get('/scim/v2/Users')
      .query(match)
      .reply(200, { schemas: [LIST], totalResults: 3, startIndex: 3, itemsPerPage: 1, Resources: [third] });

    const users = await getClient().listAllUsers();

    expect(users.map((u) => u.id)).toEqual([BJENSEN, JSMITH, 'third']);
    expect(queries).toEqual([
      { startIndex: '1', count: '200' },
      { startIndex: '3', count: '200' },
    ]);
  });

  it('takes a ListResponse without startIndex/itemsPerPage (not paginated) as complete', async () => {
    noServiceProviderConfig();
    directory().get('/scim/v2/Users').query(true).reply(200, rfcListResponse);

    const users = await getClient().listAllUsers();

    expect(users.map((u) => u.userName)).toEqual(['bjensen', 'jsmith']);
  });

  it('stops at an empty page even if totalResults promises more, and keeps a resource seen twice once', async () => {
    directory()
      .get('/scim/v2/Users')
      .query({ startIndex: '1', count: '2', filter: 'active eq true' })
      .reply(200, listResponse([bjensenResource, jsmithResource], { totalResults: 5 }))
      .get('/scim/v2/Users')
      .query({ startIndex: '3', count: '2', filter: 'active eq true' })
      .reply(200, listResponse([jsmithResource], { totalResults: 5, startIndex: 3 }))
      .get('/scim/v2/Users')
      .query({ startIndex: '4', count: '2', filter: 'active eq true' })
      .reply(200, { schemas: [LIST], totalResults: 5, startIndex: 4, itemsPerPage: 0 });

    noServiceProviderConfig();

    const users = await getClient({ pageSize: 2 }).listAllUsers(scim.eq('active', true));

    expect(users.map((u) => u.id)).toEqual([BJENSEN, JSMITH]);
  });

  it('lists one page with the filter, startIndex and count it was given', async () => {
    directory()
      .get('/scim/v2/Users')
      .query({ filter: 'name.familyName sw "Jen"', startIndex: '11', count: '10' })
      .reply(200, listResponse([bjensenResource], { totalResults: 11, startIndex: 11 }));

    const page = await getClient().listUsers({ filter: scim.sw('name.familyName', 'Jen'), startIndex: 11, count: 10 });

    expect(page).toMatchObject({ totalResults: 11, startIndex: 11, items: [{ id: BJENSEN, managerId: JSMITH }] });
  });

  it('refuses a startIndex below 1 or a negative count before sending anything', async () => {
    const client = new ScimClient(config);
    await expect(client.listUsers({ startIndex: 0 })).rejects.toThrow(InvalidInputError);
    await expect(client.listUsers({ count: -1 })).rejects.toThrow(InvalidInputError);
  });

  it('maps groups to member ids', async () => {
    directory()
      .get('/scim/v2/Groups')
      .query({ filter: 'displayName eq "Tour Guides"' })
      .reply(200, listResponse([group]));

    const page = await new ScimClient(config).listGroups({ filter: scim.eq('displayName', 'Tour Guides') });

    expect(page).toEqual({
      totalResults: 1,
      startIndex: 1,
      items: [{ id: group.id, displayName: 'Tour Guides', memberIds: [BJENSEN, '902c246b-6245-4190-8e05-00816be7344a'] }],
    });
  });
});

describe('ScimClient batched look-ups', () => {
  it('finds users by email case-insensitively in one POST /Users/.search, aligned with the input, null when missing', async () => {
    const { bodies, match } = recordSearches();
    serviceProviderConfig(200);
    directory()
      .post('/scim/v2/Users/.search', match)
      .matchHeader('content-type', /application\/scim\+json/)
      .reply(200, listResponse([jsmithResource, bjensenResource]));

    const users = await new ScimClient(config).getUsersByEmails(['BJensen@Example.com', 'nobody@example.com', 'jsmith@example.com', 'bjensen@example.com']);

    expect(users.map((u) => u?.id ?? null)).toEqual([BJENSEN, null, JSMITH, BJENSEN]);
    expect(bodies).toEqual([
      {
        schemas: [SEARCH],
        filter: 'emails.value eq "bjensen@example.com" or emails.value eq "nobody@example.com" or emails.value eq "jsmith@example.com"',
        startIndex: 1,
        count: 3,
      },
    ]);
  });

  /** Answers every search with the users among `hits` whose email the filter names. */
  const answer = (hits: Json[]) => async (request: Request) => {
    const { filter } = (await request.json()) as { filter: string };
    return [200, listResponse(hits.filter((h) => filter.includes(`"${h.emails[0].value.toLowerCase()}"`)))] as [number, Json];
  };

  it.each([
    ['the provider allows 500 per response: one request', 500, {}, [120]],
    ['the provider allows 50 per response (filter.maxResults)', 50, {}, [50, 50, 20]],
    ['the client is configured for at most 40 terms', 500, { maxFilterTerms: 40 }, [40, 40, 40]],
  ])('sizes chunks to what the server accepts: %s', async (_label, maxResults, options, expected) => {
    const emails = Array.from({ length: 120 }, (_, i) => `person${i}@example.com`);
    const { bodies, match } = recordSearches();
    serviceProviderConfig(maxResults);
    directory().post('/scim/v2/Users/.search', match).times(expected.length).reply(answer([withId(jsmithResource, 'p7', 'Person7@example.com')]));

    const users = await new ScimClient(config, options).getUsersByEmails(emails);

    expect(users.filter(Boolean).map((u) => u!.id)).toEqual(['p7']);
    expect(users[7]?.email).toBe('person7@example.com');
    const sent = bodies.map((b) => ({ count: b.count, terms: String(b.filter).split(' or ').length })).sort((a, b) => b.terms - a.terms);
    expect(sent).toEqual(expected.map((n) => ({ count: n, terms: n })));
    expect(bodies.flatMap((b) => String(b.filter).split(' or ')).sort()).toEqual(emails.map((e) => `emails.value eq "${e}"`).sort());
  });

  it('reads /ServiceProviderConfig once per client', async () => {
    serviceProviderConfig(200);
    directory().post('/scim/v2/Users/.search').times(2).reply(200, listResponse([bjensenResource]));

    const client = new ScimClient(config);
    await client.getUsersByEmails(['bjensen@example.com']);
    await client.getUsersByIds([BJENSEN]);
  });

  it('does not remember a failed /ServiceProviderConfig read: batches by its defaults and asks again next time', async () => {
    const { bodies, match } = recordSearches();
    directory()
      .get('/scim/v2/ServiceProviderConfig')
      .reply(503, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '503' })
      .post('/scim/v2/Users/.search', match)
      .reply(200, listResponse([bjensenResource]));
    serviceProviderConfig(200);
    directory().post('/scim/v2/Users/.search', match).reply(200, listResponse([jsmithResource]));

    const client = new ScimClient(config);
    const emails = Array.from({ length: 150 }, (_, i) => `person${i}@example.com`);
    await client.getUsersByEmails(emails);
    await client.getUsersByEmails(['jsmith@example.com']);

    expect(bodies.map((b) => b.count)).toEqual([150, 1]);
  });

  it('falls back to GET, 50 terms per URL, when the provider has no /.search, and stays there', async () => {
    const emails = Array.from({ length: 60 }, (_, i) => `person${i}@example.com`);
    const { queries, match } = recordQueries();
    serviceProviderConfig(200);
    directory()
      .post('/scim/v2/Users/.search')
      .reply(405, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '405', detail: 'Method not allowed' })
      .get('/scim/v2/Users')
      .times(3)
      .query(match)
      .reply(200, listResponse([]));

    const client = new ScimClient(config);
    await client.getUsersByEmails(['first@example.com']);
    await client.getUsersByEmails(emails);

    expect(queries.map((q) => String(q.filter).split(' or ').length)).toEqual([1, 50, 10]);
  });

  it('keeps paging a chunk when the server returns fewer than count', async () => {
    serviceProviderConfig(200);
    directory()
      .post('/scim/v2/Users/.search', (b) => b.startIndex === 1)
      .reply(200, listResponse([bjensenResource], { totalResults: 2, itemsPerPage: 1 }))
      .post('/scim/v2/Users/.search', (b) => b.startIndex === 2 && b.count === 2)
      .reply(200, listResponse([jsmithResource], { totalResults: 2, startIndex: 2, itemsPerPage: 1 }));

    const users = await new ScimClient(config).getUsersByEmails(['jsmith@example.com', 'bjensen@example.com']);

    expect(users.map((u) => u?.id)).toEqual([JSMITH, BJENSEN]);
  });

  it('finds users by id with `id eq` terms, aligned, duplicates allowed', async () => {
    serviceProviderConfig(200);
    directory()
      .post('/scim/v2/Users/.search', { schemas: [SEARCH], filter: `id eq "${JSMITH}" or id eq "gone" or id eq "${BJENSEN}"`, startIndex: 1, count: 3 })
      .reply(200, listResponse([bjensenResource, jsmithResource]));

    const users = await new ScimClient(config).getUsersByIds([JSMITH, 'gone', BJENSEN, JSMITH]);

    expect(users.map((u) => u?.id ?? null)).toEqual([JSMITH, null, BJENSEN, JSMITH]);
  });

  it("finds each manager's direct reports in one request, aligned, empty for a manager without reports", async () => {
    const reportOf = (id: string, manager: string): Json => {
      const raw = withId(bjensenResource, id, `${id}@example.com`);
      raw[ENTERPRISE_USER] = { manager: { value: manager, $ref: `../Users/${manager}` } };
      return raw;
    };
    serviceProviderConfig(200);
    directory()
      .post('/scim/v2/Users/.search', {
        schemas: [SEARCH],
        filter: `${ENTERPRISE_USER}:manager.value eq "m1" or ${ENTERPRISE_USER}:manager.value eq "m2" or ${ENTERPRISE_USER}:manager.value eq "m3"`,
        startIndex: 1,
        count: 200,
      })
      .reply(200, listResponse([reportOf('a', 'm1'), reportOf('b', 'm3'), reportOf('c', 'm1')]));

    const reports = await new ScimClient(config).getUsersByManagerIds(['m1', 'm2', 'm3', 'm1']);

    expect(reports.map((team) => team.map((u) => u.id))).toEqual([['a', 'c'], [], ['b'], ['a', 'c']]);
  });

  it('sends nothing for an empty batch', async () => {
    const client = new ScimClient(config);
    await expect(client.getUsersByEmails([])).resolves.toEqual([]);
    await expect(client.getUsersByIds([])).resolves.toEqual([]);
    await expect(client.getUsersByManagerIds([])).resolves.toEqual([]);
  });
});

describe('ScimClient errors', () => {
  it('reads a SCIM invalidFilter error as a badRequest with its detail', async () => {
    directory().get('/scim/v2/Users').query(true).reply(400, errorInvalidFilter, { 'content-type': 'application/scim+json' });

    const failure = await getClient().listUsers({ filter: scim.eq('userName', 'x') }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(UpstreamError);
    expect(failure).toMatchObject({ kind: 'badRequest', status: 400, upstream: 'scim' });
    expect((failure as Error).message).toContain(`invalidFilter: ${errorInvalidFilter.detail}`);
  });

  it('reports 401 as kind auth, also when /ServiceProviderConfig failed first', async () => {
    const expired = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'Token expired' };
    directory().get('/scim/v2/ServiceProviderConfig').reply(401, expired).post('/scim/v2/Users/.search').reply(401, expired);

    await expect(new ScimClient(config).listAllUsers()).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining('Token expired') });
  });

  it('returns null for a user that does not exist (404)', async () => {
    directory().get('/scim/v2/Users/2819c223-7f76-453a-919d-413861904646').reply(404, error404);

    await expect(new ScimClient(config).getUser(BJENSEN)).resolves.toBeNull();
  });

  it('keeps the plain status for a body that is not a SCIM error', async () => {
    directory().get('/scim/v2/Users/x').reply(502, '<html>Bad gateway</html>', { 'content-type': 'text/html' });

    await expect(new ScimClient(config).getUser('x')).rejects.toMatchObject({ kind: 'server', message: 'scim GET /Users/x: HTTP 502' });
  });

  it('escapes the id into one path segment and refuses ids that would leave /Users', async () => {
    directory().get('/scim/v2/Users/a%2F..%2FGroups').reply(404, error404);

    const client = new ScimClient(config);
    await expect(client.getUser('a/../Groups')).resolves.toBeNull();
    for (const id of ['', '.', '..']) await expect(client.getUser(id)).rejects.toThrow(InvalidInputError);
  });
});
