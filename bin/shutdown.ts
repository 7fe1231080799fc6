const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Runs `stop` once on Ctrl-C or SIGTERM, then exits; a second signal exits at once. `stop` drains: readiness turns
 * false, requests in flight finish (bounded by SHUTDOWN_TIMEOUT_MS), then the servers close.
 *
 * The stop is this function's alone. Hive Gateway's server adapter registers its own SIGINT/SIGTERM listeners
 * (`disposeOnProcessTerminate`, hard-coded on) that dispose the engine at once and abort every request in flight
 * with SHUTTING_DOWN, so any other listener for these signals, present or added later, is removed; the engine is
 * disposed by `stop`, after the drain.
 */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    stop()
      .then(() => process.exit(0))
      .catch((error) => {
        console.error(error);
        process.exit(1);
      });
  };
  for (const signal of SIGNALS) {
    for (const other of process.listeners(signal)) process.removeListener(signal, other as (...args: unknown[]) => void);
    process.on(signal, handler);
  }
  process.on('newListener', (event: string | symbol, listener: (...args: unknown[]) => void) => {
    if (listener !== handler && SIGNALS.includes(event as NodeJS.Signals)) queueMicrotask(() => process.removeListener(event, listener));
  });
}

/** Prints a configuration error without a stack trace and exits non-zero. */
export function fail(error: unknown): never {
  if (error instanceof Error && (error.name === 'ConfigError' || (error as NodeJS.ErrnoException).code === 'EADDRINUSE')) {
    console.error(`pmo-graph: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
