import { startStack, type Stack } from '../../bin/stack';
import { generateDataset } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

/** ServiceNow down: the portfolio still answers from Jira and the directory, and says what is missing. */

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    env: { SERVICENOW_SIMULATOR_ERROR_RATE: '1', SERVICENOW_SIMULATOR_ERROR_STATUS: '503', SERVICENOW_MAX_RETRIES: '0' },
    ports: 'random',
    dataset: generateDataset({ anchor: new Date() }),
  });
});

afterAll(async () => {
  await stack?.close();
});

test('the roll-ups come back without operations, with an UPSTREAM_ error and no stack or address', async () => {
  const result = await graphql<{ portfolio: { projectCount: number; byHealth: Array<{ overall: number }>; operations: unknown; projects: Array<{ health: { operations: string | null } }> } }>(
    stack.gateway.url,
    `{ portfolio { projectCount byHealth { overall } operations { projectKey } projects { health { operations } } } }`,
  );
  const p = result.data!.portfolio;
  expect(p.projectCount).toBeGreaterThan(0);
  expect(p.byHealth.reduce((n, r) => n + r.overall, 0)).toBe(p.projectCount);
  expect(p.operations).toBeNull();
  expect(p.projects.every((x) => x.health.operations === null)).toBe(true);
  expect(result.errors?.length).toBeGreaterThan(0);
  for (const error of result.errors!) {
    expect(String(error.extensions?.code)).toMatch(/^UPSTREAM_/);
    expect(JSON.stringify(error)).not.toMatch(/127\.0\.0\.1|localhost|at .*\.ts/);
  }
});
