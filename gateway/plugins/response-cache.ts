import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { getOperationAST, type ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ConfigError } from '../../connectors/config';
import { redisEvictionChannel, type EvictionChannel } from '../../connectors/http/eviction-channel';
import type { Caller } from '../../subgraphs/common/caller';

/**
 * Whole responses for wallboards: with `RESPONSE_CACHE_TTL_SECONDS` set, a query's response is kept for that
 * long per identity (the key includes the verified caller, see `identityKey`: one caller never gets another's
 * answer, and a wallboard with a fresh token still finds its own) and served without planning or executing
 * anything. Built on the engine's own `@graphql-yoga/plugin-response-cache`; what is ours is the key, the store
 * and when it empties:
 * - mutations and results with errors, or with answers served stale from the upstream cache, are never kept;
 * - every accepted upstream event (the webhooks this gateway forwards), every mutation through this gateway,
 *   and, with `REDIS_URL`, every write or event any replica publishes empties it. An event says which upstream
 *   data changed, not which responses show it, so the whole cache goes: a wallboard's TTL is short anyway.
 */

export interface WallboardCacheOptions {
  ttlSeconds: number;
  /** Responses kept at most (least recently used go first). */
  maxEntries: number;
  /** Redis of the upstream cache: its eviction messages empty this cache too. */
  redisUrl?: string;
  namespace: string;
}

export function wallboardCacheOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WallboardCacheOptions | null {
  const raw = env.RESPONSE_CACHE_TTL_SECONDS?.trim();
  if (!raw || raw === '0') return null;
  const ttlSeconds = Number(raw);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > 86_400) {
    throw new ConfigError(`RESPONSE_CACHE_TTL_SECONDS must be a whole number of seconds from 0 to 86400, got "${raw}"`);
  }
  const entries = Number(env.RESPONSE_CACHE_MAX_ENTRIES ?? 1000);
  if (!Number.isInteger(entries) || entries < 1) throw new ConfigError(`RESPONSE_CACHE_MAX_ENTRIES must be a positive whole number, got "${env.RESPONSE_CACHE_MAX_ENTRIES}"`);
  return { ttlSeconds, maxEntries: entries, redisUrl: env.REDIS_URL || undefined, namespace: env.CACHE_NAMESPACE || 'pmo-graph' };
}

/** The response store: an LRU with a TTL per entry, emptied whole on a change. */
class WallboardStore implements Cache {
  private readonly entries: LRUCache<string, ExecutionResult>;

  constructor(maxEntries: number) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  get(key: string): ExecutionResult | undefined {
    return this.entries.get(key);
  }

  set(key: string, data: ExecutionResult, _entities: unknown, ttl: number): void {
    if (Number.isFinite(ttl) && ttl > 0) this.entries.set(key, data, { ttl });
  }

  invalidate(): void {
    this.entries.clear();
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface WallboardCache {
  /** The engine's response cache, and ours that empties it after a mutation. */
  plugins: GatewayPlugin[];
  /** Empties the cache (an upstream event was accepted). */
  clear: () => void;
  /** Responses held now. */
  readonly size: number;
  close: () => Promise<void>;
}

/** Who a request is, as the auth plugin establishes it (auth.ts `callerIdentifier`); null when it will be refused. */
export type CallerOf = (request: Request, serverContext: object) => Caller | null;

/**
 * A response depends on who asks only through what the gateway tells the subgraphs of the caller (identity.ts
 * signs exactly these), so that is the key: not the credential, which differs with every token minted (ES256
 * signatures are randomised) and would give the same wallboard a miss per token.
 */
export function identityKey(caller: Caller): string {
  return JSON.stringify([caller.kind, caller.subject, caller.email ?? null, caller.name ?? null, [...new Set(caller.scopes)].sort()]);
}

/** The cache `RESPONSE_CACHE_TTL_SECONDS` asks for, or none. */
export function wallboardCacheFromEnv(callerOf: CallerOf, env: NodeJS.ProcessEnv = process.env): WallboardCache | undefined {
  const options = wallboardCacheOptionsFromEnv(env);
  return options ? useWallboardCache(options, callerOf) : undefined;
}

export function useWallboardCache(options: WallboardCacheOptions, callerOf: CallerOf): WallboardCache {
  const store = new WallboardStore(options.maxEntries);
  /** Each request's key, null when it will be refused: read when its parameters are, before the auth plugin runs. */
  const sessions = new WeakMap<Request, string | null>();
  const session = (request: Request, context: object): string | null => {
    const caller = callerOf(request, context);
    const key = caller ? identityKey(caller) : null;
    sessions.set(request, key);
    return key;
  };
  const channel: EvictionChannel | undefined = options.redisUrl ? redisEvictionChannel(options.redisUrl, options.namespace) : undefined;
  channel?.listen(
    () => store.clear(),
    // Messages may have been missed while not subscribed.
    () => store.clear(),
  );
  const responseCache = useResponseCache({
    session,
    // A request the auth plugin will refuse is neither answered from the cache nor kept in it. (Asked before
    // `session` only for a conditional request, whose If-None-Match names the client's own entry.)
    enabled: (request) => sessions.get(request) !== null,
    ttl: options.ttlSeconds * 1000,
    cache: store,
    // Entities and TTLs per type are not used: the store empties whole.
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
    shouldCacheResult: ({ result }) => !result.errors?.length && !(result.extensions as { stale?: unknown } | undefined)?.stale,
  }) as GatewayPlugin;
  const mutations: GatewayPlugin = {
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      return { onExecuteDone: () => store.clear() };
    },
  };
  return {
    plugins: [responseCache, mutations],
    clear: () => store.clear(),
    get size() {
      return store.size;
    },
    close: async () => {
      await channel?.close();
    },
  };
}
