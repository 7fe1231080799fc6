/**
 * Every upstream failure becomes one of these kinds, whatever the upstream. Subgraphs map kinds to GraphQL
 * error codes; the retry and breaker policies (connectors/http) decide on kinds, never on raw statuses.
 */
export type UpstreamErrorKind =
  | 'auth'
  | 'forbidden'
  | 'notFound'
  | 'badRequest'
  | 'gone'
  | 'rateLimit'
  | 'server'
  | 'network'
  | 'timeout'
  /** Not sent: the upstream's circuit breaker is open after repeated failures. */
  | 'circuitOpen';

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    readonly upstream: string,
    readonly kind: UpstreamErrorKind,
    message: string,
    readonly details: {
      status?: number;
      retryAfterMs?: number;
      requestId?: string;
      /** Jira's `RateLimit-Reason` on a 429 (which limit was hit: burst, quota, per-issue writes). */
      rateLimitReason?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

export const isUpstreamError = (error: unknown): error is UpstreamError => error instanceof UpstreamError;

export function kindForStatus(status: number): UpstreamErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 410) return 'gone';
  if (status === 429) return 'rateLimit';
  if (status >= 500) return 'server';
  return 'badRequest';
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
