import { parseRetryAfter, type UpstreamError } from './errors';
import type { RetryPolicy } from './policy';

/** Statuses worth another attempt of an idempotent read: the upstream or a proxy in front of it is overloaded. */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/**
 * Network errors and 502/503/504 are retried with backoff; 429 after the upstream's own delay. Timeouts are
 * not: the attempt already used its share of the deadline, and repeating it piles load on a slow upstream.
 */
export function isRetryable(error: UpstreamError): boolean {
  if (error.kind === 'network' || error.kind === 'rateLimit') return true;
  return error.kind === 'server' && error.status !== undefined && RETRYABLE_STATUSES.has(error.status);
}

/** Exponential backoff with full jitter (a uniform draw below the exponential ceiling). */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

/**
 * How long a 429 asks to wait: `Retry-After` (seconds or an HTTP date), else Jira's / ServiceNow's
 * `X-RateLimit-Reset` (an ISO timestamp on Jira, UNIX seconds on ServiceNow). Undefined when neither says.
 */
export function rateLimitDelayMs(headers: Record<string, string>, now: number): number | undefined {
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = headers['x-ratelimit-reset']?.trim();
  if (!reset) return undefined;
  if (/^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  const at = Date.parse(reset);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A retry budget: retries may add at most `budgetRatio` extra requests per request, with a small reserve
 * for quiet periods. During an outage the reserve drains and further failures are returned at once.
 */
export class RetryBudget {
  private tokens: number;

  constructor(private readonly policy: RetryPolicy) {
    this.tokens = policy.budgetTokens;
  }

  deposit(): void {
    this.tokens = Math.min(this.policy.budgetTokens, this.tokens + this.policy.budgetRatio);
  }

  tryWithdraw(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
