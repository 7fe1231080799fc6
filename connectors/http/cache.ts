import Keyv from 'keyv';
import KeyvRedis, { createKeyv } from '@keyv/redis';

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

/** Closes a store's connection; a Redis client still trying to reconnect is stopped too. */
export async function closeCacheStore(store: Keyv): Promise<void> {
  if (store.store instanceof KeyvRedis) await store.store.disconnect(true);
  else await store.disconnect();
}

/**
 * The HTTP policy's view of the keyv store: entries plus a generation per resource class. A successful
 * write bumps its class's generation, which orphans every entry stored under the old one, across replicas
 * when the store is Redis. Every operation is bounded in time and a failing store reads as a miss.
 */
export class ResponseCache {
  constructor(
    private readonly store: Keyv,
    private readonly opTimeoutMs = 500,
  ) {}

  /** The entry (if any, and of the current generation) and the current generation, in one round trip. */
  async lookup(key: string, generationKey: string): Promise<{ entry?: CachedResponse; generation: string }> {
    const found = await this.bounded(this.store.getMany<unknown>([key, generationKey]), [undefined, undefined]);
    const [entry, generation] = found as [CachedResponse | undefined, string | undefined];
    const current = generation ?? '0';
    return { entry: entry && entry.generation === current ? entry : undefined, generation: current };
  }

  async save(key: string, entry: CachedResponse, ttlMs: number): Promise<void> {
    await this.bounded(this.store.set(key, entry, ttlMs), false);
  }

  async bump(generationKey: string, generation: string): Promise<void> {
    // Generations outlive every entry they guard (a day), so a forgotten generation cannot revive old entries.
    await this.bounded(this.store.set(generationKey, generation, 86_400_000), false);
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
