import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { UpstreamName } from '../bin/stack';

/** Helpers shared by the parts of the benchmark suite: GraphQL calls, counters, child servers, tables, results. */

export const UPSTREAMS: readonly UpstreamName[] = ['jira', 'servicenow', 'scim'];
export const RESULTS_DIR = path.join(__dirname, 'results');

export interface GraphQLResult {
  data?: unknown;
  errors?: Array<{ message: string }>;
}

export async function gql(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult & { ms: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResult;
  return { ...body, ms: performance.now() - started };
}

/** The number of GraphQL errors, warned about: a figure of a failing operation is shown but is not a measurement. */
export function errorCount(what: string, result: GraphQLResult): number {
  const errors = result.errors ?? [];
  if (errors.length) console.warn(`WARNING ${what}: ${errors.length} GraphQL errors, first: ${errors[0].message}`);
  return errors.length;
}

/** What a simulator counted since its last reset: requests in all, and by route. */
export interface SimulatorRequests {
  total: number;
  byRoute: Record<string, number>;
}

/** Request counters of simulators reached over their admin API (they may live in another process), by route. */
export async function simulatorRequests(simulatorUrls: Record<UpstreamName, string>): Promise<Record<UpstreamName, SimulatorRequests>> {
  const counts = await Promise.all(
    UPSTREAMS.map(async (name) => [name, (await (await fetch(`${simulatorUrls[name]}/__admin/requests`)).json()) as SimulatorRequests] as const),
  );
  return Object.fromEntries(counts) as Record<UpstreamName, SimulatorRequests>;
}

/** Request counters of simulators, in all. */
export async function simulatorCounts(simulatorUrls: Record<UpstreamName, string>): Promise<Record<UpstreamName, number>> {
  const counts = await simulatorRequests(simulatorUrls);
  return Object.fromEntries(UPSTREAMS.map((name) => [name, counts[name].total])) as Record<UpstreamName, number>;
}

export async function resetSimulatorCounts(simulatorUrls: Record<UpstreamName, string>): Promise<void> {
  await Promise.all(UPSTREAMS.map((name) => fetch(`${simulatorUrls[name]}/__admin/requests`, { method: 'DELETE' })));
}

/**
 * Environment for a stack a bench runs in its own process: request logs at `warn` (LOG_LEVEL overrides), so
 * the tables are not buried in JSON lines; the processes under load (bench:throughput, bench:growth) log as shipped.
 */
export const BENCH_STACK_ENV: NodeJS.ProcessEnv = { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };

export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Peak resident set size of a live process (Linux VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

/** BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to every server process: flags NODE_OPTIONS refuses. */
const benchNodeArgs = (): string[] => (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

export interface ChildServer<T> {
  info: T;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * Runs a bench/servers script in its own Node process and waits for the one JSON line it prints when ready.
 * Servers under load live in their own process so that the load generator, the gateway and the subgraphs
 * do not share an event loop, and so that each one's peak RSS is its own.
 */
export async function startChild<T>(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ChildServer<T>> {
  const child: ChildProcess = spawn(process.execPath, [...benchNodeArgs(), '-r', '@swc-node/register', path.join(__dirname, 'servers', script), ...args], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, ...env },
    // The child exits when this pipe closes, so a coordinator that dies cannot leave servers behind.
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<T>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line) as T);
      } catch {
        reject(new Error(`${script} printed ${line}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} ${args.join(' ')} exited with ${code} before it was ready`)));
  });
  return {
    info,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The V8 flags an npm script starts its process with (the heap cap the image's entrypoint gives the same role). */
function shippedNodeFlags(script: string): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return scripts[script]?.match(/--max-old-space-size=\d+/g) ?? [];
}

/**
 * Our gateway as the image runs it: `node --max-old-space-size=… dist/bin/gateway.js` (the built code, configured by environment), over
 * these subgraphs, on a free port. Settings the load would otherwise measure instead of the gateway come from
 * `env` (the bench turns off the per-client rate limit and inbound dedup). Needs `npm run build` first.
 */
export async function startBuiltGateway(subgraphs: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<ChildServer<{ url: string }>> {
  const entry = path.join(__dirname, '..', 'dist', 'bin', 'gateway.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const child: ChildProcess = spawn(process.execPath, [...benchNodeArgs(), ...shippedNodeFlags('start:gateway'), entry], {
    cwd: path.join(__dirname, '..'),
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PROJECTS_URL: subgraphs.projects,
      PEOPLE_URL: subgraphs.people,
      TICKETS_URL: subgraphs.tickets,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const banner = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /gateway: http:\/\/localhost:(\d+)\/graphql/.exec(out);
      if (!match) return;
      child.stdout!.off('data', banner);
      resolve(`http://127.0.0.1:${match[1]}/graphql`);
    };
    child.stdout!.on('data', banner);
    child.once('exit', (code) => reject(new Error(`dist/bin/gateway.js exited with ${code} before it was ready:\n${out}`)));
  });
  // Its request log lines keep coming; read and drop them so a full pipe never blocks the gateway.
  child.stdout!.resume();
  return {
    info: { url },
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** How our gateway runs under a bench: as shipped, or with the wallboard response cache on. */
export type OurGateway = 'ours' | 'ours-response-cache';

/**
 * Our gateway as shipped (built, `AUTH_MODE=off`, limits, demand control, audit, request logs, metrics), minus the
 * two things a one-client load would measure instead of the gateway: the per-client rate limit (one client sends
 * thousands of requests a minute) and inbound dedup (the load repeats one query). `ours-response-cache` adds the
 * wallboard response cache (RESPONSE_CACHE_TTL_SECONDS=60).
 */
export function startOurGateway(kind: OurGateway, subgraphs: Record<string, string>): Promise<ChildServer<{ url: string }>> {
  return startBuiltGateway(subgraphs, {
    RATE_LIMIT_PER_MINUTE: '0',
    INFLIGHT_DEDUP: 'false',
    ...(kind === 'ours-response-cache' ? { RESPONSE_CACHE_TTL_SECONDS: '60' } : {}),
  });
}

/** Runs autocannon in its own process and returns its JSON summary. */
export async function autocannon(options: { url: string; body: string; connections: number; seconds: number }): Promise<AutocannonSummary> {
  const bin = require.resolve('autocannon/autocannon.js');
  const args = [bin, '-j', '-c', String(options.connections), '-d', String(options.seconds), '-m', 'POST', '-H', 'content-type=application/json', '-b', options.body, options.url];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`autocannon exited with ${code}: ${err}`);
  return JSON.parse(out) as AutocannonSummary;
}

export interface AutocannonSummary {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

export function machine(): Record<string, unknown> {
  const pkg = (name: string) => (JSON.parse(readFileSync(path.join(__dirname, '..', 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  return {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    versions: Object.fromEntries(
      ['@apollo/gateway', '@apollo/server', '@graphql-hive/gateway-runtime', '@graphql-hive/router-runtime', '@graphql-mesh/transport-http', 'graphql', 'autocannon'].map((n) => [n, pkg(n)]),
    ),
  };
}

export async function writeResult(name: string, data: Record<string, unknown>): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), ...data }, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

type Cell = string | number | null | undefined;

/** A Markdown table, so the printed output pastes into BENCHMARKS.md as it is. The first `left` columns are labels. */
export function printTable(title: string, header: string[], rows: Cell[][], left = 1): void {
  const text = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '–' : String(cell))));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < left ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i < left ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of text) console.log(line(row));
  console.log();
}

export function ratio(measured: number, bound: number): string {
  if (bound === 0) return measured === 0 ? '–' : '∞';
  return (measured / bound).toFixed(1);
}

export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
