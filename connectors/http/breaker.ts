import type { Clock } from './clock';
import type { BreakerPolicy } from './policy';

export type BreakerState = 'closed' | 'open' | 'halfOpen';

/**
 * A circuit breaker per upstream. Closed: everything goes through, consecutive failures are counted. Open:
 * everything fails fast until the cool-down ends. Half-open: exactly one probe goes through; its success
 * closes the circuit, its failure opens it for another cool-down.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probing = false;
  state: BreakerState = 'closed';

  constructor(
    private readonly policy: BreakerPolicy,
    private readonly clock: Clock,
    private readonly onChange: (state: BreakerState) => void = () => undefined,
  ) {}

  /** Whether a request may go out now; in half-open, the caller that gets `true` is the probe. */
  tryPass(): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open') {
      if (this.clock.now() - this.openedAt < this.policy.cooldownMs) return false;
      this.transition('halfOpen');
    }
    if (this.probing) return false;
    this.probing = true;
    return true;
  }

  /** Milliseconds until an open circuit lets a probe through. */
  retryInMs(): number {
    return Math.max(0, this.openedAt + this.policy.cooldownMs - this.clock.now());
  }

  success(): void {
    this.consecutiveFailures = 0;
    this.probing = false;
    if (this.state !== 'closed') this.transition('closed');
  }

  failure(): void {
    this.probing = false;
    this.consecutiveFailures++;
    if (this.state === 'halfOpen' || (this.state === 'closed' && this.consecutiveFailures >= this.policy.failureThreshold)) {
      this.openedAt = this.clock.now();
      this.transition('open');
    }
  }

  /** A request let through but never sent: frees the half-open probe without judging the upstream. */
  abandon(): void {
    this.probing = false;
  }

  /** An attempt that ended without telling anything about the upstream's health (e.g. a 4xx). */
  neutral(): void {
    if (this.probing) this.success();
  }

  private transition(state: BreakerState): void {
    this.state = state;
    this.onChange(state);
  }
}
