import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadOperations } from '../apps/common/operations';
import { generateDataset } from '../simulators/data/dataset';
import type { UpstreamName } from '../bin/stack';
import { percentile, printTable, resetSimulatorCounts, runMain, simulatorRequests, UPSTREAMS, writeResult, type SimulatorRequests } from './lib';

/**
 * The soak: `npm start`'s process (built, as `npm start` runs it) under a fixed-rate mixed load with writes, for
 * a configurable time. Open loop: a request leaves every 1/rate s whether or not earlier ones answered, so a slow
 * server shows as latency and errors, not as a lower rate. The mix: the dashboard's portfolio, a person, a
 * project's detail, a department, and a status report filed every SOAK_WRITE_EVERY_SECONDS. Every minute it
 * prints the server's RSS and heap, the minute's p50/p99 and errors; at the end, RSS growth after warm-up.
 *
 * Usage: npm run bench:soak   (SOAK_MINUTES=10 SOAK_RATE=20 SOAK_WRITE_EVERY_SECONDS=5 SOAK_PORT=4710
 *        SOAK_SAMPLE_SECONDS=60; SOAK_NODE_OPTIONS, e.g. --max-old-space-size=256, for the server)
 * Only loopback addresses are loaded; the run stops by itself after SOAK_MINUTES.
 */

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RATE = Number(process.env.SOAK_RATE ?? 20);
const WRITE_EVERY_MS = Number(process.env.SOAK_WRITE_EVERY_SECONDS ?? 5) * 1000;
const SAMPLE_MS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 60) * 1000;
const PORT = Number(process.env.SOAK_PORT ?? 4710);
const ROOT = path.join(__dirname, '..');

/** Set when the soak itself stops the server. */
let stopping = false;

interface Sample {
  minute: number;
  rssMb: number;
  heapUsedMb: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  /** Upstream requests the simulators counted in this window. */
  upstream: Record<UpstreamName, number>;
}

interface Outcome {
  ms: number;
  ok: boolean;
  operation: string;
}

/** Starts dist/bin/start.js on PORT (and the next ports for the subgraphs and simulators); resolves with its URL. */
async function startProduct(): Promise<{ child: ChildProcess; url: string; simulators: Record<UpstreamName, string> }> {
  const ports = { PORT, PROJECTS_PORT: PORT + 1, PEOPLE_PORT: PORT + 2, TICKETS_PORT: PORT + 3, JIRA_SIMULATOR_PORT: PORT + 4, SERVICENOW_SIMULATOR_PORT: PORT + 5, SCIM_SIMULATOR_PORT: PORT + 6 };
  const env = { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_OPTIONS: process.env.SOAK_NODE_OPTIONS ?? '' };
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/bin/start.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PMO Graph is up: (http:\/\/localhost:\d+\/graphql)/.exec(out);
      if (match) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`npm start's process exited with ${code}:\n${out}`)));
  });
  let tail = '';
  child.stdout!.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-2000)));
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`npm start's process ended during the soak (code ${code}, signal ${signal}); its last output:\n${tail}`);
    process.exit(1);
  });
  const simulators = { jira: `http://127.0.0.1:${ports.JIRA_SIMULATOR_PORT}`, servicenow: `http://127.0.0.1:${ports.SERVICENOW_SIMULATOR_PORT}`, scim: `http://127.0.0.1:${ports.SCIM_SIMULATOR_PORT}` };
  return { child, url, simulators };
}

/** Each simulator's request counts since the last call (read, then reset). */
async function takeUpstreamCounts(simulators: Record<UpstreamName, string>): Promise<Record<UpstreamName, SimulatorRequests>> {
  const counts = await simulatorRequests(simulators);
  await resetSimulatorCounts(simulators);
  return counts;
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kb / 1024);
}

async function heapUsedMb(url: string): Promise<number> {
  const text = await (await fetch(url.replace('/graphql', '/metrics'))).text();
  const bytes = Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1]);
  return Math.round(bytes / 2 ** 20);
}

async function main(): Promise<void> {
  if (!(MINUTES > 0 && RATE > 0)) throw new Error('SOAK_MINUTES and SOAK_RATE must be positive');
  const operations = loadOperations(path.join(ROOT, 'operations'));
  const dataset = generateDataset();
  const people = dataset.people.filter((p) => p.inDirectory && p.active);
  const departments = [...new Set(people.map((p) => p.department))];
  const projects = dataset.projects.filter((p) => p.key !== 'PMO');
  const emailOf = new Map(dataset.people.map((p) => [p.scimId, p.email]));
  const reads = [
    { name: 'Dashboard', variables: () => ({}) },
    { name: 'PersonProfile', variables: (i: number) => ({ email: people[i % people.length].email }) },
    { name: 'ExplorerProjectDetail', variables: (i: number) => ({ key: projects[i % projects.length].key }) },
    { name: 'DepartmentStaffing', variables: (i: number) => ({ name: departments[i % departments.length] }) },
  ];

  const { child, url, simulators } = await startProduct();
  await takeUpstreamCounts(simulators);
  const byRoute: Record<string, number> = {};
  console.log(`soak: ${MINUTES} min at ${RATE} req/s against ${url} (pid ${child.pid}), a status report every ${WRITE_EVERY_MS / 1000} s`);
  const outcomes: Outcome[] = [];
  let window: Outcome[] = [];
  const inflight = new Set<Promise<void>>();
  let firstError: string | undefined;
  const send = (operation: string, variables: Record<string, unknown>) => {
    const started = performance.now();
    const request = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-graphql-client-name': 'soak' },
      body: JSON.stringify({ query: operations.get(operation)!.document, operationName: operation, variables }),
      signal: AbortSignal.timeout(30_000),
    })
      .then(async (response) => {
        const body = (await response.json()) as { errors?: Array<{ message: string }> };
        const ok = response.ok && !body.errors?.length;
        if (!ok) firstError ??= `${operation}: ${response.status} ${body.errors?.[0]?.message ?? ''}`;
        return ok;
      })
      .catch((error: unknown) => {
        firstError ??= `${operation}: ${String(error)}`;
        return false;
      })
      .then((ok) => {
        const outcome = { ms: performance.now() - started, ok, operation };
        outcomes.push(outcome);
        window.push(outcome);
      });
    const tracked = request.finally(() => inflight.delete(tracked));
    inflight.add(tracked);
  };

  const samples: Sample[] = [];
  const sample = async () => {
    const done = window;
    window = [];
    const ms = done.map((o) => o.ms);
    const counts = await takeUpstreamCounts(simulators);
    for (const name of UPSTREAMS) for (const [route, count] of Object.entries(counts[name].byRoute)) byRoute[`${name} ${route}`] = (byRoute[`${name} ${route}`] ?? 0) + count;
    const row: Sample = {
      minute: samples.length + 1,
      rssMb: rssMb(child.pid!),
      heapUsedMb: await heapUsedMb(url),
      requests: done.length,
      errors: done.filter((o) => !o.ok).length,
      p50: Math.round(percentile(ms, 50)),
      p99: Math.round(percentile(ms, 99)),
      upstream: Object.fromEntries(UPSTREAMS.map((name) => [name, counts[name].total])) as Record<UpstreamName, number>,
    };
    samples.push(row);
    const upstream = UPSTREAMS.map((name) => `${name} ${row.upstream[name]}`).join(', ');
    console.log(`  minute ${row.minute}: RSS ${row.rssMb} MB, heap ${row.heapUsedMb} MB, ${row.requests} requests, p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.errors} errors; upstream ${upstream}`);
  };

  const started = Date.now();
  const end = started + MINUTES * 60_000;
  let n = 0;
  let writes = 0;
  const reading = setInterval(() => {
    const op = reads[n % reads.length];
    send(op.name, op.variables(Math.floor(n / reads.length)));
    n++;
  }, 1000 / RATE);
  const writing = setInterval(() => {
    const project = projects[writes++ % projects.length];
    send('SubmitStatusReport', {
      projectKey: project.key,
      input: { overall: 'GREEN', schedule: 'GREEN', summary: `Soak report ${writes} at ${new Date().toISOString()}`, authorEmail: emailOf.get(project.leadId) },
    });
  }, WRITE_EVERY_MS);
  // Samples run one after another, and the last one finishes before the server is stopped.
  let sampled = Promise.resolve();
  const sampling = setInterval(() => (sampled = sampled.then(sample)), SAMPLE_MS);
  await new Promise((resolve) => setTimeout(resolve, end - Date.now()));
  clearInterval(reading);
  clearInterval(writing);
  clearInterval(sampling);
  await Promise.all(inflight);
  await sampled;
  if (window.length) await sample();

  const all = outcomes.map((o) => o.ms);
  const afterWarmup = samples.slice(1);
  const base = afterWarmup.length ? Math.min(...afterWarmup.map((s) => s.rssMb)) : Number.NaN;
  const last = samples.at(-1)?.rssMb ?? Number.NaN;
  const byOperation = [...new Set(outcomes.map((o) => o.operation))].map((operation) => {
    const mine = outcomes.filter((o) => o.operation === operation);
    const ms = mine.map((o) => o.ms);
    return [operation, mine.length, mine.filter((o) => !o.ok).length, Math.round(percentile(ms, 50)), Math.round(percentile(ms, 99))];
  });
  printTable(
    'Soak, per minute',
    ['minute', 'RSS MB', 'heap MB', 'requests', 'p50 ms', 'p99 ms', 'errors', ...UPSTREAMS],
    samples.map((s) => [s.minute, s.rssMb, s.heapUsedMb, s.requests, s.p50, s.p99, s.errors, ...UPSTREAMS.map((name) => s.upstream[name])]),
  );
  printTable('Soak, per operation', ['operation', 'requests', 'errors', 'p50 ms', 'p99 ms'], byOperation);
  const routes = Object.entries(byRoute).sort((a, b) => b[1] - a[1]);
  printTable('Upstream requests over the whole soak, by route', ['upstream route', 'requests', 'per minute'], routes.map(([route, count]) => [route, count, Math.round(count / Math.max(1, samples.length))]));
  const growth = ((last - base) / base) * 100;
  const summary = {
    minutes: MINUTES,
    rate: RATE,
    requests: outcomes.length,
    writes,
    errors: outcomes.filter((o) => !o.ok).length,
    firstError,
    p50: Math.round(percentile(all, 50)),
    p99: Math.round(percentile(all, 99)),
    rssAfterWarmupMb: { lowest: base, last, growthPercent: Math.round(growth * 10) / 10 },
  };
  console.log(
    `all: ${summary.requests} requests (${writes} status reports), ${summary.errors} errors, p50 ${summary.p50} ms, p99 ${summary.p99} ms; ` +
      `RSS after the first minute: lowest ${base} MB, last ${last} MB (${summary.rssAfterWarmupMb.growthPercent} %)`,
  );
  if (firstError) console.log(`first error: ${firstError}`);
  stopping = true;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await writeResult('soak', { ...summary, samples, byOperation, upstreamByRoute: Object.fromEntries(routes) });
}

runMain(main);
