import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type MetricObjectWithValues, type MetricValueWithName } from 'prom-client';
import { OPERATION_NAME_HEADER } from './logging';
import { LATENCY_BUCKETS_MS, type MetricsRegistry, type UpstreamMetricsSnapshot } from '../../connectors/http/metrics';

export { Registry };

/** Request duration buckets (seconds): from a warm cache hit to the 15 s operation deadline. */
export const DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

/**
 * One Prometheus registry per process: the gateway and the subgraphs running in it register their series here
 * (each with its own names and labels) and every /metrics of the process serves all of it, with Node's process
 * metrics (`process_*`, `nodejs_*`).
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** `GET /metrics` in Prometheus' text format. */
export function metricsHandler(registry: Registry): RequestHandler {
  return (_req, res, next) => {
    registry
      .metrics()
      .then((text) => res.type(registry.contentType).send(text))
      .catch(next);
  };
}

/** The registry's metric of that name, created on first use (servers of one process share the series). */
export function sharedMetric<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * Keeps a label's values bounded: the first `max` distinct values are kept, later new ones count as `other`.
 * Operation names come from clients, so without a bound one client could create a series per request.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(private readonly max = 200) {}

  value(raw: string | null | undefined, fallback = 'anonymous'): string {
    const value = raw && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(raw) ? raw : fallback;
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}

/** Per subgraph and operation name: requests, errors by code, duration. */
export function subgraphMetricsPlugin<TContext extends BaseContext>(registry: Registry, subgraph: string): ApolloServerPlugin<TContext> {
  const labels = ['subgraph', 'operation'] as const;
  const requests = sharedMetric(
    registry,
    'pmo_subgraph_requests_total',
    () => new Counter({ name: 'pmo_subgraph_requests_total', help: 'GraphQL requests a subgraph served, by operation name', labelNames: labels, registers: [registry] }),
  );
  const errors = sharedMetric(
    registry,
    'pmo_subgraph_errors_total',
    () =>
      new Counter({ name: 'pmo_subgraph_errors_total', help: 'GraphQL errors in subgraph responses, by operation name and extensions.code', labelNames: [...labels, 'code'], registers: [registry] }),
  );
  const duration = sharedMetric(
    registry,
    'pmo_subgraph_request_duration_seconds',
    () =>
      new Histogram({
        name: 'pmo_subgraph_request_duration_seconds',
        help: 'Time a subgraph took to answer a GraphQL request, by operation name',
        labelNames: labels,
        buckets: DURATION_BUCKETS_SECONDS,
        registers: [registry],
      }),
  );
  const operations = new BoundedLabel();
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName, request }) {
          const operation = operations.value(operationName ?? request.operationName ?? request.http?.headers.get(OPERATION_NAME_HEADER));
          requests.inc({ subgraph, operation });
          duration.observe({ subgraph, operation }, (performance.now() - started) / 1000);
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            errors.inc({ subgraph, operation, code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          }
        },
      };
    },
  };
}

const BREAKER_STATES = ['closed', 'open', 'halfOpen'] as const;

/** The upstream sources each registry reads, so that servers of one process sharing an HttpRuntime register it once. */
const sources = new WeakMap<Registry, Set<MetricsRegistry>>();

/**
 * Exposes the upstream HTTP policy's counters (connectors/http/metrics.ts) as Prometheus series, read at scrape
 * time: requests, errors by kind, retries, 429s, pacing waits, breaker state, latency, and the cache by tier with
 * the webhook events. Labels: `upstream` (one per configured system), `kind`, `tier`, `state`: all bounded.
 */
export function registerUpstreamMetrics(registry: Registry, source: MetricsRegistry): void {
  const known = sources.get(registry);
  if (known) {
    known.add(source);
    return;
  }
  const all = new Set([source]);
  sources.set(registry, all);
  const snapshots = () => [...all].flatMap((s) => s.snapshot());
  const tiers = () => [...all].flatMap((s) => s.cacheTierSnapshot());

  /** A counter per upstream, read at scrape time from one row per upstream (policy snapshots or cache tiers). */
  const perUpstream =
    <Row extends { upstream: string }>(rows: () => Row[]) =>
    (name: string, help: string, read: (row: Row) => number) =>
      new Counter({
        name,
        help,
        labelNames: ['upstream'],
        registers: [registry],
        collect() {
          this.reset();
          for (const row of rows()) this.inc({ upstream: row.upstream }, read(row));
        },
      });
  const counter = perUpstream<UpstreamMetricsSnapshot>(snapshots);
  counter('pmo_upstream_requests_total', 'HTTP requests sent to an upstream system (first attempts and retries)', (s) => s.requests);
  counter('pmo_upstream_retries_total', 'Retries of idempotent upstream reads', (s) => s.retries);
  counter('pmo_upstream_retry_budget_exhausted_total', 'Retries refused because the retry budget was empty', (s) => s.retryBudgetExhausted);
  counter('pmo_upstream_rate_limited_total', 'HTTP 429 answers from an upstream', (s) => s.rateLimited);
  counter('pmo_upstream_pacing_wait_seconds_total', 'Time calls waited in the pacer (concurrency, rate, Retry-After pauses)', (s) => s.pacedWaitMs / 1000);
  counter('pmo_upstream_breaker_opened_total', 'Times the circuit breaker opened', (s) => s.breaker.opened);
  counter('pmo_cache_misses_total', 'Cached reads that had to ask the upstream', (s) => s.cache.misses);
  counter('pmo_cache_stale_served_total', 'Answers served from an expired cache entry because the upstream failed', (s) => s.cache.staleServed);
  counter('pmo_cache_revalidations_total', 'Background refreshes of entries served stale-while-revalidate', (s) => s.cache.revalidations);
  counter('pmo_cache_invalidations_total', 'Resource classes orphaned by successful writes', (s) => s.cache.invalidations);
  new Counter({
    name: 'pmo_upstream_errors_total',
    help: 'Failed upstream attempts by error kind (auth, forbidden, notFound, rateLimit, server, network, timeout, circuitOpen, …)',
    labelNames: ['upstream', 'kind'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of snapshots()) for (const [kind, n] of Object.entries(s.errors)) this.inc({ upstream: s.upstream, kind }, n);
    },
  });
  new Gauge({
    name: 'pmo_upstream_breaker_state',
    help: 'Circuit breaker state of an upstream: 1 for the current state, 0 for the others',
    labelNames: ['upstream', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of snapshots()) for (const state of BREAKER_STATES) this.set({ upstream: s.upstream, state }, s.breaker.state === state ? 1 : 0);
    },
  });
  new Counter({
    name: 'pmo_cache_hits_total',
    help: 'Cached reads answered without the upstream, by tier (local: in-process; shared: the keyv store, Redis)',
    labelNames: ['upstream', 'tier'],
    registers: [registry],
    collect() {
      this.reset();
      for (const t of tiers()) {
        this.inc({ upstream: t.upstream, tier: 'local' }, t.localHits);
        this.inc({ upstream: t.upstream, tier: 'shared' }, t.sharedHits);
      }
    },
  });
  const tierCounter = perUpstream(tiers);
  tierCounter('pmo_cache_local_evictions_total', 'Entries the in-process tier dropped to stay within its bounds', (t) => t.localEvictions);
  tierCounter('pmo_webhook_events_total', 'Change events (webhooks) received from an upstream and accepted', (t) => t.eventsReceived);
  tierCounter('pmo_webhook_events_rejected_total', 'Change events refused (bad signature, stale timestamp, replay, not JSON)', (t) => t.eventsRejected);
  tierCounter('pmo_cache_event_evictions_total', 'Cache generations the change events bumped', (t) => t.eventEvictions);
  registry.registerMetric(new UpstreamLatency(snapshots));
}

/** The upstream latency histogram, built at scrape time from the policy's own cumulative buckets (in ms). */
class UpstreamLatency extends Histogram<'upstream'> {
  constructor(private readonly snapshots: () => UpstreamMetricsSnapshot[]) {
    super({
      name: 'pmo_upstream_request_duration_seconds',
      help: 'Duration of upstream HTTP attempts',
      labelNames: ['upstream'],
      buckets: LATENCY_BUCKETS_MS.map((ms) => ms / 1000),
      registers: [],
    });
  }

  /** The registry renders a histogram from this one (prom-client 15). */
  async getForPromString(): Promise<MetricObjectWithValues<MetricValueWithName<'upstream'>>> {
    return this.get();
  }

  override async get(): Promise<MetricObjectWithValues<MetricValueWithName<'upstream'>>> {
    const name = 'pmo_upstream_request_duration_seconds';
    const values: MetricValueWithName<'upstream'>[] = [];
    for (const s of this.snapshots()) {
      for (const [bound, count] of Object.entries(s.latencyMs.buckets)) {
        const le = bound === '+Inf' ? '+Inf' : Number(bound) / 1000;
        values.push({ metricName: `${name}_bucket`, labels: { upstream: s.upstream, le } as never, value: count });
      }
      values.push({ metricName: `${name}_sum`, labels: { upstream: s.upstream }, value: s.latencyMs.sum / 1000 });
      values.push({ metricName: `${name}_count`, labels: { upstream: s.upstream }, value: s.latencyMs.count });
    }
    return { name, help: 'Duration of upstream HTTP attempts', type: 'histogram', values, aggregator: 'sum' } as unknown as MetricObjectWithValues<MetricValueWithName<'upstream'>>;
  }
}
