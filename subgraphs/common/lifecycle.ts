import type http from 'node:http';
import { ConfigError } from '../../connectors/config';

/** Longest a stop waits for requests in flight before cutting their connections. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

export interface ServerLifecycle {
  /** True once a stop began: /ready answers 503 so the balancer sends no new requests. */
  readonly draining: boolean;
  /** Requests received and not yet answered. */
  readonly inFlight: number;
  /**
   * Stops gracefully: readiness turns false, new connections are refused, idle keep-alive connections close, and
   * requests in flight may finish for up to `timeoutMs`; then every remaining connection is cut.
   * Resolves when the server is closed.
   */
  drain: (timeoutMs?: number) => Promise<void>;
}

/** Tracks a server's requests in flight and stops it gracefully (SIGTERM in Kubernetes, Ctrl-C locally). */
export function serverLifecycle(server: http.Server): ServerLifecycle {
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
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
    drain(timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS) {
      drained ??= (async () => {
        draining = true;
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

/** `SHUTDOWN_TIMEOUT_MS`: how long a stop waits for requests in flight (default 10 s; Kubernetes' grace period is 30 s). */
export function drainTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SHUTDOWN_TIMEOUT_MS;
  if (raw === undefined || raw === '') return DEFAULT_DRAIN_TIMEOUT_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new ConfigError(`SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds, got "${raw}"`);
  return ms;
}
