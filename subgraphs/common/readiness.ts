import type { RequestHandler } from 'express';
import type { HttpRuntime } from '../../connectors/http/runtime';
import type { ServerLifecycle } from './lifecycle';

/**
 * `GET /ready` of a subgraph: 503 while it drains (a stop began), else 200 with what it depends on: the cache
 * store (`redis` or `redisDown` when REDIS_URL is set) and each upstream's circuit breaker.
 *
 * A Redis outage or an open breaker reports `degraded` but stays 200, on purpose: every replica shares the same
 * Redis and the same upstream, so all of them would turn unready at once, and the subgraph still answers (without
 * the shared cache; from stale cache entries or with per-field UPSTREAM_* errors). The metrics carry the alert.
 */
export function subgraphReadiness(subgraph: string, lifecycle: ServerLifecycle, runtime?: HttpRuntime): RequestHandler {
  return (_req, res, next) => {
    if (lifecycle.draining) {
      res.status(503).json({ status: 'draining', subgraph });
      return;
    }
    (runtime ? runtime.cacheStatus() : Promise.resolve('off' as const))
      .then((cache) => {
        const breakers = Object.fromEntries((runtime?.metrics.snapshot() ?? []).map((s) => [s.upstream, s.breaker.state]));
        const degraded = cache === 'redisDown' || Object.values(breakers).some((state) => state !== 'closed');
        res.json({ status: degraded ? 'degraded' : 'ready', subgraph, cache, breakers });
      })
      .catch(next);
  };
}
