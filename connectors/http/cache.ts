import Keyv from 'keyv';
import KeyvRedis, { createKeyv } from '@keyv/redis';
import { LRUCache } from 'lru-cache';
import type { EvictionChannel } from './eviction-channel';

/** One cached upstream answer. `generation` ties it to the generations of its tags when it was read (see ResponseCache). */
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

/** Generations outlive every entry they guard (a day), so a forgotten generation cannot revive old entries. */
const GENERATION_TTL_MS = 86_400_000;

export interface ResponseCacheOptions {
  local?: LocalTierOptions;
  /** Whether entries and generations live in the store too (Redis, shared by replicas), or in this process only. */
  shared?: boolean;
  onEvict?: EvictionListener;
  /** Redis pub/sub between replicas; without it a shared store's generations are read on every local hit. */
  channel?: EvictionChannel;
  /** Told how many in-process entries each bump dropped, here or (through the channel) in another replica. */
  onBumped?: (keys: readonly string[], dropped: number, reason: 'event' | 'write') => void;
}

/**
 * The HTTP policy's view of the cache: two tiers of entries plus a generation per tag (see scope.ts).
 *
 * The in-process tier keeps the parsed answer itself, so a hit costs no parse, and hands out the same `data`
 * object every time, so connectors can memoise what they map from it (`mapOnce`). Behind it the keyv store
 * is shared by the replicas when it is Redis; with the in-memory store the local tier is the only home of
 * entries and of the generations.
 *
 * Each entry carries the generations its tags had when it was read. A change bumps the generations of its
 * tags: the entries holding one of them are dropped from this process's tier at once (an index by
 * generation key), and any entry read before the change but stored after it is orphaned by its old
 * generation. With Redis the new generations go to the store and are published, so every replica drops its
 * entries too; a local hit is checked against this process's copy of the generations, which is trusted only
 * while the pub/sub channel is up (otherwise it is read from Redis, one small MGET). Every store operation is
 * bounded in time and a failing store reads as a miss.
 */
export class ResponseCache {
  private readonly local: LRUCache<string, CachedResponse>;
  private readonly shared: boolean;
  private readonly channel?: EvictionChannel;
  /** This process's copy of the generations (authoritative without a shared store). */
  private readonly generations = new Map<string, string>();
  /** Bumped whenever the copy may have missed a change, so a store read begun before it is not copied. */
  private epoch = 0;
  /** Local entry keys by generation key, and each entry's generation keys, for eviction by tag. */
  private readonly byGeneration = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, readonly string[]>();
  private readonly onBumped?: ResponseCacheOptions['onBumped'];

  constructor(
    private readonly store: Keyv,
    private readonly opTimeoutMs = 500,
    options: ResponseCacheOptions = {},
  ) {
    const bounds = options.local ?? DEFAULT_LOCAL_TIER;
    this.shared = options.shared ?? true;
    this.channel = options.channel;
    this.onBumped = options.onBumped;
    const onEvict = options.onEvict;
    this.local = new LRUCache<string, CachedResponse>({
      max: bounds.maxEntries,
      maxSize: bounds.maxBytes,
      sizeCalculation: (entry) => Math.max(1, sizes.get(entry) ?? 1),
      dispose: (_entry, key, reason) => {
        // A `set` over an entry replaces it: its index is rewritten by remember().
        if (reason !== 'set') this.unindex(key);
        if (reason === 'evict') onEvict?.(key);
      },
    });
    this.channel?.listen(
      (message) => {
        this.forget(message.keys);
        this.onBumped?.(message.keys, this.drop(message.keys), message.reason);
      },
      () => this.forget(null),
    );
  }

  /** The entry (if any, and of the current generations), the tier it came from, and the current generations. */
  async lookup(key: string, generationKeys: readonly string[]): Promise<{ entry?: CachedResponse; tier?: CacheTier; generation: string }> {
    const local = this.local.get(key);
    const known = this.known(generationKeys);
    if (local) {
      const current = known ?? (await this.read(generationKeys));
      if (current !== UNKNOWN) {
        if (local.generation === current) return { entry: local, tier: 'local', generation: current };
        this.local.delete(key);
        if (!this.shared) return { generation: current };
      }
    }
    if (!this.shared) return { generation: known ?? '' };
    const epoch = this.epoch;
    const found = known
      ? [await this.bounded(this.store.get<CachedResponse>(key), undefined)]
      : await this.bounded(this.store.getMany<unknown>([key, ...generationKeys]), [undefined, ...generationKeys.map(() => undefined)]);
    const entry = found[0] as CachedResponse | undefined;
    const current = known ?? this.copy(generationKeys, found.slice(1) as Array<string | undefined>, epoch);
    if (!entry || entry.generation !== current) return { generation: current };
    this.remember(key, entry, generationKeys, undefined);
    return { entry, tier: 'shared', generation: current };
  }

  /** Stores in both tiers; `size` is the answer's size in bytes when known (its Content-Length). */
  async save(key: string, entry: CachedResponse, generationKeys: readonly string[], ttlMs: number, size?: number): Promise<void> {
    this.remember(key, entry, generationKeys, size, ttlMs);
    if (this.shared) await this.bounded(this.store.set(key, entry, ttlMs), false);
  }

  /**
   * Moves these generations on: this process's entries holding one are dropped now, the store (Redis) gets the
   * new value and the other replicas are told. Returns how many in-process entries were dropped here.
   */
  async bump(generationKeys: readonly string[], reason: 'event' | 'write'): Promise<number> {
    const generation = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    this.epoch++;
    for (const key of generationKeys) this.generations.set(key, generation);
    const dropped = this.drop(generationKeys);
    if (this.shared) {
      await this.bounded(this.store.setMany(generationKeys.map((key) => ({ key, value: generation, ttl: GENERATION_TTL_MS }))), []);
      // Told after the store has the new value, so a replica that re-reads it gets the new one.
      await this.channel?.publish({ keys: [...generationKeys], reason });
    }
    return dropped;
  }

  /** The current generations from this process's copy, when it can be trusted and holds them all. */
  private known(generationKeys: readonly string[]): string | undefined {
    if (this.shared && !this.channel?.ready) return undefined;
    const values: string[] = [];
    for (const key of generationKeys) {
      const value = this.generations.get(key);
      if (value === undefined) {
        if (this.shared) return undefined;
        values.push('0');
      } else values.push(value);
    }
    return values.join(',');
  }

  private async read(generationKeys: readonly string[]): Promise<string | typeof UNKNOWN> {
    const epoch = this.epoch;
    const values = await this.bounded<Array<string | undefined> | typeof UNKNOWN>(this.store.getMany<string>([...generationKeys]) as Promise<Array<string | undefined>>, UNKNOWN);
    return values === UNKNOWN ? UNKNOWN : this.copy(generationKeys, values, epoch);
  }

  /** Joins generations read from the store, keeping a copy when no change may have slipped by meanwhile. */
  private copy(generationKeys: readonly string[], values: Array<string | undefined>, epoch: number): string {
    const current = generationKeys.map((_, i) => values[i] ?? '0');
    if (this.channel?.ready && epoch === this.epoch) generationKeys.forEach((key, i) => this.generations.set(key, current[i]));
    return current.join(',');
  }

  /** Stops trusting the copy of these generations (all of them on a channel state change). */
  private forget(keys: readonly string[] | null): void {
    this.epoch++;
    if (keys === null) this.generations.clear();
    else for (const key of keys) this.generations.delete(key);
  }

  /** Drops this process's entries that hold any of these generation keys. */
  private drop(generationKeys: readonly string[]): number {
    const doomed = new Set<string>();
    for (const key of generationKeys) for (const entry of this.byGeneration.get(key) ?? []) doomed.add(entry);
    for (const entry of doomed) this.local.delete(entry);
    return doomed.size;
  }

  private remember(key: string, entry: CachedResponse, generationKeys: readonly string[], size: number | undefined, ttlMs?: number): void {
    sizes.set(entry, size ?? JSON.stringify(entry.data ?? null).length);
    this.unindex(key);
    this.local.set(key, entry, ttlMs ? { ttl: ttlMs } : undefined);
    if (!this.local.has(key)) return;
    this.keysOf.set(key, generationKeys);
    for (const generationKey of generationKeys) {
      let keys = this.byGeneration.get(generationKey);
      if (!keys) this.byGeneration.set(generationKey, (keys = new Set()));
      keys.add(key);
    }
  }

  private unindex(key: string): void {
    for (const generationKey of this.keysOf.get(key) ?? []) {
      const keys = this.byGeneration.get(generationKey);
      keys?.delete(key);
      if (keys?.size === 0) this.byGeneration.delete(generationKey);
    }
    this.keysOf.delete(key);
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
