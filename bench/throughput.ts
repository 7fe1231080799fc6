import { autocannon, gql, peakRssMb, printTable, runMain, startChild, startOurGateway, writeResult, type AutocannonSummary, type ChildServer, type OurGateway } from './lib';
import { PORTFOLIO } from './operations';
import { GATEWAY_KINDS as PEERS, type GatewayKind as Peer } from './servers/gateway';
import { startSubgraphCounter, type SubgraphTraffic } from './subgraph-counter';

/**
 * Part 3: warm throughput of the portfolio operation through our gateway, beside the same data from one
 * non-federated server (the limit) and Hive Gateway (Rust planner) with in-flight deduplication on and off.
 * Every server runs in its own process, over the same subgraphs and simulators (one backend process);
 * autocannon runs in another; ours runs as built (`npm run build` first, which the npm script does). Warm-up
 * first, then BENCH_ROUNDS rounds alternating the order.
 * A separate counting pass puts a counting proxy between each gateway and the subgraphs.
 * Usage: npm run bench:throughput   (BENCH_SECONDS=10, BENCH_ROUNDS=2, BENCH_CONNECTIONS=10)
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARM_UP_SECONDS = 3;
/** Identical queries in flight at once in the counting pass: what in-flight deduplication feeds on. */
const CONCURRENT = 8;

interface Backend {
  subgraphs: Record<string, string>;
  simulators: Record<string, string>;
}

const KINDS = ['ours', 'ours-response-cache', ...PEERS] as const;
type GatewayKind = OurGateway | Peer;

const LABEL: Record<GatewayKind, string> = {
  ours: 'ours (gateway/: Hive runtime + Rust planner, our plugins)',
  'ours-response-cache': 'ours with the wallboard response cache (RESPONSE_CACHE_TTL_SECONDS=60)',
  'apollo-gateway': 'stock @apollo/gateway 2.14',
  hive: 'Hive Gateway out of the box, dedup on',
  'hive-nodedup': 'Hive Gateway out of the box, dedup off',
  monolith: 'one server, no federation (limit)',
};

interface Traffic {
  fetches: number;
  representations: number;
  distinctRepresentations: number;
}

function perQuery(traffic: Record<string, SubgraphTraffic>, queries: number): Traffic {
  const sum = (key: keyof SubgraphTraffic) => Object.values(traffic).reduce((a, t) => a + t[key], 0) / queries;
  return { fetches: sum('fetches'), representations: sum('representations'), distinctRepresentations: sum('distinctRepresentations') };
}

/** Ours runs as built (dist/bin/gateway.js), the peers from bench/servers/gateway.ts. */
function startServer(kind: GatewayKind, subgraphs: Record<string, string>, simulators?: Record<string, string>): Promise<ChildServer<{ url: string }>> {
  if (kind === 'ours' || kind === 'ours-response-cache') return startOurGateway(kind, subgraphs);
  return startChild('gateway.ts', [kind], { BENCH_SUBGRAPHS: JSON.stringify(subgraphs), ...(simulators ? { BENCH_SIMULATORS: JSON.stringify(simulators) } : {}) });
}

/** Subgraph fetches and representations per query: one query alone, then CONCURRENT identical ones at once. */
async function countTraffic(kind: GatewayKind, backend: Backend): Promise<{ alone: Traffic; concurrent: Traffic; bySubgraph: Record<string, SubgraphTraffic> }> {
  const counter = await startSubgraphCounter(backend.subgraphs);
  const gateway = await startServer(kind, counter.urls);
  try {
    await gql(gateway.info.url, PORTFOLIO.query, PORTFOLIO.variables);
    counter.reset();
    await gql(gateway.info.url, PORTFOLIO.query, PORTFOLIO.variables);
    const bySubgraph = counter.traffic();
    counter.reset();
    await Promise.all(Array.from({ length: CONCURRENT }, () => gql(gateway.info.url, PORTFOLIO.query, PORTFOLIO.variables)));
    return { alone: perQuery(bySubgraph, 1), concurrent: perQuery(counter.traffic(), CONCURRENT), bySubgraph };
  } finally {
    await gateway.stop();
    await counter.close();
  }
}

async function main(): Promise<void> {
  const backend = await startChild<Backend>('backend.ts', [], { DEMO_SCALE: '1' });
  const servers = new Map<GatewayKind, ChildServer<{ url: string }>>();
  try {
    const traffic = new Map<GatewayKind, Awaited<ReturnType<typeof countTraffic>>>();
    for (const kind of KINDS) if (kind !== 'monolith') traffic.set(kind, await countTraffic(kind, backend.info));

    for (const kind of KINDS) servers.set(kind, await startServer(kind, backend.info.subgraphs, backend.info.simulators));
    // Every server must give the same answer, or the comparison is of different work.
    const answers = new Map<GatewayKind, string>();
    for (const [kind, server] of servers) {
      const result = await gql(server.info.url, PORTFOLIO.query, PORTFOLIO.variables);
      if (result.errors?.length) throw new Error(`${kind}: ${result.errors[0].message}`);
      answers.set(kind, JSON.stringify(result.data));
    }
    for (const [kind, answer] of answers) if (answer !== answers.get('ours')) throw new Error(`${kind} answers differently from ours`);

    const body = JSON.stringify({ query: PORTFOLIO.query, variables: PORTFOLIO.variables });
    for (const [, server] of servers) await autocannon({ url: server.info.url, body, connections: CONNECTIONS, seconds: WARM_UP_SECONDS });
    const runs = new Map<GatewayKind, AutocannonSummary[]>(KINDS.map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [...KINDS] : [...KINDS].reverse();
      for (const kind of order) {
        const summary = await autocannon({ url: servers.get(kind)!.info.url, body, connections: CONNECTIONS, seconds: SECONDS });
        console.log(`round ${round + 1} ${kind}: ${summary.requests.average} req/s, p50 ${summary.latency.p50} ms, p99 ${summary.latency.p99} ms`);
        runs.get(kind)!.push(summary);
      }
    }

    const rows = KINDS.map((kind) => {
      const list = runs.get(kind)!;
      const mean = (f: (s: AutocannonSummary) => number) => list.reduce((a, s) => a + f(s), 0) / list.length;
      return {
        kind,
        label: LABEL[kind],
        reqPerSec: Math.round(mean((s) => s.requests.average)),
        reqPerSecByRound: list.map((s) => s.requests.average),
        p50: Math.round(mean((s) => s.latency.p50)),
        p99: Math.round(mean((s) => s.latency.p99)),
        failures: list.reduce((a, s) => a + s.errors + s.timeouts + s.non2xx, 0),
        traffic: traffic.get(kind) ?? null,
        peakRssMb: peakRssMb(servers.get(kind)!.pid),
      };
    });
    const ours = rows.find((r) => r.kind === 'ours')!;
    const fmt = (n: number | undefined) => (n === undefined ? undefined : Number.isInteger(n) ? n : n.toFixed(1));
    printTable(
      `Warm throughput, portfolio page (25 projects), ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s, 2-core machine shared by load, server, subgraphs and simulators`,
      ['server', 'req/s', 'by round', '÷ ours', 'p50 ms', 'p99 ms', 'failed', 'fetches / query', 'reps / query (distinct)', `fetches / query, ${CONCURRENT} at once`, 'peak RSS MB'],
      rows.map((r) => [
        r.label,
        r.reqPerSec,
        r.reqPerSecByRound.join(' / '),
        (r.reqPerSec / ours.reqPerSec).toFixed(2),
        r.p50,
        r.p99,
        r.failures,
        fmt(r.traffic?.alone.fetches),
        r.traffic ? `${fmt(r.traffic.alone.representations)} (${fmt(r.traffic.alone.distinctRepresentations)})` : undefined,
        fmt(r.traffic?.concurrent.fetches),
        r.peakRssMb,
      ]),
    );
    await writeResult('throughput', {
      operation: PORTFOLIO.name,
      variables: PORTFOLIO.variables,
      connections: CONNECTIONS,
      seconds: SECONDS,
      rounds: ROUNDS,
      backendPeakRssMb: peakRssMb(backend.pid),
      rows,
    });
  } finally {
    for (const server of servers.values()) await server.stop();
    await backend.stop();
  }
}

runMain(main);
