import type http from 'node:http';
import { ConfigError } from '../../connectors/config';

/** How a server stops (SIGTERM): how long it keeps serving while unready, then how long in-flight requests get. */
export interface DrainOptions {
  /** Time between readiness turning false and the listener closing, for the balancer to stop sending (default 0). */
  delayMs?: number;
  /** Longest the requests in flight may still take once the listener closed (default 10 s). */
  timeoutMs?: number;
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

export interface ServerLifecycle {
  /** True once a stop began: /ready answers 503 so the balancer sends no new requests. */
  readonly draining: boolean;
  /** Requests received and not yet answered. */
  readonly inFlight: number;
  /**
   * Stops gracefully: readiness turns false and requests are still served for `delayMs`; then new connections are
   * refused, idle keep-alive connections close, and requests in flight may finish for up to `timeoutMs`; then every
   * remaining connection is cut. Resolves when the server is closed.
   */
  drain: (options?: DrainOptions) => Promise<void>;
}

/** Tracks a server's requests in flight and stops it gracefully (SIGTERM in Kubernetes, Ctrl-C locally). */
export function serverLifecycle(server: http.Server): ServerLifecycle {
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  // Before the app's own listener, which may answer synchronously.
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight++;
    // A connection that just served its last request during a drain is closed rather than kept alive.
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
  });
  let drained: Promise<void> | undefined;
  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    drain({ delayMs = 0, timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS } = {}) {
      drained ??= (async () => {
        draining = true;
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight > 0) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            new Promise<void>((resolve) => (idle = resolve)),
            new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
          ]);
          clearTimeout(timer);
        }
        server.closeAllConnections();
        await closed;
      })();
      return drained;
    },
  };
}

/** `SHUTDOWN_DELAY_MS` (default 0; the Kubernetes manifests set 5 s) and `SHUTDOWN_TIMEOUT_MS` (default 10 s). */
export function drainFromEnv(env: NodeJS.ProcessEnv = process.env): DrainOptions {
  return { delayMs: milliseconds(env, 'SHUTDOWN_DELAY_MS', 0), timeoutMs: milliseconds(env, 'SHUTDOWN_TIMEOUT_MS', DEFAULT_DRAIN_TIMEOUT_MS) };
}

function milliseconds(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new ConfigError(`${variable} must be a whole number of milliseconds, got "${raw}"`);
  return ms;
}
