import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run bench`: every part, one after another, each in its own process (so one part's memory and caches
 * do not colour the next). Each part prints its table and writes bench/results/<part>.json.
 */

const PARTS = ['round-trips.ts', 'latency.ts', 'throughput.ts', 'growth.ts'];

const started = Date.now();
for (const part of PARTS) {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, part)], { stdio: 'inherit', cwd: path.join(__dirname, '..') });
  if (result.status !== 0) {
    console.error(`bench/${part} failed (exit ${result.status})`);
    process.exit(1);
  }
}
console.log(`\nbench: all parts in ${Math.round((Date.now() - started) / 1000)} s`);
