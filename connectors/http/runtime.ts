import type Keyv from 'keyv';
import { CircuitBreaker } from './breaker';
import { closeCacheStore, createCacheStore, pingCacheStore, DEFAULT_LOCAL_TIER, ResponseCache, type CacheStoreOptions, type LocalTierOptions } from './cache';
import { systemClock, type Clock } from './clock';
import { MetricsRegistry, type UpstreamMetrics } from './metrics';
import { Pacer } from './pacer';
import { redisEvictionChannel, type EvictionChannel } from './eviction-channel';
import type { ResiliencePolicy } from './policy';
import { RetryBudget } from './retry';

/** One line of the upstream log: failures, retries, breaker changes, stale answers. */
export interface UpstreamLogEvent {
  upstream: string;
  event: 'retry' | 'failure' | 'breakerOpen' | 'breakerHalfOpen' | 'breakerClosed' | 'staleServed' | 'revalidateFailed';
  method?: string;
  path?: string;
  status?: number;
  kind?: string;
  /** The upstream's own id for the request (Jira `X-AREQUESTID`, `X-Request-Id`, ServiceNow `X-Transaction-Id`). */
  upstreamRequestId?: string;
  /** The gateway's `x-request-id` of the GraphQL operation. */
  requestId?: string;
  delayMs?: number;
  message?: string;
}

export type UpstreamLogger = (event: UpstreamLogEvent) => void;

export const consoleUpstreamLogger: UpstreamLogger = (event) => {
  const { upstream, event: name, ...rest } = event;
  const fields = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  const line = `[upstream ${upstream}] ${name} ${fields}`;
  if (name === 'breakerClosed') console.info(line);
  else console.warn(line);
};

/** The state one upstream's calls share within a process: breaker, pacer, retry budget, metrics, in-flight reads. */
export interface UpstreamGuard {
  breaker: CircuitBreaker;
  pacer: Pacer;
  budget: RetryBudget;
  metrics: UpstreamMetrics;
  /** Identical reads in flight, so concurrent operations asking the same thing share one upstream call. */
  inflight: Map<string, Promise<unknown>>;
}

export interface HttpRuntimeOptions {
  clock?: Clock;
  /** Source of jitter; tests pass a fixed one. */
  random?: () => number;
  /** Where cached answers live; `null` turns the cache off. Default: memory. */
  cache?: CacheStoreOptions | Keyv | null;
  /** Bounds of the in-process tier in front of the store; its entries default to the store's `maxEntries`. */
  localCache?: Partial<LocalTierOptions>;
  metrics?: MetricsRegistry;
  log?: UpstreamLogger;
}

/**
 * What the HttpClients of one process (or one test stack) share: the clock, the cache store, the metrics,
 * and one guard per upstream identity (name + base URL), however many clients talk to it.
 */
export class HttpRuntime {
  readonly clock: Clock;
  readonly random: () => number;
  readonly metrics: MetricsRegistry;
  readonly log: UpstreamLogger;
  readonly cache: ResponseCache | null;
  private readonly store: Keyv | null;
  private readonly channel?: EvictionChannel;
  private readonly guards = new Map<string, UpstreamGuard>();

  constructor(options: HttpRuntimeOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.metrics = options.metrics ?? new MetricsRegistry();
    this.log = options.log ?? consoleUpstreamLogger;
    const cache = options.cache === undefined ? { namespace: 'pmo-graph', maxEntries: 10_000 } : options.cache;
    this.store = cache === null ? null : isKeyv(cache) ? cache : createCacheStore(cache);
    const maxEntries = cache && !isKeyv(cache) ? cache.maxEntries : DEFAULT_LOCAL_TIER.maxEntries;
    this.channel = cache && !isKeyv(cache) && cache.redisUrl ? redisEvictionChannel(cache.redisUrl, cache.namespace) : undefined;
    this.cache = this.store
      ? new ResponseCache(this.store, 500, {
          local: { maxEntries, maxBytes: DEFAULT_LOCAL_TIER.maxBytes, ...options.localCache },
          // Only Redis (or a store handed in) is worth a second copy of each entry; an in-memory store is not shared.
          shared: cache !== null && (isKeyv(cache) || Boolean(cache.redisUrl)),
          channel: this.channel,
          onEvict: (key) => this.metrics.for(upstreamOfKey(key)).tiers.localEvictions++,
          // Another replica's event: its entries here are counted as evicted by events too.
          onBumped: (keys, dropped, reason) => {
            if (reason === 'event' && keys.length) this.metrics.for(upstreamOfGeneration(keys[0])).tiers.eventEvictions += dropped;
          },
        })
      : null;
  }

  guard(name: string, baseUrl: string, policy: ResiliencePolicy): UpstreamGuard {
    const id = `${name} ${baseUrl}`;
    let guard = this.guards.get(id);
    if (!guard) {
      const metrics = this.metrics.for(name);
      const breaker = new CircuitBreaker(policy.breaker, this.clock, (state) => {
        metrics.breakerState = state;
        if (state === 'open') metrics.breakerOpened++;
        this.log({ upstream: name, event: state === 'open' ? 'breakerOpen' : state === 'halfOpen' ? 'breakerHalfOpen' : 'breakerClosed' });
      });
      guard = { breaker, pacer: new Pacer(policy.pacing, this.clock), budget: new RetryBudget(policy.retry), metrics, inflight: new Map() };
      this.guards.set(id, guard);
    }
    return guard;
  }

  /** Where one tag's generation lives (see scope.ts); tags are the same for every identity, since a change is. */
  generationKey(upstream: string, tag: string): string {
    return `gen:${upstream}:${tag}`;
  }

  /**
   * Orphans the cached reads of one upstream that carry any of these tags (scope.ts), in this process and,
   * with Redis, in every replica. Returns how many in-process entries were dropped here.
   */
  async invalidate(upstream: string, tags: readonly string[], reason: 'event' | 'write'): Promise<number> {
    if (!this.cache || tags.length === 0) return 0;
    return this.cache.bump(tags.map((tag) => this.generationKey(upstream, tag)), reason);
  }

  /** For readiness: where the cache lives and whether it answers (`off` without a cache). */
  cacheStatus(): Promise<'off' | 'memory' | 'redis' | 'redisDown'> {
    return this.store ? pingCacheStore(this.store) : Promise.resolve('off');
  }

  /** Whether this process hears the other replicas' evictions (Redis pub/sub subscribed); false without Redis. */
  get hearsReplicas(): boolean {
    return this.channel?.ready ?? false;
  }

  /** Closes the cache store's connection (Redis) and the eviction channel. */
  async close(): Promise<void> {
    await this.channel?.close();
    if (this.store) await closeCacheStore(this.store).catch(() => undefined);
  }
}

/** Cache keys are `http:<upstream>:…` (see HttpClient). */
function upstreamOfKey(key: string): string {
  return key.split(':', 2)[1] ?? 'unknown';
}

/** Generation keys are `gen:<upstream>:<tag>`. */
function upstreamOfGeneration(key: string): string {
  return key.split(':', 2)[1] ?? 'unknown';
}
function isKeyv(value: CacheStoreOptions | Keyv): value is Keyv {
  return typeof (value as Keyv).getMany === 'function';
}

const shared = new Map<string, HttpRuntime>();

/** The process-wide runtime for clients configured without one (a standalone subgraph process). */
export function sharedHttpRuntime(cache?: CacheStoreOptions | null): HttpRuntime {
  const key = JSON.stringify(cache ?? null);
  let runtime = shared.get(key);
  if (!runtime) shared.set(key, (runtime = new HttpRuntime({ cache })));
  return runtime;
}
