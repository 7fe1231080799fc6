import { spawn } from 'node:child_process';
import path from 'node:path';
import { startStack } from '../../bin/stack';
import { post } from './support';

/**
 * Stopping: readiness turns false at once while requests are still served (SHUTDOWN_DELAY_MS, for the balancer to
 * notice), requests in flight finish, new connections are refused, and requests still running after
 * SHUTDOWN_TIMEOUT_MS are cut so the stop is bounded. The last test sends a real SIGTERM to `npm start`'s entry.
 */

const SLOW = 'query Slow { project(key: "SOC") { id name } }';

test('a stop turns /ready to 503, lets the request in flight finish, then refuses new connections', async () => {
  const stack = await startStack({ ports: 'random', env: { SHUTDOWN_DELAY_MS: '400', SHUTDOWN_TIMEOUT_MS: '5000' } });
  const base = stack.gateway.url.replace('/graphql', '');
  try {
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    stack.simulators.jira!.setFaults({ latencyMs: 600 });
    const inFlight = post(stack.gateway.url, SLOW);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const stopping = stack.gateway.close();
    const ready = await fetch(`${base}/ready`);
    expect([ready.status, await ready.json()]).toEqual([503, { status: 'draining' }]);
    const answered = await inFlight;
    expect([answered.status, answered.body.errors]).toEqual([200, undefined]);
    await stopping;
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  } finally {
    await stack.close();
  }
});

test('the stop is bounded: a request still running after SHUTDOWN_TIMEOUT_MS is cut', async () => {
  const stack = await startStack({ ports: 'random', env: { SHUTDOWN_TIMEOUT_MS: '200' } });
  try {
    stack.simulators.jira!.setFaults({ latencyMs: 5000 });
    const inFlight = post(stack.gateway.url, SLOW).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    const started = Date.now();
    await stack.gateway.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await inFlight).toBe('cut');
  } finally {
    stack.simulators.jira!.setFaults({ latencyMs: 0 });
    await stack.close();
  }
});

test('SIGTERM to the running product: the request in flight is answered, then the process exits 0', async () => {
  const root = path.resolve(__dirname, '../..');
  const env = { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'error', JIRA_SIMULATOR_LATENCY_MS: '800' } as NodeJS.ProcessEnv;
  for (const variable of ['PORT', 'PROJECTS_PORT', 'PEOPLE_PORT', 'TICKETS_PORT', 'JIRA_SIMULATOR_PORT', 'SERVICENOW_SIMULATOR_PORT', 'SCIM_SIMULATOR_PORT']) env[variable] = '0';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'bin/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /PMO Graph is up: (http:\/\/localhost:\d+\/graphql)/.exec(output);
        if (match) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`exited before starting:\n${output}`)));
    });
    const inFlight = post(url, SLOW);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    const answered = await inFlight;
    expect([answered.status, answered.body.errors]).toEqual([200, undefined]);
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: stopping');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 60_000);

test("a subgraph's /ready reports its cache store and breakers: Redis unreachable is `degraded`, still 200", async () => {
  const stack = await startStack({ ports: 'random', env: { REDIS_URL: 'redis://127.0.0.1:1', CACHE_NAMESPACE: 'pmo-graph-test-ready' } });
  try {
    const ready = await fetch(stack.subgraphs.projects.url.replace('/graphql', '/ready'));
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'degraded', subgraph: 'projects', cache: 'redisDown', breakers: { jira: 'closed', scim: 'closed', servicenow: 'closed' } }]);
  } finally {
    await stack.close();
  }
});

test('with Redis answering and a breaker open after repeated upstream failures', async () => {
  const stack = await startStack({ ports: 'random', env: { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', CACHE_NAMESPACE: `pmo-graph-test-ready-${process.pid}` } });
  try {
    const url = stack.subgraphs.tickets.url.replace('/graphql', '/ready');
    expect(await (await fetch(url)).json()).toMatchObject({ status: 'ready', cache: 'redis' });
    stack.simulators.servicenow!.setFaults({ errorRate: 1, errorStatus: 503 });
    for (let i = 0; i < 6 && stack.http.metrics.snapshot().find((s) => s.upstream === 'servicenow')?.breaker.state !== 'open'; i++) {
      await post(stack.gateway.url, `query Down${i} { incidents(first: 1, updatedSince: "2026-0${(i % 9) + 1}-01T00:00:00Z") { totalCount } }`);
    }
    const body = (await (await fetch(url)).json()) as { status: string; breakers: Record<string, string> };
    expect(body).toMatchObject({ status: 'degraded', cache: 'redis', breakers: { servicenow: 'open' } });
  } finally {
    stack.simulators.servicenow!.setFaults({ errorRate: 0 });
    await stack.close();
  }
});
