import type { BreakerState } from './breaker';

/** Upper bounds (ms) of the latency histogram buckets, Prometheus-style (each bucket counts ≤ its bound). */
export const LATENCY_BUCKETS_MS = [25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

export interface UpstreamMetricsSnapshot {
  upstream: string;
  /** Attempts sent to the upstream (first attempts and retries). */
  requests: number;
  /** Failed attempts by UpstreamError kind, plus `circuitOpen` for calls the breaker refused. */
  errors: Record<string, number>;
  retries: number;
  /** Retries refused because the retry budget was empty. */
  retryBudgetExhausted: number;
  /** 429 answers, and milliseconds spent waiting in the pacer (concurrency, rate, Retry-After pauses). */
  rateLimited: number;
  pacedWaitMs: number;
  cache: { hits: number; misses: number; staleServed: number; revalidations: number; invalidations: number };
  breaker: { state: BreakerState; opened: number };
  latencyMs: { count: number; sum: number; max: number; buckets: Record<string, number> };
}

/**
 * The two cache tiers of one upstream (beside the `cache` totals of the main snapshot, which stay as they were):
 * hits per tier, entries the in-process tier dropped to stay within its bounds, and the change events received
 * from the upstream (webhooks) with those refused and the entries they evicted.
 */
export interface CacheTierMetricsSnapshot {
  upstream: string;
  localHits: number;
  sharedHits: number;
  misses: number;
  localEvictions: number;
  eventsReceived: number;
  eventsRejected: number;
  /** In-process entries the events dropped: received here, or (with Redis) by another replica and published. */
  eventEvictions: number;
}

/** The counters of one upstream; HttpClient updates them, `snapshot()` copies them for a /metrics endpoint. */
export class UpstreamMetrics {
  requests = 0;
  errors: Record<string, number> = {};
  retries = 0;
  retryBudgetExhausted = 0;
  rateLimited = 0;
  pacedWaitMs = 0;
  readonly cache = { hits: 0, misses: 0, staleServed: 0, revalidations: 0, invalidations: 0 };
  readonly tiers = { localHits: 0, sharedHits: 0, localEvictions: 0, eventsReceived: 0, eventsRejected: 0, eventEvictions: 0 };
  breakerState: BreakerState = 'closed';
  breakerOpened = 0;
  private readonly latency = { count: 0, sum: 0, max: 0, buckets: LATENCY_BUCKETS_MS.map(() => 0) };

  constructor(readonly upstream: string) {}

  error(kind: string): void {
    this.errors[kind] = (this.errors[kind] ?? 0) + 1;
  }

  observeLatency(ms: number): void {
    this.latency.count++;
    this.latency.sum += ms;
    this.latency.max = Math.max(this.latency.max, ms);
    LATENCY_BUCKETS_MS.forEach((bound, i) => {
      if (ms <= bound) this.latency.buckets[i]++;
    });
  }

  tierSnapshot(): CacheTierMetricsSnapshot {
    return { upstream: this.upstream, ...this.tiers, misses: this.cache.misses };
  }

  snapshot(): UpstreamMetricsSnapshot {
    return {
      upstream: this.upstream,
      requests: this.requests,
      errors: { ...this.errors },
      retries: this.retries,
      retryBudgetExhausted: this.retryBudgetExhausted,
      rateLimited: this.rateLimited,
      pacedWaitMs: this.pacedWaitMs,
      cache: { ...this.cache },
      breaker: { state: this.breakerState, opened: this.breakerOpened },
      latencyMs: {
        count: this.latency.count,
        sum: this.latency.sum,
        max: this.latency.max,
        buckets: Object.fromEntries([...LATENCY_BUCKETS_MS.map((b, i) => [String(b), this.latency.buckets[i]]), ['+Inf', this.latency.count]]),
      },
    };
  }
}

/** All upstreams of one process (or one test stack). */
export class MetricsRegistry {
  private readonly byUpstream = new Map<string, UpstreamMetrics>();

  for(upstream: string): UpstreamMetrics {
    let metrics = this.byUpstream.get(upstream);
    if (!metrics) this.byUpstream.set(upstream, (metrics = new UpstreamMetrics(upstream)));
    return metrics;
  }

  /** What a /metrics endpoint renders: one entry per upstream, sorted by name. */
  snapshot(): UpstreamMetricsSnapshot[] {
    return this.sorted().map((m) => m.snapshot());
  }

  /** The cache tiers' counters, one entry per upstream, sorted by name (for the /metrics exporter). */
  cacheTierSnapshot(): CacheTierMetricsSnapshot[] {
    return this.sorted().map((m) => m.tierSnapshot());
  }

  private sorted(): UpstreamMetrics[] {
    return [...this.byUpstream.values()].sort((a, b) => a.upstream.localeCompare(b.upstream));
  }
}
