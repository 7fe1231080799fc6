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

const directory = () => nock(ORIGIN, { reqheaders: { authorization: 'Bearer scim-token' } });
const listResponse = (resources: unknown[], extra: Json = {}) => ({ schemas: [LIST], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources, ...extra });
const withId = (resource: Json, id: string, email: string): Json => ({ ...clone(resource), id, userName: email, emails: [{ value: email, type: 'work', primary: true }] });

/** Records each request's query so a test can assert exactly what was sent. */
function recordQueries(): { queries: ParsedUrlQuery[]; match: (q: ParsedUrlQuery) => boolean } {
  const queries: ParsedUrlQuery[] = [];
  return { queries, match: (q) => (queries.push(q), true) };
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
    directory()
      .get('/scim/v2/Users')
      .query(match)
      .reply(200, usersListResponse)
      .get('/scim/v2/Users')
      .query(match)
      .reply(200, { schemas: [LIST], totalResults: 3, startIndex: 3, itemsPerPage: 1, Resources: [third] });

    const users = await new ScimClient(config).listAllUsers();

    expect(users.map((u) => u.id)).toEqual([BJENSEN, JSMITH, 'third']);
    expect(queries).toEqual([
      { startIndex: '1', count: '200' },
      { startIndex: '3', count: '200' },
    ]);
  });

  it('takes a ListResponse without startIndex/itemsPerPage (not paginated) as complete', async () => {
    directory().get('/scim/v2/Users').query(true).reply(200, rfcListResponse);

    const users = await new ScimClient(config).listAllUsers();

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

    const users = await new ScimClient(config, { pageSize: 2 }).listAllUsers(scim.eq('active', true));

    expect(users.map((u) => u.id)).toEqual([BJENSEN, JSMITH]);
  });

  it('lists one page with the filter, startIndex and count it was given', async () => {
    directory()
      .get('/scim/v2/Users')
      .query({ filter: 'name.familyName sw "Jen"', startIndex: '11', count: '10' })
      .reply(200, listResponse([bjensenResource], { totalResults: 11, startIndex: 11 }));

    const page = await new ScimClient(config).listUsers({ filter: scim.sw('name.familyName', 'Jen'), startIndex: 11, count: 10 });

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
  it('finds users by email case-insensitively, aligned with the input, null when missing', async () => {
    const { queries, match } = recordQueries();
    directory().get('/scim/v2/Users').query(match).reply(200, listResponse([jsmithResource, bjensenResource]));

    const users = await new ScimClient(config).getUsersByEmails(['BJensen@Example.com', 'nobody@example.com', 'jsmith@example.com', 'bjensen@example.com']);

    expect(users.map((u) => u?.id ?? null)).toEqual([BJENSEN, null, JSMITH, BJENSEN]);
    expect(queries).toEqual([
      {
        filter: 'emails.value eq "bjensen@example.com" or emails.value eq "nobody@example.com" or emails.value eq "jsmith@example.com"',
        startIndex: '1',
        count: '3',
      },
    ]);
  });

  it('sends one request per chunk of maxFilterTerms', async () => {
    const emails = Array.from({ length: 120 }, (_, i) => `person${i}@example.com`);
    const { queries, match } = recordQueries();
    directory()
      .get('/scim/v2/Users')
      .times(3)
      .query(match)
      .reply((request) => {
        const filter = new URL(request.url).searchParams.get('filter')!;
        const hit = filter.includes('"person7@example.com"') ? [withId(jsmithResource, 'p7', 'Person7@example.com')] : [];
        return [200, listResponse(hit)];
      });

    const users = await new ScimClient(config, { maxFilterTerms: 50 }).getUsersByEmails(emails);

    expect(users.filter(Boolean).map((u) => u!.id)).toEqual(['p7']);
    expect(users[7]?.email).toBe('person7@example.com');
    const sent = queries.map((q) => ({ count: q.count, terms: String(q.filter).split(' or ').length })).sort((a, b) => b.terms - a.terms);
    expect(sent).toEqual([
      { count: '50', terms: 50 },
      { count: '50', terms: 50 },
      { count: '20', terms: 20 },
    ]);
    expect(queries.flatMap((q) => String(q.filter).split(' or ')).sort()).toEqual(emails.map((e) => `emails.value eq "${e}"`).sort());
  });

  it('keeps paging a chunk when the server returns fewer than count', async () => {
    directory()
      .get('/scim/v2/Users')
      .query((q) => q.startIndex === '1')
      .reply(200, listResponse([bjensenResource], { totalResults: 2, itemsPerPage: 1 }))
      .get('/scim/v2/Users')
      .query((q) => q.startIndex === '2' && q.count === '2')
      .reply(200, listResponse([jsmithResource], { totalResults: 2, startIndex: 2, itemsPerPage: 1 }));

    const users = await new ScimClient(config).getUsersByEmails(['jsmith@example.com', 'bjensen@example.com']);

    expect(users.map((u) => u?.id)).toEqual([JSMITH, BJENSEN]);
  });

  it('finds users by id with `id eq` terms, aligned, duplicates allowed', async () => {
    directory()
      .get('/scim/v2/Users')
      .query({ filter: `id eq "${JSMITH}" or id eq "gone" or id eq "${BJENSEN}"`, startIndex: '1', count: '3' })
      .reply(200, listResponse([bjensenResource, jsmithResource]));

    const users = await new ScimClient(config).getUsersByIds([JSMITH, 'gone', BJENSEN, JSMITH]);

    expect(users.map((u) => u?.id ?? null)).toEqual([JSMITH, null, BJENSEN, JSMITH]);
  });

  it('sends nothing for an empty batch', async () => {
    const client = new ScimClient(config);
    await expect(client.getUsersByEmails([])).resolves.toEqual([]);
    await expect(client.getUsersByIds([])).resolves.toEqual([]);
  });
});

describe('ScimClient errors', () => {
  it('reads a SCIM invalidFilter error as a badRequest with its detail', async () => {
    directory().get('/scim/v2/Users').query(true).reply(400, errorInvalidFilter, { 'content-type': 'application/scim+json' });

    const failure = await new ScimClient(config).listUsers({ filter: scim.eq('userName', 'x') }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(UpstreamError);
    expect(failure).toMatchObject({ kind: 'badRequest', status: 400, upstream: 'scim' });
    expect((failure as Error).message).toContain(`invalidFilter: ${errorInvalidFilter.detail}`);
  });

  it('reports 401 as kind auth', async () => {
    directory()
      .get('/scim/v2/Users')
      .query(true)
      .reply(401, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'Token expired' });

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
