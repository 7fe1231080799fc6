import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { loadOperations } from '../apps/common/operations';
import { SIMULATOR_CREDENTIALS } from '../simulators/credentials';
import { generateDataset } from '../simulators/data/dataset';
import { percentile, printTable, runMain, writeResult } from './lib';

/**
 * Several replicas for real: two gateway processes and two processes of each subgraph (built code, as the
 * image runs it), each kind behind a local round-robin balancer, all subgraphs sharing one Redis, over one
 * simulators process. Under a fixed-rate read load it SIGKILLs one replica of each kind at REPLICAS_KILL_AT
 * seconds. Reported: requests that failed (and whether each was in flight when the kill came), p50/p99 before
 * and after, and what the replicas shared through Redis (shared-tier cache hits on the replica that did not
 * fetch, and a write on one replica evicting the other's cached read).
 *
 * The balancer does what a real one does with passive health checks: a connection refused marks the backend
 * down and the request goes to the next one (nothing had reached the dead process); a connection that breaks
 * mid-request is a 502 (it may have been executed). Usage: npm run bench:replicas
 * (REPLICAS_SECONDS=40 REPLICAS_RATE=10 REPLICAS_KILL_AT=15 REPLICAS_PORT=4720; Redis at REDIS_URL or
 * 127.0.0.1:6379). Loopback only; it stops by itself.
 */

const SECONDS = Number(process.env.REPLICAS_SECONDS ?? 40);
const RATE = Number(process.env.REPLICAS_RATE ?? 10);
const KILL_AT = Number(process.env.REPLICAS_KILL_AT ?? 15);
const BASE = Number(process.env.REPLICAS_PORT ?? 4720);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = path.join(__dirname, '..');
const NAMESPACE = `pmo-graph-replicas-${process.pid}`;

interface Replica {
  name: string;
  port: number;
  child: ChildProcess;
  killedAt?: number;
}

function startProcess(name: string, script: string, args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/bin', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'error', NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/http:\/\/localhost:\d+\/graphql|Simulators up/.test(out)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${out}`)));
  });
}

/** A round-robin HTTP balancer over the replicas' ports. */
async function balancer(port: number, replicas: Replica[]): Promise<{ server: http.Server; retried: () => number }> {
  let next = 0;
  let retried = 0;
  const down = new Set<number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const alive = replicas.filter((r) => !down.has(r.port));
        if (!alive.length || tries > replicas.length) {
          res.writeHead(503).end();
          return;
        }
        const target = alive[next++ % alive.length];
        const upstream = http.request({ host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED' && !res.headersSent) {
            down.add(target.port);
            retried++;
            attempt(tries + 1);
          } else if (!res.headersSent) res.writeHead(502).end();
          else res.destroy();
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, retried: () => retried };
}

async function metric(port: number, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

async function main(): Promise<void> {
  const operations = loadOperations(path.join(ROOT, 'operations'));
  const dataset = generateDataset();
  const people = dataset.people.filter((p) => p.inDirectory && p.active);
  const ports = { jira: BASE + 1, servicenow: BASE + 2, scim: BASE + 3 };
  const all: Replica[] = [];
  const servers: http.Server[] = [];
  try {
    const sims = await startProcess('simulators', 'simulators.js', [], {
      JIRA_SIMULATOR_PORT: String(ports.jira),
      SERVICENOW_SIMULATOR_PORT: String(ports.servicenow),
      SCIM_SIMULATOR_PORT: String(ports.scim),
    });
    all.push({ name: 'simulators', port: ports.jira, child: sims });
    const { jira, servicenow, scim } = SIMULATOR_CREDENTIALS;
    const upstreamEnv = {
      REDIS_URL,
      CACHE_NAMESPACE: NAMESPACE,
      JIRA_BASE_URL: `http://127.0.0.1:${ports.jira}`,
      JIRA_EMAIL: jira.email,
      JIRA_API_TOKEN: jira.apiToken,
      SERVICENOW_URL: `http://127.0.0.1:${ports.servicenow}`,
      SERVICENOW_USERNAME: servicenow.username,
      SERVICENOW_PASSWORD: servicenow.password,
      SCIM_BASE_URL: `http://127.0.0.1:${ports.scim}/scim/v2`,
      SCIM_TOKEN: scim.token,
    };
    const groups: Record<string, Replica[]> = {};
    const balancers: Record<string, number> = {};
    let port = BASE + 10;
    for (const subgraph of ['projects', 'people', 'tickets']) {
      balancers[subgraph] = port++;
      groups[subgraph] = [];
      for (let i = 0; i < 2; i++) {
        const own = port++;
        const child = await startProcess(`${subgraph}#${i}`, 'subgraph.js', [subgraph], { ...upstreamEnv, [`${subgraph.toUpperCase()}_PORT`]: String(own) });
        groups[subgraph].push({ name: `${subgraph}#${i}`, port: own, child });
      }
    }
    balancers.gateway = port++;
    groups.gateway = [];
    for (let i = 0; i < 2; i++) {
      const own = port++;
      const child = await startProcess(`gateway#${i}`, 'gateway.js', [], {
        PORT: String(own),
        PROJECTS_URL: `http://127.0.0.1:${balancers.projects}/graphql`,
        PEOPLE_URL: `http://127.0.0.1:${balancers.people}/graphql`,
        TICKETS_URL: `http://127.0.0.1:${balancers.tickets}/graphql`,
      });
      groups.gateway.push({ name: `gateway#${i}`, port: own, child });
    }
    const retries: Record<string, () => number> = {};
    for (const [kind, replicas] of Object.entries(groups)) {
      all.push(...replicas);
      const lb = await balancer(balancers[kind], replicas);
      servers.push(lb.server);
      retries[kind] = lb.retried;
    }
    const url = `http://127.0.0.1:${balancers.gateway}/graphql`;
    console.log(`replicas: 2 gateways, 2 × each subgraph, Redis ${REDIS_URL} (namespace ${NAMESPACE}); ${RATE} req/s for ${SECONDS} s, kill one of each at ${KILL_AT} s`);

    // Shared cache: the same read through each projects replica directly; the second is a shared-tier hit.
    const direct = (p: number, query: string, variables: Record<string, unknown> = {}) =>
      fetch(`http://127.0.0.1:${p}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) }).then((r) => r.json());
    const [p0, p1] = groups.projects;
    const probe = '{ project(key: "SOC") { key name } }';
    await direct(p0.port, probe);
    const sharedBefore = await metric(p1.port, 'pmo_cache_hits_total', 'tier="shared"');
    await direct(p1.port, probe);
    const sharedHits = (await metric(p1.port, 'pmo_cache_hits_total', 'tier="shared"')) - sharedBefore;

    // Eviction shared: a read cached by projects#1, a status report filed through projects#0, then the same read
    // on projects#1 must show it (projects#0's write bumped the generation in Redis; #1's local copy is stale).
    const key = dataset.projects[1].key;
    const reports = async () =>
      ((await direct(p1.port, `{ project(key: "${key}") { statusReports { summary } } }`)) as { data?: { project: { statusReports: Array<{ summary: string }> } } }).data?.project.statusReports.map((r) => r.summary) ?? [];
    await reports();
    const summary = `replica check ${Date.now()}`;
    await direct(p0.port, 'mutation File($key: String!, $input: StatusReportInput!) { submitStatusReport(projectKey: $key, input: $input) { id } }', {
      key,
      input: { overall: 'GREEN', summary },
    });
    const evicted = (await reports()).includes(summary);

    const reads = [
      { name: 'ExplorerProjectDetail', variables: (i: number) => ({ key: dataset.projects[i % dataset.projects.length].key }) },
      { name: 'PersonProfile', variables: (i: number) => ({ email: people[i % people.length].email }) },
      { name: 'PortfolioPage', variables: () => ({}) },
      { name: 'SomePeople', variables: () => ({}) },
    ];
    const outcomes: Array<{ at: number; ms: number; ok: boolean; detail?: string }> = [];
    const inflight = new Set<Promise<void>>();
    const started = Date.now();
    let n = 0;
    const load = setInterval(() => {
      const op = reads[n % reads.length];
      const sent = Date.now() - started;
      const t0 = performance.now();
      const request = fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: operations.get(op.name)!.document, variables: op.variables(n) }),
        signal: AbortSignal.timeout(20_000),
      })
        .then(async (r) => {
          const body = (await r.json().catch(() => ({ errors: [{ message: `HTTP ${r.status}` }] }))) as { errors?: Array<{ message: string }> };
          outcomes.push({ at: sent, ms: performance.now() - t0, ok: r.ok && !body.errors?.length, detail: body.errors?.[0]?.message });
        })
        .catch((error: unknown) => void outcomes.push({ at: sent, ms: performance.now() - t0, ok: false, detail: String(error) }));
      const tracked = request.finally(() => inflight.delete(tracked));
      inflight.add(tracked);
      n++;
    }, 1000 / RATE);
    await new Promise((resolve) => setTimeout(resolve, KILL_AT * 1000));
    const killedAt = Date.now() - started;
    for (const kind of ['gateway', 'projects', 'people', 'tickets']) {
      const victim = groups[kind][0];
      victim.killedAt = killedAt;
      victim.child.kill('SIGKILL');
    }
    console.log(`  killed gateway#0, projects#0, people#0, tickets#0 at ${(killedAt / 1000).toFixed(1)} s`);
    await new Promise((resolve) => setTimeout(resolve, (SECONDS - KILL_AT) * 1000));
    clearInterval(load);
    await Promise.all(inflight);

    const before = outcomes.filter((o) => o.at < killedAt);
    const afterKill = outcomes.filter((o) => o.at >= killedAt);
    const failures = outcomes.filter((o) => !o.ok);
    const row = (label: string, list: typeof outcomes) => [label, list.length, list.filter((o) => !o.ok).length, Math.round(percentile(list.map((o) => o.ms), 50)), Math.round(percentile(list.map((o) => o.ms), 99))];
    printTable('Replicas: one of each killed under load', ['window', 'requests', 'failed', 'p50 ms', 'p99 ms'], [row('before the kill', before), row('after the kill', afterKill), row('all', outcomes)]);
    const inFlightAtKill = failures.filter((o) => o.at < killedAt && o.at + o.ms >= killedAt).length;
    console.log(`failed: ${failures.length} (${inFlightAtKill} were in flight when the kill came); connection-refused retries by the balancers: ${Object.entries(retries).map(([k, f]) => `${k} ${f()}`).join(', ')}`);
    for (const f of failures.slice(0, 5)) console.log(`  at ${(f.at / 1000).toFixed(1)} s: ${f.detail}`);
    console.log(`shared cache: the second projects replica answered the first's read from Redis (${sharedHits} shared-tier hit(s)); a write evicted the cached read for every replica: ${evicted}`);
    await writeResult('replicas', {
      seconds: SECONDS,
      rate: RATE,
      killAt: KILL_AT,
      requests: outcomes.length,
      failed: failures.length,
      failedInFlightAtKill: inFlightAtKill,
      failures: failures.slice(0, 20),
      before: row('before', before),
      after: row('after', afterKill),
      sharedTierHits: sharedHits,
      writeEvictedAcrossReplicas: evicted,
    });
  } finally {
    for (const server of servers) server.close();
    for (const replica of all) if (replica.child.exitCode === null && !replica.killedAt) replica.child.kill('SIGTERM');
  }
}

runMain(main);
