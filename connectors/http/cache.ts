import Keyv from 'keyv';
import KeyvRedis, { createKeyv } from '@keyv/redis';
import { LRUCache } from 'lru-cache';

/** One cached upstream answer. `generation` ties it to the resource class's generation when it was stored. */
export interface CachedResponse {
  status: number;
  data: unknown;
  headers: Record<string, string>;
  storedAt: number;
  generation: string;
}

export interface CacheStoreOptions {
  /** Redis (`@keyv/redis`) when set, so replicas share one cache; otherwise this process's memory. */
  redisUrl?: string;
  namespace: string;
  /** Bound of the in-memory store (oldest entries go first). */
  maxEntries: number;
}

/** A Map that forgets its oldest entries past a size, so the in-memory cache cannot grow without bound. */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.has(key)) this.delete(key);
    super.set(key, value);
    while (this.size > this.limit) this.delete(this.keys().next().value as K);
    return this;
  }
}

/**
 * Cached values are upstream JSON, so plain JSON round-trips them. keyv's default serializer parses with a
 * reviver (to restore Buffers), which profiling showed to be the largest single cost of a warm query.
 */
function plainJson(store: Keyv): Keyv {
  store.serialize = JSON.stringify;
  store.deserialize = JSON.parse;
  return store;
}

export function createCacheStore(options: CacheStoreOptions): Keyv {
  if (!options.redisUrl) return plainJson(new Keyv({ store: new BoundedMap<string, unknown>(options.maxEntries), namespace: options.namespace }));
  // A Redis outage must not fail or slow requests: errors are emitted (and logged), not thrown, and commands
  // fail at once while disconnected instead of queueing; the client keeps reconnecting in the background.
  const store = plainJson(createKeyv(options.redisUrl, { namespace: options.namespace, throwOnConnectError: false, throwOnErrors: false }));
  const client = (store.store as KeyvRedis<unknown>).client as { options?: { disableOfflineQueue?: boolean } };
  if (client.options) client.options.disableOfflineQueue = true;
  let loggedAt = -Infinity;
  store.on('error', (error: unknown) => {
    // Once a minute at most: a reconnecting client reports every attempt.
    if (Date.now() - loggedAt < 60_000) return;
    loggedAt = Date.now();
    console.warn(`[cache] Redis at ${new URL(options.redisUrl!).host}: ${error instanceof Error ? error.message : String(error)} (answering without the cache meanwhile)`);
  });
  return store;
}

/** Whether the store answers: `memory`, or Redis answering PING within `timeoutMs` (`redis`) or not (`redisDown`). */
export async function pingCacheStore(store: Keyv, timeoutMs = 1000): Promise<'memory' | 'redis' | 'redisDown'> {
  if (!(store.store instanceof KeyvRedis)) return 'memory';
  const redis = store.store;
  let timer: NodeJS.Timeout | undefined;
  const answered = await Promise.race([
    // getClient() connects first if nothing has used the store yet (the client connects lazily).
    redis
      .getClient()
      .then((client) => (client as unknown as { ping: () => Promise<string> }).ping())
      .then((pong) => pong === 'PONG', () => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
  ]);
  clearTimeout(timer);
  return answered ? 'redis' : 'redisDown';
}

/** Closes a store's connection; a Redis client still trying to reconnect is stopped too. */
export async function closeCacheStore(store: Keyv): Promise<void> {
  if (store.store instanceof KeyvRedis) await store.store.disconnect(true);
  else await store.disconnect();
}

/** Bounds of the in-process tier: entries, and an estimate of their size (the upstream JSON's length). */
export interface LocalTierOptions {
  maxEntries: number;
  maxBytes: number;
}

export const DEFAULT_LOCAL_TIER: LocalTierOptions = { maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 };

/** Which tier answered a look-up; `shared` is the keyv store (memory or Redis). */
export type CacheTier = 'local' | 'shared';

/** Told when the in-process tier drops an entry to stay within its bounds (for the metrics). */
export type EvictionListener = (key: string) => void;

/** Read when the store did not answer in time or failed: the in-process tier must not be trusted blind. */
const UNKNOWN = Symbol('unknown generation');

/**
 * The HTTP policy's view of the cache: two tiers of entries plus a generation per resource class.
 *
 * The in-process tier keeps the parsed answer itself, so a hit costs no parse, and hands out the same `data`
 * object every time, so connectors can memoise what they map from it (`mapOnce`). Behind it the keyv store
 * is shared by the replicas when it is Redis; with the in-memory store the local tier is the only home of
 * entries (a second in-process copy would only double the memory) and the store keeps the generations.
 *
 * A successful write bumps its class's generation, which orphans every entry stored under the old one, in
 * both tiers and across replicas when the store is Redis: a local hit is confirmed against the store's current
 * generation, a small read. Every store operation is bounded in time and a failing store reads as a miss.
 */
export class ResponseCache {
  private readonly local: LRUCache<string, CachedResponse>;

  constructor(
    private readonly store: Keyv,
    private readonly opTimeoutMs = 500,
    options: { local?: LocalTierOptions; sharedEntries?: boolean; onEvict?: EvictionListener } = {},
  ) {
    const bounds = options.local ?? DEFAULT_LOCAL_TIER;
    this.sharedEntries = options.sharedEntries ?? true;
    const onEvict = options.onEvict;
    this.local = new LRUCache<string, CachedResponse>({
      max: bounds.maxEntries,
      maxSize: bounds.maxBytes,
      sizeCalculation: (entry) => Math.max(1, sizes.get(entry) ?? 1),
      dispose: onEvict ? (_entry, key, reason) => reason === 'evict' && onEvict(key) : undefined,
    });
  }

  private readonly sharedEntries: boolean;

  /** The entry (if any, and of the current generation), the tier it came from, and the current generation. */
  async lookup(key: string, generationKey: string): Promise<{ entry?: CachedResponse; tier?: CacheTier; generation: string }> {
    const local = this.local.get(key);
    if (local) {
      const generation = await this.bounded<string | undefined | typeof UNKNOWN>(this.store.get<string>(generationKey), UNKNOWN);
      if (generation !== UNKNOWN) {
        const current = generation ?? '0';
        if (local.generation === current) return { entry: local, tier: 'local', generation: current };
        this.local.delete(key);
        if (!this.sharedEntries) return { generation: current };
      }
    }
    if (!this.sharedEntries) {
      const generation = await this.bounded(this.store.get<string>(generationKey), undefined);
      return { generation: generation ?? '0' };
    }
    const found = await this.bounded(this.store.getMany<unknown>([key, generationKey]), [undefined, undefined]);
    const [entry, generation] = found as [CachedResponse | undefined, string | undefined];
    const current = generation ?? '0';
    if (!entry || entry.generation !== current) return { generation: current };
    this.remember(key, entry, undefined);
    return { entry, tier: 'shared', generation: current };
  }

  /** Stores in both tiers; `size` is the answer's size in bytes when known (its Content-Length). */
  async save(key: string, entry: CachedResponse, ttlMs: number, size?: number): Promise<void> {
    this.remember(key, entry, size, ttlMs);
    if (this.sharedEntries) await this.bounded(this.store.set(key, entry, ttlMs), false);
  }

  async bump(generationKey: string, generation: string): Promise<void> {
    // Generations outlive every entry they guard (a day), so a forgotten generation cannot revive old entries.
    await this.bounded(this.store.set(generationKey, generation, 86_400_000), false);
  }

  private remember(key: string, entry: CachedResponse, size: number | undefined, ttlMs?: number): void {
    sizes.set(entry, size ?? JSON.stringify(entry.data ?? null).length);
    this.local.set(key, entry, ttlMs ? { ttl: ttlMs } : undefined);
  }

  private async bounded<T>(operation: Promise<T>, fallback: T): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), this.opTimeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([operation.catch(() => fallback), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The size estimate of each entry, beside it rather than in it, so it never reaches the shared store. */
const sizes = new WeakMap<CachedResponse, number>();
