import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the HTTP policy knows about the GraphQL operation it is serving, without the connectors passing it
 * along: the operation's deadline, the caller's request id (for logs), and which answers came from a stale
 * cache entry (reported back in the response extensions). The subgraph server opens one scope per request.
 */
export interface OperationScope {
  /** Clock time (ms) by which the whole operation must answer; upstream calls never run past it. */
  deadline?: number;
  /** The gateway's `x-request-id`, written beside the upstream's own request id in logs. */
  requestId?: string;
  stale: StaleNotice[];
  /** Requests sent upstream for this operation, retries included (the request log's count). */
  upstreamRequests?: number;
}

/** One upstream whose answer in this operation was served from cache because the upstream failed. */
export interface StaleNotice {
  upstream: string;
  /** How old the served value is. */
  ageSeconds: number;
  /** The UpstreamError kind of the failure the stale value stood in for. */
  kind: string;
}

const storage = new AsyncLocalStorage<OperationScope>();

export function runInOperation<T>(scope: OperationScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentOperation(): OperationScope | undefined {
  return storage.getStore();
}

/** Runs work that belongs to no operation (background revalidation): no deadline, no stale notices. */
export function outsideOperation<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** Records a stale answer once per upstream, keeping the oldest age. */
export function noteStale(notice: StaleNotice): void {
  const scope = storage.getStore();
  if (!scope) return;
  const existing = scope.stale.find((s) => s.upstream === notice.upstream);
  if (!existing) scope.stale.push(notice);
  else existing.ageSeconds = Math.max(existing.ageSeconds, notice.ageSeconds);
}
