import type { IncomingMessage } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createClient } from '@redis/client';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Caller } from '../../subgraphs/common/caller';
import { CALLER_FIELD } from './auth';

/**
 * A per-client request budget per minute (`RATE_LIMIT_PER_MINUTE`), counted by `rate-limiter-flexible`: per token
 * subject or API key, or per address for the anonymous demo caller; in Redis when `REDIS_URL` is set, so every
 * replica draws on one budget. A refusal is HTTP 429 `RATE_LIMITED` with `Retry-After`. When Redis is down the
 * limiter falls back to this process's memory rather than refusing everyone.
 */
export interface RateLimitOptions {
  perMinute: number;
  redisUrl?: string;
}

export interface RateLimit {
  plugin: GatewayPlugin;
  close: () => Promise<void>;
}

export function useRateLimit(options: RateLimitOptions): RateLimit {
  const memory = new RateLimiterMemory({ points: options.perMinute, duration: 60, keyPrefix: 'pmo-rl' });
  let limiter: RateLimiterAbstract = memory;
  let redis: ReturnType<typeof createClient> | undefined;
  if (options.redisUrl) {
    // Commands fail at once while Redis is away (no offline queue); reconnection backs off to every 5 s.
    redis = createClient({ url: options.redisUrl, disableOfflineQueue: true, socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(200 * 2 ** retries, 5000) } });
    redis.on('error', () => undefined);
    redis.connect().catch(() => undefined);
    limiter = new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, points: options.perMinute, duration: 60, keyPrefix: 'pmo-rl', insuranceLimiter: memory });
  }
  const plugin: GatewayPlugin = {
    async onExecute({ args }) {
      // Behind Express the engine's server context carries Node's request: its socket's address is the client's.
      const context = args.contextValue as { [CALLER_FIELD]?: Caller; req?: IncomingMessage };
      const caller = context[CALLER_FIELD];
      const key = caller && caller.kind !== 'anonymous' ? caller.subject : `addr:${context.req?.socket?.remoteAddress ?? 'unknown'}`;
      try {
        await limiter.consume(key);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) return; // the store failed: let the request through
        const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        throw new GraphQLError(`Rate limit: at most ${options.perMinute} requests a minute for ${caller?.kind === 'anonymous' ? 'this address' : 'this caller'}; retry in ${retryAfter} s`, {
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, http: { status: 429, headers: { 'Retry-After': String(retryAfter) } } },
        });
      }
    },
  };
  return {
    plugin,
    close: async () => {
      // destroy, not close: a client still reconnecting to an absent Redis would wait for it.
      if (redis?.isOpen) redis.destroy();
    },
  };
}
