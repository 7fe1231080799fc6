/** Runs `stop` once on Ctrl-C or SIGTERM, then exits; a second signal exits at once. */
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
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
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
