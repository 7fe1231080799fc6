/**
 * The resilience policy of one upstream: retry, pacing, circuit breaker and cache, plus the table that tells
 * which resource a request path reads or writes. Connectors never see any of it: HttpClient applies it to
 * every request from the request alone.
 */

/** Resource classes share a cache TTL and are invalidated together by a write. */
export type ResourceClass = 'projects' | 'issues' | 'people' | 'tickets' | 'reference';
export const RESOURCE_CLASSES: readonly ResourceClass[] = ['projects', 'issues', 'people', 'tickets', 'reference'];

export interface ResourceRule {
  /** Matched against the request path (relative to the base URL, without the query). */
  pattern: RegExp;
  resource: ResourceClass;
  /** A POST that only reads (Jira's searches, SCIM `.search`): cached and retried like a GET. */
  readOnlyPost?: boolean;
}

export interface RetryPolicy {
  /** Retries after the first attempt, for idempotent reads only. */
  maxRetries: number;
  /** Exponential backoff base and cap; the wait is drawn uniformly from [0, min(cap, base·2^attempt)] (full jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the caller gets UPSTREAM_RATE_LIMITED at once. */
  maxRetryAfterMs: number;
  /** Retry budget: each first attempt earns this many retry tokens, each retry spends one… */
  budgetRatio: number;
  /** …and the bucket holds at most this many (also its starting level), so an outage cannot multiply load. */
  budgetTokens: number;
}

export interface PacingPolicy {
  /** Requests in flight to the upstream at once (from this process). */
  maxConcurrency: number;
  /** Sustained request rate and the burst allowed above it (a token bucket). */
  requestsPerSecond: number;
  burst: number;
  /** While the upstream says it is near its limit (`X-RateLimit-NearLimit: true`), the rate is multiplied by this. */
  nearLimitFactor: number;
  nearLimitHoldMs: number;
}

export interface BreakerPolicy {
  /** Consecutive failed attempts (5xx, network, timeout) that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit fails fast before letting one probe through. */
  cooldownMs: number;
}

export interface CachePolicy {
  /** Freshness per resource class; 0 turns caching off for the class. */
  ttlSeconds: Record<ResourceClass, number>;
  /** After the TTL, a value is still served for this long while it is refreshed in the background. */
  staleWhileRevalidateSeconds: number;
  /** After the TTL, a value is still served for this long when the upstream fails (marked stale). */
  staleIfErrorSeconds: number;
}

export interface ResiliencePolicy {
  retry: RetryPolicy;
  pacing: PacingPolicy;
  breaker: BreakerPolicy;
  cache: CachePolicy;
  resources: readonly ResourceRule[];
  /** The class of a path no rule matches. */
  fallbackResource: ResourceClass;
}

/** Which resource each upstream path belongs to. Written from the endpoints the connectors use (UPSTREAM.md). */
export const RESOURCE_RULES: Record<string, readonly ResourceRule[]> = {
  jira: [
    { pattern: /^\/rest\/api\/[23]\/search\/(jql|approximate-count)$/, resource: 'issues', readOnlyPost: true },
    { pattern: /^\/rest\/api\/2\/search$/, resource: 'issues', readOnlyPost: true },
    { pattern: /^\/rest\/api\/[23]\/issue(\/|$)/, resource: 'issues' },
    { pattern: /^\/rest\/api\/[23]\/project(\/|$)/, resource: 'projects' },
    { pattern: /^\/rest\/api\/[23]\/(user|users|myself)(\/|$)/, resource: 'people' },
    { pattern: /^\/rest\/api\/[23]\/(field|status|statuscategory|priority|issuetype|role|serverInfo)(\/|$)/, resource: 'reference' },
  ],
  servicenow: [
    { pattern: /^\/api\/now\/table\/(sys_user|sys_user_group|cmn_department)(\/|$)/, resource: 'people' },
    { pattern: /^\/api\/now\/(table|stats)\//, resource: 'tickets' },
  ],
  scim: [
    { pattern: /^\/(Users|Groups)\/\.search$/, resource: 'people', readOnlyPost: true },
    { pattern: /^\/\.search$/, resource: 'people', readOnlyPost: true },
    { pattern: /^\/(Users|Groups)(\/|$)/, resource: 'people' },
    { pattern: /^\/(ServiceProviderConfig|ResourceTypes|Schemas)(\/|$)/, resource: 'reference' },
  ],
  // The Graph connector batches only GETs, so its `$batch` is a read.
  msgraph: [
    { pattern: /^\/\$batch$/, resource: 'people', readOnlyPost: true },
    { pattern: /^\/(users|groups)(\/|\?|$)/, resource: 'people' },
  ],
};

const FALLBACK: Record<string, ResourceClass> = { jira: 'issues', servicenow: 'tickets', scim: 'people', msgraph: 'people' };

export const DEFAULT_TTL_SECONDS: Record<ResourceClass, number> = { projects: 300, people: 600, issues: 30, tickets: 30, reference: 3600 };

/**
 * Pacing defaults. Jira Cloud's API-token traffic is governed by per-endpoint burst limits of the order of
 * 100 requests/s per tenant (and 429s well before that for expensive searches); staying at half of it with
 * 10 in flight leaves room for the site's other integrations and for several replicas. ServiceNow and SCIM
 * directories are usually smaller instances, so they get less.
 */
export const DEFAULT_PACING: Record<string, Pick<PacingPolicy, 'maxConcurrency' | 'requestsPerSecond' | 'burst'>> = {
  jira: { maxConcurrency: 10, requestsPerSecond: 50, burst: 20 },
  servicenow: { maxConcurrency: 8, requestsPerSecond: 20, burst: 10 },
  scim: { maxConcurrency: 8, requestsPerSecond: 20, burst: 10 },
};

export function defaultPolicy(upstream: string): ResiliencePolicy {
  return {
    retry: { maxRetries: 2, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000, budgetRatio: 0.2, budgetTokens: 10 },
    pacing: { ...(DEFAULT_PACING[upstream] ?? DEFAULT_PACING.scim), nearLimitFactor: 0.5, nearLimitHoldMs: 10_000 },
    breaker: { failureThreshold: 5, cooldownMs: 30_000 },
    cache: { ttlSeconds: { ...DEFAULT_TTL_SECONDS }, staleWhileRevalidateSeconds: 60, staleIfErrorSeconds: 3_600 },
    resources: RESOURCE_RULES[upstream] ?? [],
    fallbackResource: FALLBACK[upstream] ?? 'reference',
  };
}

export interface RequestClass {
  resource: ResourceClass;
  /** Safe to cache and to retry: a GET, or a POST a rule marks read-only. */
  read: boolean;
  /** A write no rule recognises invalidates every resource class of the upstream. */
  matched: boolean;
}

export function classifyRequest(policy: ResiliencePolicy, method: string, path: string): RequestClass {
  const rule = policy.resources.find((r) => r.pattern.test(path));
  const read = method === 'GET' || (method === 'POST' && rule?.readOnlyPost === true);
  return { resource: rule?.resource ?? policy.fallbackResource, read, matched: rule !== undefined };
}
