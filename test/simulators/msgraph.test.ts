import axios from 'axios';
import { MsGraphClient } from '../../connectors/msgraph';
import { ENTERPRISE_USER, scim } from '../../connectors/scim/filter';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset, type Dataset } from '../../simulators/data/dataset';
import { GRAPH_BASE_PATH, msGraphSimulator } from '../../simulators/msgraph';

/** The Graph simulator keeps the contract the connector relies on, and the connector works against it. */

let sim: RunningSimulator;
let data: Dataset;
let client: MsGraphClient;
const auth = { authorization: `Bearer ${SIMULATOR_CREDENTIALS.msgraph.token}` };
const api = (path: string, headers: Record<string, string> = {}) => axios.get(`${sim.url}${GRAPH_BASE_PATH}${path}`, { headers: { ...auth, ...headers }, validateStatus: () => true });

beforeAll(async () => {
  data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
  sim = await startSimulator(msGraphSimulator(data));
  client = new MsGraphClient({ name: 'msgraph', baseUrl: `${sim.url}${GRAPH_BASE_PATH}`, auth: { type: 'bearer', token: SIMULATOR_CREDENTIALS.msgraph.token }, timeoutMs: 5000 });
});

afterAll(() => sim?.close());
beforeEach(() => sim.reset());

const directory = () => data.people.filter((p) => p.inDirectory);

describe('Graph simulator contract', () => {
  it('refuses a missing token with Graph’s error body', async () => {
    const response = await axios.get(`${sim.url}${GRAPH_BASE_PATH}/users`, { validateStatus: () => true });
    expect(response.status).toBe(401);
    expect(response.data.error).toMatchObject({ code: 'InvalidAuthenticationToken', innerError: { 'request-id': expect.any(String) } });
  });

  it('needs ConsistencyLevel: eventual for $count and $search, on the nextLink as well', async () => {
    expect((await api('/users?$count=true')).data.error.code).toBe('Request_UnsupportedQuery');
    const first = await api('/users?$count=true&$top=2&$select=id', { ConsistencyLevel: 'eventual' });
    expect(first.data['@odata.count']).toBe(directory().length);
    const link: string = first.data['@odata.nextLink'];
    expect((await axios.get(link, { headers: auth, validateStatus: () => true })).status).toBe(400);
    const second = await axios.get(link, { headers: { ...auth, ConsistencyLevel: 'eventual' } });
    expect(second.data['@odata.count']).toBeUndefined();
    expect(second.data.value).toHaveLength(2);
  });

  it('refuses $skip, $expand in an advanced query and more than 15 filter values', async () => {
    expect((await api('/users?$skip=2')).status).toBe(400);
    expect((await api('/users?$count=true&$expand=manager', { ConsistencyLevel: 'eventual' })).status).toBe(400);
    const many = Array.from({ length: 16 }, (_, i) => `'u${i}@x.com'`).join(',');
    expect((await api(`/users?$filter=${encodeURIComponent(`mail in (${many})`)}`)).status).toBe(400);
  });

  it('refuses a $batch of more than 20 requests and answers a valid one out of order', async () => {
    const post = (n: number) =>
      axios.post(`${sim.url}${GRAPH_BASE_PATH}/$batch`, { requests: Array.from({ length: n }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/users?$top=1&$select=id' })) }, { headers: auth, validateStatus: () => true });
    expect((await post(21)).status).toBe(400);
    const ok = await post(3);
    expect(ok.status).toBe(200);
    expect(ok.data.responses.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([['3', 200], ['2', 200], ['1', 200]]);
  });
});

describe('MsGraphClient against the simulator', () => {
  it('finds 40 people by email in any case in one $batch; a hostile or unknown email is null, not an error', async () => {
    const people = directory().slice(0, 40);
    const keys = [...people.map((p) => p.email.toUpperCase()), "x') or (mail ne 'y", 'former@northfield.edu'];
    const found = await client.getUsersByEmails(keys);
    expect(found.map((u) => u?.email ?? null)).toEqual([...people.map((p) => p.email.toLowerCase()), null, null]);
    expect(sim.requests()).toEqual({ 'POST /v1.0/$batch': 1 });
  });

  it('maps a user with manager, employee data and division', async () => {
    const person = directory().find((p) => p.managerId && data.people.find((m) => m.scimId === p.managerId)?.inDirectory)!;
    const user = await client.getUser(person.scimId);
    expect(user).toMatchObject({
      id: person.scimId,
      email: person.email.toLowerCase(),
      department: person.department,
      division: person.division,
      costCenter: person.costCenter,
      employeeNumber: person.employeeNumber,
      title: person.title,
      active: person.active,
      managerId: person.managerId,
    });
    expect(await client.getUser('no-such-user')).toBeNull();
  });

  it('lists direct reports per manager in one $batch', async () => {
    const managers = [...new Set(directory().map((p) => p.managerId).filter((id): id is string => !!id))].slice(0, 5);
    const teams = await client.getUsersByManagerIds([...managers, 'nobody']);
    managers.forEach((id, i) => expect(teams[i].map((u) => u.id).sort()).toEqual(directory().filter((p) => p.managerId === id).map((p) => p.scimId).sort()));
    expect(teams[5]).toEqual([]);
    expect(sim.requests()).toEqual({ 'POST /v1.0/$batch': 1 });
  });

  it('pages a filtered list without $skip, with its total', async () => {
    const department = directory()[0].department;
    const members = directory().filter((p) => p.department === department && p.active);
    const filter = scim.and(scim.eq(`${ENTERPRISE_USER}:department`, department), scim.eq('active', true));
    const page = await client.listUsers({ filter, startIndex: 3, count: 2 });
    expect(page.totalResults).toBe(members.length);
    expect(page.items.map((u) => u.id)).toEqual(members.slice(2, 4).map((p) => p.scimId));
    expect(sim.requests()).toEqual({ 'POST /v1.0/$batch': 1 });
  });

  it('reads the whole directory 100 at a time, and the groups with their members', async () => {
    const all = await client.listAllUsers();
    expect(all).toHaveLength(directory().length);
    expect(sim.requests()).toEqual({ 'GET /v1.0/users': Math.ceil(directory().length / 100) });
    const groups = await client.listGroups({ filter: scim.eq('displayName', directory()[0].department) });
    expect(groups.totalResults).toBe(1);
    expect(groups.items[0].memberIds.length).toBe(directory().filter((p) => p.department === directory()[0].department).length);
  });
});
