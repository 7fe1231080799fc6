/**
 * Time as the HTTP policy sees it. Every wait (backoff, Retry-After, pacing) and every age (cache freshness,
 * breaker cool-down, deadlines) goes through one Clock, so tests swap in a fake one and run in milliseconds.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref()),
};

/**
 * A clock that moves only when told to, or by the length of each sleep (which then resolves at once).
 * Tests use it to run backoff, Retry-After, cool-downs and TTLs in milliseconds; `onSleep` sees each wait
 * before it "elapses".
 */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];
  onSleep: (ms: number) => void | Promise<void> = () => undefined;

  constructor(private time = Date.UTC(2026, 10, 26)) {}

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    await this.onSleep(ms);
    // Let every other pending callback run before the wait "ends", so a request sent too early would be seen.
    await new Promise((resolve) => setImmediate(resolve));
    this.time += Math.max(0, ms);
  }
}
