import { gql, peakRssMb, printTable, resetSimulatorCounts, runMain, simulatorCounts, startChild, startOurGateway, UPSTREAMS, writeResult } from './lib';
import { EXPORT_PAGE_QUERY, PORTFOLIO_QUERY } from './operations';

/**
 * Part 4: how cost grows with the portfolio. At each DEMO_SCALE, in fresh processes (backend: simulators +
 * subgraphs; our gateway alone), cold: the whole portfolio page by page, and a BI export that pages through
 * every issue of every project. Upstream requests, wall time, rows/s, peak RSS of the gateway and the backend.
 * Usage: npm run bench:growth   (BENCH_GROWTH_SCALES=1,10; add 100 for the export: BENCH_EXPORT_SCALES=1,10,100)
 */

const SCALES = (process.env.BENCH_GROWTH_SCALES ?? '1,10').split(',').map(Number);
const EXPORT_SCALES = (process.env.BENCH_EXPORT_SCALES ?? process.env.BENCH_GROWTH_SCALES ?? '1,10').split(',').map(Number);
const PROJECT_PAGE = 100;
const ISSUE_PAGE = 100;

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: T }>;
}

type Runner = (url: string) => Promise<{ rows: number; queries: number; errors: number }>;

async function pages<T>(fetchPage: (after: string | null) => Promise<{ page: Page<T> | null; errors: number }>): Promise<{ nodes: T[]; queries: number; errors: number }> {
  const nodes: T[] = [];
  let after: string | null = null;
  let queries = 0;
  let errors = 0;
  for (;;) {
    const { page, errors: e } = await fetchPage(after);
    queries += 1;
    errors += e;
    if (!page) break;
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { nodes, queries, errors };
}

const portfolio: Runner = async (url) => {
  const { nodes, queries, errors } = await pages(async (after) => {
    const result = await gql(url, PORTFOLIO_QUERY, { first: PROJECT_PAGE, after });
    return { page: (result.data as { projects: Page<unknown> } | undefined)?.projects ?? null, errors: result.errors?.length ?? 0 };
  });
  return { rows: nodes.length, queries, errors };
};

const issueExport: Runner = async (url) => {
  const keys = await pages<{ key: string }>(async (after) => {
    const result = await gql(url, 'query Keys($after: String) { projects(first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { key } } } }', { after });
    return { page: (result.data as { projects: Page<{ key: string }> } | undefined)?.projects ?? null, errors: result.errors?.length ?? 0 };
  });
  let rows = 0;
  let queries = keys.queries;
  let errors = keys.errors;
  for (const { key } of keys.nodes) {
    const issues = await pages(async (after) => {
      const result = await gql(url, EXPORT_PAGE_QUERY, { key, first: ISSUE_PAGE, after });
      return { page: (result.data as { project: { issues: Page<unknown> } | null } | undefined)?.project?.issues ?? null, errors: result.errors?.length ?? 0 };
    });
    rows += issues.nodes.length;
    queries += issues.queries;
    errors += issues.errors;
  }
  return { rows, queries, errors };
};

const RUNS: Array<{ name: string; run: Runner; scales: number[] }> = [
  { name: `whole portfolio (pages of ${PROJECT_PAGE})`, run: portfolio, scales: SCALES },
  { name: `BI export: every issue (pages of ${ISSUE_PAGE} per project)`, run: issueExport, scales: EXPORT_SCALES },
];

async function main(): Promise<void> {
  const rows = [];
  for (const { name, run, scales } of RUNS) {
    for (const scale of scales) {
      const backend = await startChild<{ subgraphs: Record<string, string>; simulators: Record<(typeof UPSTREAMS)[number], string> }>('backend.ts', [], { DEMO_SCALE: String(scale) });
      const gateway = await startOurGateway('ours', backend.info.subgraphs);
      try {
        await resetSimulatorCounts(backend.info.simulators);
        const started = performance.now();
        const result = await run(gateway.info.url);
        const seconds = (performance.now() - started) / 1000;
        const upstream = await simulatorCounts(backend.info.simulators);
        if (result.errors) console.warn(`WARNING ${name} at ${scale}×: ${result.errors} GraphQL errors`);
        rows.push({
          operation: name,
          scale,
          rows: result.rows,
          queries: result.queries,
          upstream,
          upstreamTotal: UPSTREAMS.reduce((a, u) => a + upstream[u], 0),
          seconds: Number(seconds.toFixed(2)),
          rowsPerSecond: Math.round(result.rows / seconds),
          gatewayPeakRssMb: peakRssMb(gateway.pid),
          backendPeakRssMb: peakRssMb(backend.pid),
          errors: result.errors,
        });
      } finally {
        await gateway.stop();
        await backend.stop();
      }
    }
  }
  printTable(
    'Growth with the portfolio (cold, our gateway): upstream requests, wall time, rows/s, peak RSS',
    ['operation', 'scale', 'rows', 'queries', 'jira', 'servicenow', 'scim', 'upstream / 1k rows', 'wall s', 'rows/s', 'gateway peak RSS MB', 'backend peak RSS MB', 'errors'],
    rows.map((r) => [
      r.operation,
      `${r.scale}×`,
      r.rows,
      r.queries,
      r.upstream.jira,
      r.upstream.servicenow,
      r.upstream.scim,
      ((r.upstreamTotal / Math.max(1, r.rows)) * 1000).toFixed(0),
      r.seconds,
      r.rowsPerSecond,
      r.gatewayPeakRssMb,
      r.backendPeakRssMb,
      r.errors,
    ]),
  );
  // A run at other scales keeps its own file, so bench/results/growth.json stays the default run's.
  const custom = process.env.BENCH_GROWTH_SCALES || process.env.BENCH_EXPORT_SCALES;
  await writeResult(custom ? `growth-${SCALES.join('_')}-export-${EXPORT_SCALES.join('_')}` : 'growth', { scales: SCALES, exportScales: EXPORT_SCALES, rows });
}

runMain(main);
