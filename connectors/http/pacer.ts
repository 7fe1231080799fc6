import type { Clock } from './clock';
import type { PacingPolicy } from './policy';

/**
 * Per-upstream pacing so the gateway itself never causes a 429 storm: at most `maxConcurrency` requests in
 * flight, a token bucket for the request rate, a slower rate while the upstream says it is near its limit,
 * and a pause of the whole upstream when it answers 429 with a Retry-After.
 */
export class Pacer {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  private slowUntil = 0;

  constructor(
    private readonly policy: PacingPolicy,
    private readonly clock: Clock,
  ) {
    this.tokens = policy.burst;
    this.refilledAt = clock.now();
  }

  /**
   * Waits for a slot and a token; returns how long it waited and the function that frees the slot, or null
   * (having waited for nothing) when the token would come only after `deadline`.
   */
  async acquire(deadline = Infinity): Promise<{ waitedMs: number; release: () => void } | null> {
    const started = this.clock.now();
    if (this.active >= this.policy.maxConcurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) {
        if (this.clock.now() + wait >= deadline) {
          this.release();
          return null;
        }
        await this.clock.sleep(wait);
      }
    } catch (error) {
      this.release();
      throw error;
    }
    this.tokens -= 1;
    let released = false;
    return {
      waitedMs: this.clock.now() - started,
      release: () => {
        if (released) return;
        released = true;
        this.release();
      },
    };
  }

  /** Until when the upstream asked not to be called (Retry-After of a 429), as a clock time. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** How much longer the upstream asked not to be called. */
  pausedForMs(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  nearLimit(): void {
    this.slowUntil = this.clock.now() + this.policy.nearLimitHoldMs;
  }

  get slowed(): boolean {
    return this.clock.now() < this.slowUntil;
  }

  private rate(): number {
    return this.policy.requestsPerSecond * (this.slowed ? this.policy.nearLimitFactor : 1);
  }

  private waitMs(): number {
    const now = this.clock.now();
    if (now < this.pausedUntil) return this.pausedUntil - now;
    const rate = this.rate();
    this.tokens = Math.min(this.policy.burst, this.tokens + ((now - this.refilledAt) / 1000) * rate);
    this.refilledAt = now;
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / rate) * 1000);
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
