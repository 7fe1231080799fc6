import { OData } from '@odata/client';
import { startStack, type Stack } from '../../bin/stack';
import { generateDataset, type Dataset } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

/**
 * The OData v4 and CSV views over the simulators, as Power BI, Excel and Tableau use them: the service document,
 * $metadata, $count, then every page through @odata.nextLink; and a real OData v4 client library on top.
 */

// Paging every demo issue takes ~10 s alone; on the shared 2-core machine under the whole suite, several times that.
jest.setTimeout(120_000);

let stack: Stack;
let data: Dataset;
let base: string;

beforeAll(async () => {
  data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
  stack = await startStack({ env: {}, ports: 'random', dataset: data });
  base = stack.gateway.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await stack?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(path.startsWith('http') ? path : `${base}${path}`, { headers: { accept: 'application/json', ...headers } });

test('a Power Query-style sequence pages through every issue with nothing missing or repeated', async () => {
  const service = await (await get('/odata/')).json();
  expect(service['@odata.context']).toBe(`${base}/odata/$metadata`);
  expect(service.value.map((s: { name: string }) => s.name)).toEqual(
    expect.arrayContaining(['Projects', 'Issues', 'Incidents', 'Changes', 'Problems', 'People', 'Staffing', 'StatusReports']),
  );

  const metadata = await get('/odata/$metadata');
  expect(metadata.headers.get('content-type')).toMatch(/application\/xml/);
  const xml = await metadata.text();
  expect(xml).toContain('<EntityType Name="Issue">');
  expect(xml).toContain('<Property Name="Updated" Type="Edm.DateTimeOffset"');
  expect(xml).toContain('<EntitySet Name="Issues" EntityType="PmoGraph.Issue">');

  const count = Number(await (await get('/odata/Issues/$count')).text());
  const expected = data.issues.filter((i) => !i.key.startsWith('PMO-')).map((i) => i.key);
  expect(count).toBe(expected.length);
  expect(count).toBeGreaterThanOrEqual(3000);

  const keys: string[] = [];
  let url: string | undefined = `${base}/odata/Issues?$select=Id,Key,Updated,AssigneeDepartment`;
  let pages = 0;
  while (url) {
    const response = await get(url, { prefer: 'odata.maxpagesize=800' });
    expect(response.status).toBe(200);
    expect(response.headers.get('odata-version')).toBe('4.0');
    const page = await response.json();
    expect(page['@odata.context']).toBe(`${base}/odata/$metadata#Issues(Id,Key,Updated,AssigneeDepartment)`);
    for (const row of page.value) {
      expect(Object.keys(row)).toEqual(['Id', 'Key', 'Updated', 'AssigneeDepartment']);
      keys.push(row.Key);
    }
    url = page['@odata.nextLink'];
    pages++;
  }
  expect(pages).toBeGreaterThan(3);
  expect(new Set(keys).size).toBe(keys.length);
  expect([...keys].sort()).toEqual([...expected].sort());
});

test('filters on dates and keys, $orderby, $top/$skip and $count agree with the demo data', async () => {
  const since = '2026-11-01T00:00:00Z';
  const until = '2026-11-20T00:00:00Z';
  const expected = data.issues
    .filter((i) => !i.key.startsWith('PMO-'))
    .filter((i) => Date.parse(i.updated) >= Date.parse(since) && Date.parse(i.updated) < Date.parse(until));
  const filter = encodeURIComponent(`Updated ge ${since} and Updated lt ${until}`);
  const all = await (await get(`/odata/Issues?$filter=${filter}&$count=true&$select=Key,Updated&$orderby=Updated desc`)).json();
  expect(all['@odata.count']).toBe(expected.length);
  expect(all.value.map((r: { Key: string }) => r.Key).sort()).toEqual(expected.map((i) => i.key).sort());
  const updated = all.value.map((r: { Updated: string }) => Date.parse(r.Updated));
  expect(updated).toEqual([...updated].sort((a, b) => b - a));

  const window = await (await get(`/odata/Issues?$filter=${filter}&$select=Key&$orderby=Updated desc&$skip=5&$top=10`)).json();
  expect(window.value.map((r: { Key: string }) => r.Key)).toEqual(all.value.slice(5, 15).map((r: { Key: string }) => r.Key));

  const project = data.projects[0]!.key;
  const ofProject = await (await get(`/odata/Issues?$filter=${encodeURIComponent(`ProjectKey eq '${project}' or Key eq 'NOPE-1'`)}&$select=Key,ProjectKey`)).json();
  expect(ofProject.value.length).toBe(data.issues.filter((i) => i.key.startsWith(`${project}-`)).length);
  expect(ofProject.value.every((r: { ProjectKey: string }) => r.ProjectKey === project)).toBe(true);

  // What Power Query folds a text filter into.
  const word = data.projects[0]!.name.split(' ')[0]!;
  const named = await (await get(`/odata/Projects?$filter=${encodeURIComponent(`contains(Name,'${word}') and not startswith(Key,'ZZZ')`)}&$select=Name`)).json();
  expect(named.value.map((r: { Name: string }) => r.Name).sort()).toEqual(data.projects.filter((p) => p.name.includes(word)).map((p) => p.name).sort());
});

test('a real OData v4 client reads the tables: projects with health and lead, staffing, people', async () => {
  const client = OData.New4({ serviceEndpoint: `${base}/odata/` });
  const projects = client.getEntitySet('Projects');
  const executing = await projects.query(client.newOptions().filter(client.newFilter().property('Phase').eq("'EXECUTING'")).select(['Key', 'Name', 'Health', 'LeadName', 'LeadEmail', 'LeadDepartment']));
  expect(executing.length).toBe(data.projects.filter((p) => p.phase === 'EXECUTING').length);
  for (const row of executing) expect(['GREEN', 'AMBER', 'RED']).toContain(row.Health);
  // Jira hides some leads' email; the others come with the directory's name and department.
  const withLead = executing.filter((row: { LeadEmail: string | null }) => row.LeadEmail);
  expect(withLead.length).toBeGreaterThan(0);
  for (const row of withLead) expect([typeof row.LeadName, typeof row.LeadDepartment]).toEqual(['string', 'string']);
  const staffing = await client.getEntitySet('Staffing').query(client.newOptions().filter(client.newFilter().property('Allocation').gt(50)));
  expect(staffing.length).toBeGreaterThan(0);
  expect(staffing.every((r: { Allocation: number; Id: string }) => r.Allocation > 50 && r.Id.startsWith('Staffing:'))).toBe(true);
  const directory = await graphql<{ people: { totalCount: number } }>(stack.gateway.url, '{ people(first: 1) { totalCount } }');
  expect(await client.getEntitySet('People').count()).toBe(directory.data!.people.totalCount);
});

test('every table answers, and a lower bound on its updated column narrows it', async () => {
  const service = await (await get('/odata/')).json();
  for (const { url } of service.value) {
    const page = await (await get(`/odata/${url}?$top=3`)).json();
    expect([url, page.value.length]).toEqual([url, 3]);
    expect(page['@odata.nextLink']).toBeUndefined();
  }
  const since = '2026-11-20T00:00:00Z';
  const recent = await (await get(`/odata/Incidents?$filter=${encodeURIComponent(`UpdatedAt ge ${since}`)}&$select=Number,UpdatedAt`)).json();
  const expected = data.tickets.filter((t) => t.table === 'incident' && Date.parse(`${t.updatedAt.replace(' ', 'T')}Z`) >= Date.parse(since));
  expect(recent.value.map((r: { Number: string }) => r.Number).sort()).toEqual(expected.map((t) => t.number).sort());

  // The bound reaches ServiceNow (updatedSince): a day of incidents is one table request, not every page.
  const servicenow = stack.simulators.servicenow!;
  servicenow.reset();
  await (await get(`/odata/Incidents?$filter=${encodeURIComponent('UpdatedAt ge 2026-11-25T00:00:00Z')}&$select=Number`)).json();
  expect(servicenow.requests()).toEqual({ 'GET /api/now/table/:table': 1 });

  // An upper bound reaches it too (updatedBefore): the oldest incidents alone are one request, not every page,
  // and the rows are exactly those before the bound (lt and le both).
  const times = data.tickets.filter((t) => t.table === 'incident').map((t) => Date.parse(`${t.updatedAt.replace(' ', 'T')}Z`)).sort((a, b) => a - b);
  const bound = new Date(times[Math.min(5, times.length - 1)]).toISOString().replace('.000Z', 'Z');
  for (const operator of ['lt', 'le']) {
    servicenow.reset();
    const old = await (await get(`/odata/Incidents?$filter=${encodeURIComponent(`UpdatedAt ${operator} ${bound}`)}&$select=Number`)).json();
    const wanted = times.filter((t) => (operator === 'lt' ? t < Date.parse(bound) : t <= Date.parse(bound)));
    expect([operator, old.value.length]).toEqual([operator, wanted.length]);
    expect(servicenow.requests()).toEqual({ 'GET /api/now/table/:table': 1 });
  }
});

test('CSV carries the same rows, quoted properly', async () => {
  const response = await get(`/csv/Projects?$select=Key,Name,Health&$orderby=Key`);
  expect(response.headers.get('content-type')).toMatch(/text\/csv/);
  const text = (await response.text()).replace(/^\uFEFF/, '');
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toBe('Key,Name,Health');
  expect(lines.length - 1).toBe(data.projects.filter((p) => p.key !== 'PMO').length);
  const named = data.projects.find((p) => /[",]/.test(p.name));
  if (named) expect(text).toContain(`"${named.name.replace(/"/g, '""')}"`);
});

test('bad or unsupported options get an OData error, never a crash', async () => {
  const cases: Array<[string, number]> = [
    ['/odata/Issues?$filter=Updated%20ge', 400],
    ['/odata/Issues?$filter=Nope%20eq%201', 400],
    ["/odata/Issues?$filter=Updated%20eq%20'x'", 400],
    ['/odata/Issues?$expand=Assignee', 501],
    ['/odata/Issues?$filter=length(Summary)%20gt%203', 501],
    ["/odata/Issues?$filter=contains(StoryPoints,'3')", 400],
    ['/odata/Issues?$top=-1', 400],
    ['/odata/Issues?$skiptoken=garbage', 400],
    ['/odata/Nope', 404],
    ['/csv/Issues?$bogus=1', 400],
  ];
  for (const [path, status] of cases) {
    const response = await get(path);
    expect([path, response.status]).toEqual([path, status]);
    const body = await response.json();
    expect(body.error.code).toEqual(expect.any(String));
    expect(body.error.message).not.toMatch(/node_modules|at \w+ \(|https?:\/\/127/);
  }
  const post = await fetch(`${base}/odata/Issues`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  expect(post.status).toBe(405);
});
