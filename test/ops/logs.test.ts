import { startStack, type Stack } from '../../bin/stack';
import { auditSink } from '../../gateway/plugins/audit';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset } from '../../simulators/data/dataset';
import { createLogger } from '../../subgraphs/common/logging';
import { memoryLog, post, readmeQueries } from './support';

/**
 * The log is JSON, one line per request at the gateway and at each subgraph it reached, all under the request id
 * the client sees in `x-request-id`; it never holds a credential, even when upstream calls fail and are logged.
 */

const dataset = generateDataset();
const log = memoryLog();
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ ports: 'random', dataset, logger: createLogger({ env: { LOG_LEVEL: 'info' }, destination: log }) });
});

afterAll(() => stack?.close());

const gatewayLines = () => log.lines.filter((l) => l.service === 'gateway' && l.msg === 'graphql request');

test('one gateway line per request: request id, operation, duration, status and subgraph fetches; the subgraphs log under the same id', async () => {
  for (const { name, query, variables } of readmeQueries(dataset)) {
    const { status, requestId } = await post(stack.gateway.url, query, variables);
    expect(status).toBe(200);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = gatewayLines().filter((l) => l.requestId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', operationName: name, operationType: 'query', status: 200 });
    expect(typeof lines[0].durationMs).toBe('number');
    expect(typeof lines[0].time).toBe('string');
    const fetches = lines[0].subgraphFetches as Record<string, number>;
    expect(Object.keys(fetches).length).toBeGreaterThan(0);
    for (const subgraph of Object.keys(fetches)) {
      const own = log.lines.filter((l) => l.service === `subgraph-${subgraph}` && l.requestId === requestId);
      expect([subgraph, own.length]).toEqual([subgraph, fetches[subgraph]]);
      expect(own[0]).toMatchObject({ operationName: name, msg: 'graphql request' });
      expect(typeof own[0].upstreamRequests).toBe('number');
      // With AUTH_MODE=off the subgraphs run as the demo caller and say so.
      expect(own[0].subject).toBe('anonymous');
    }
  }
});

test("a client's x-request-id is kept and echoed; errors appear as their codes", async () => {
  const { requestId, body } = await post(stack.gateway.url, 'query Nope { project(key: "bad key!") { id } }', {}, { 'x-request-id': 'support-ticket-4711' });
  expect(requestId).toBe('support-ticket-4711');
  expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(gatewayLines().find((l) => l.requestId === 'support-ticket-4711')).toMatchObject({ operationName: 'Nope', errors: ['BAD_USER_INPUT'] });
});

test('upstream failures are logged as JSON with the request id, and no line holds a demo credential', async () => {
  stack.simulators.jira!.setFaults({ errorRate: 1, errorStatus: 503 });
  const { requestId } = await post(stack.gateway.url, 'query Down { project(key: "ZZZ") { id name } }');
  stack.simulators.jira!.setFaults({ errorRate: 0 });
  const failures = log.lines.filter((l) => l.component === 'upstream' && l.requestId === requestId);
  expect(failures.length).toBeGreaterThan(0);
  expect(failures[0]).toMatchObject({ upstream: 'jira', level: 'warn' });

  const text = log.text();
  expect(text.length).toBeGreaterThan(1000);
  const secrets = Object.values(SIMULATOR_CREDENTIALS).flatMap((c) => Object.values(c) as string[]);
  const { jira, servicenow } = SIMULATOR_CREDENTIALS;
  secrets.push(
    Buffer.from(`${jira.email}:${jira.apiToken}`).toString('base64'),
    Buffer.from(`${servicenow.username}:${servicenow.password}`).toString('base64'),
  );
  for (const secret of secrets) expect([secret, text.includes(secret)]).toEqual([secret, false]);
  expect(text).not.toMatch(/authorization/i);
});

test('with no AUDIT_LOG_FILE a mutation is audited as a line of the gateway log, not written beside it on stdout', async () => {
  const written: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
  let requestId: string | null;
  try {
    ({ requestId } = await post(stack.gateway.url, 'mutation Rephase { updateProjectProfile(key: "NOPE", input: { phase: CLOSING }) { key } }'));
  } finally {
    stdout.mockRestore();
  }
  const audit = log.lines.filter((l) => l.component === 'audit' && l.requestId === requestId);
  expect(audit).toEqual([
    expect.objectContaining({
      level: 'info',
      service: 'gateway',
      msg: 'audit',
      audit: 'mutation',
      subject: 'anonymous',
      operationName: 'Rephase',
      mutations: [{ field: 'updateProjectProfile', projectKey: 'NOPE' }],
      result: 'error',
    }),
  ]);
  expect(typeof audit[0].time).toBe('string');
  expect(written.filter((chunk) => chunk.includes('"audit"'))).toEqual([]);
});

test('a LOG_LEVEL above info keeps the audit lines', () => {
  const quiet = memoryLog();
  const sink = auditSink({}, createLogger({ env: { LOG_LEVEL: 'warn' }, destination: quiet }));
  sink({ time: new Date().toISOString(), audit: 'mutation', subject: 'pm@northfield.edu', kind: 'user', mutations: [{ field: 'submitStatusReport' }], result: 'ok' });
  expect(quiet.lines).toEqual([expect.objectContaining({ component: 'audit', msg: 'audit', subject: 'pm@northfield.edu', result: 'ok' })]);
});
