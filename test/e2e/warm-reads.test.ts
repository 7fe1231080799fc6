import { startStack, OPERATIONS_DIR, type Stack, type UpstreamName } from '../../bin/stack';
import { loadOperations } from '../../apps/common/operations';
import { generateDataset } from '../../simulators/data/dataset';

/**
 * A repeated read is answered from the caches: the dashboard's and the explorer's named operations, run twice in
 * a row, cost no upstream request the second time. (Time windows such as "changes in the next 14 days" once put
 * the current millisecond into the ServiceNow query, so no answer was ever reused.)
 */
jest.setTimeout(60_000);

const operations = loadOperations(OPERATIONS_DIR);
const projectKey = generateDataset().projects.find((p) => p.key !== 'PMO')!.key;
const CASES: Array<[string, Record<string, unknown>]> = [
  ['Dashboard', {}],
  ['PortfolioPage', {}],
  ['ExplorerProjectDetail', { key: projectKey }],
];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ ports: 'random', env: {} });
});
afterAll(() => stack?.close());

async function run(name: string, variables: Record<string, unknown>): Promise<void> {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: operations.get(name)!.document, operationName: name, variables }),
  });
  const body = (await response.json()) as { errors?: Array<{ message: string }> };
  expect(body.errors).toBeUndefined();
}

async function upstreamRequests(): Promise<Record<UpstreamName, number>> {
  const entries = await Promise.all(
    (Object.entries(stack.simulators) as Array<[UpstreamName, { url: string } | undefined]>).map(async ([name, sim]) => {
      const counts = (await (await fetch(`${sim!.url}/__admin/requests`)).json()) as { total: number };
      await fetch(`${sim!.url}/__admin/requests`, { method: 'DELETE' });
      return [name, counts.total] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<UpstreamName, number>;
}

it.each(CASES)('%s, run again at once, reads nothing upstream', async (name, variables) => {
  // The windows move on each minute; a pair that straddles a minute boundary is run again.
  for (let attempt = 0; attempt < 2; attempt++) {
    const minute = Math.floor(Date.now() / 60_000);
    await run(name, variables);
    await upstreamRequests();
    await run(name, variables);
    const warm = await upstreamRequests();
    if (Math.floor(Date.now() / 60_000) !== minute && attempt === 0) continue;
    expect(warm).toEqual({ jira: 0, servicenow: 0, scim: 0 });
    return;
  }
});
