import { createHash } from 'node:crypto';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { CachedResponse } from './cache';
import { authorizationHeader, type UpstreamConfig } from './config';
import { isUpstreamError, kindForStatus, parseRetryAfter, UpstreamError, type UpstreamErrorKind } from './errors';
import { currentOperation, noteStale, outsideOperation } from './operation';
import { classifyRequest, RESOURCE_CLASSES, type RequestClass, type ResiliencePolicy } from './policy';
import { classTag, readTags, writeTags } from './scope';
import type { UpstreamMetricsSnapshot } from './metrics';
import { backoffMs, isRetryable, rateLimitDelayMs } from './retry';
import { HttpRuntime, sharedHttpRuntime, type UpstreamGuard } from './runtime';

export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;
export type QueryParams = Record<string, QueryValue>;

export interface HttpResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string>;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Statuses the caller handles itself instead of receiving an UpstreamError (e.g. 404 → null). */
  acceptStatuses?: readonly number[];
}

/** Reads the upstream's own error envelope into one human-readable line. */
export type ErrorDescriber = (status: number, body: unknown) => string | undefined;

/** Failures after which the last good cached value is served instead (marked stale). */
const STALE_IF: ReadonlySet<UpstreamErrorKind> = new Set(['server', 'network', 'timeout', 'rateLimit', 'circuitOpen']);
/** Failures that count against the upstream's health in the circuit breaker. */
const BREAKER_FAILURES: ReadonlySet<UpstreamErrorKind> = new Set(['server', 'network', 'timeout']);

/** No retries, pacing, breaker or cache: a client configured without `resilience` makes exactly the calls asked. */
function passThroughPolicy(): ResiliencePolicy {
  return {
    retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0, budgetRatio: 0, budgetTokens: 0 },
    pacing: { maxConcurrency: Infinity, requestsPerSecond: Infinity, burst: Infinity, nearLimitFactor: 1, nearLimitHoldMs: 0 },
    breaker: { failureThreshold: Infinity, cooldownMs: 0 },
    cache: { ttlSeconds: { projects: 0, issues: 0, people: 0, tickets: 0, reference: 0 }, staleWhileRevalidateSeconds: 0, staleIfErrorSeconds: 0 },
    resources: [],
    fallbackResource: 'reference',
  };
}

/**
 * The only place that speaks HTTP to an upstream, and where the shared policy is applied to every call:
 * the operation's deadline, per-request timeout, pacing, circuit breaker, retries of idempotent reads
 * (backoff with jitter, Retry-After, a retry budget), and the keyv cache (per-resource TTLs,
 * stale-while-revalidate, stale-if-error, invalidation by writes). Repeated query keys are sent as
 * `k=a&k=b` (what Jira's `accountId`/`keys` and SCIM expect), auth comes from configuration, and every
 * failure becomes an UpstreamError of a known kind.
 */
export class HttpClient {
  readonly name: string;
  readonly baseUrl: string;
  private readonly axios: AxiosInstance;
  private readonly timeoutMs: number;
  private readonly policy: ResiliencePolicy;
  /** Whether the policy applies at all (a client configured without `resilience` only times out). */
  private readonly paced: boolean;
  private readonly runtime: HttpRuntime;
  private readonly guard: UpstreamGuard;
  /** Cache keys carry who asked: the base URL and a hash of the credentials, never the credentials. */
  private readonly identity: string;

  constructor(
    config: UpstreamConfig,
    private readonly describeError: ErrorDescriber = () => undefined,
  ) {
    this.name = config.name;
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = config.timeoutMs;
    const authorization = authorizationHeader(config.auth);
    this.axios = axios.create({
      baseURL: this.baseUrl,
      headers: { accept: 'application/json', ...(authorization ? { authorization } : {}) },
      paramsSerializer: { serialize: serializeQuery },
      validateStatus: () => true,
      maxRedirects: 0,
    });
    this.policy = config.resilience ?? passThroughPolicy();
    this.paced = config.resilience !== undefined;
    this.runtime =
      config.runtime ?? (config.resilience ? sharedHttpRuntime(config.cacheStore) : new HttpRuntime({ cache: null, log: () => undefined }));
    this.guard = this.runtime.guard(this.name, this.baseUrl, this.policy);
    this.identity = sha256(`${this.name}\n${this.baseUrl}\n${authorization ?? ''}`).slice(0, 16);
  }

  /** This upstream's counters (requests, errors by kind, retries, cache, breaker, latency) as they stand now. */
  get metrics(): UpstreamMetricsSnapshot {
    return this.guard.metrics.snapshot();
  }

  get<T>(path: string, params?: QueryParams, options?: RequestOptions): Promise<HttpResponse<T>> {
    return this.request<T>('GET', path, params, undefined, options);
  }

  post<T>(path: string, body: unknown, params?: QueryParams, options?: RequestOptions): Promise<HttpResponse<T>> {
    return this.request<T>('POST', path, params, body, options);
  }

  put<T>(path: string, body: unknown, params?: QueryParams, options?: RequestOptions): Promise<HttpResponse<T>> {
    return this.request<T>('PUT', path, params, body, options);
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    params: QueryParams | undefined,
    body: unknown,
    options: RequestOptions = {},
  ): Promise<HttpResponse<T>> {
    const call: Call = { method, path, params, body, options };
    const kind = classifyRequest(this.policy, method, path);
    if (!kind.read) {
      const response = await this.send<T>(call, false);
      if (response.status < 300) await this.invalidate(call, kind);
      return response;
    }
    const ttlMs = this.policy.cache.ttlSeconds[kind.resource] * 1000;
    const cache = this.runtime.cache;
    const key = this.cacheKey(call);
    if (!cache || ttlMs <= 0) return this.coalesce(key, () => this.send<T>(call, true));

    const { metrics } = this.guard;
    const generationKeys = readTags(this.name, call, kind.resource).map((tag) => this.runtime.generationKey(this.name, tag));
    const { entry, tier, generation } = await cache.lookup(key, generationKeys);
    const age = entry ? this.runtime.clock.now() - entry.storedAt : Infinity;
    if (entry && age < ttlMs + this.policy.cache.staleWhileRevalidateSeconds * 1000) {
      metrics.cache.hits++;
      metrics.tiers[tier === 'local' ? 'localHits' : 'sharedHits']++;
    }
    if (entry && age < ttlMs) return fromEntry<T>(entry);
    if (entry && age < ttlMs + this.policy.cache.staleWhileRevalidateSeconds * 1000) {
      this.revalidate(call, key, generationKeys, generation, ttlMs);
      return fromEntry<T>(entry);
    }
    metrics.cache.misses++;
    try {
      return await this.coalesce(key, () => this.fetchAndStore<T>(call, key, generationKeys, generation, ttlMs));
    } catch (error) {
      if (entry && isUpstreamError(error) && STALE_IF.has(error.kind) && age < ttlMs + this.policy.cache.staleIfErrorSeconds * 1000) {
        metrics.cache.staleServed++;
        const ageSeconds = Math.round(age / 1000);
        noteStale({ upstream: this.name, ageSeconds, kind: error.kind });
        this.runtime.log({
          upstream: this.name,
          event: 'staleServed',
          method,
          path,
          kind: error.kind,
          requestId: currentOperation()?.requestId,
          message: `served a value ${ageSeconds}s old`,
        });
        return fromEntry<T>(entry);
      }
      throw error;
    }
  }

  private async fetchAndStore<T>(call: Call, key: string, generationKeys: readonly string[], generation: string, ttlMs: number): Promise<HttpResponse<T>> {
    const response = await this.send<T>(call, true);
    if (response.status < 300 && this.runtime.cache) {
      const keepMs = ttlMs + Math.max(this.policy.cache.staleWhileRevalidateSeconds, this.policy.cache.staleIfErrorSeconds) * 1000;
      const { 'set-cookie': _cookie, ...headers } = response.headers;
      const size = Number(response.headers['content-length']) || undefined;
      const entry = { status: response.status, data: response.data, headers, storedAt: this.runtime.clock.now(), generation };
      await this.runtime.cache.save(key, entry, generationKeys, keepMs, size);
    }
    return response;
  }

  /** Refreshes a stale-while-revalidate entry in the background, outside the operation (no deadline, no stale notice). */
  private revalidate(call: Call, key: string, generationKeys: readonly string[], generation: string, ttlMs: number): void {
    if (this.guard.inflight.has(key)) return;
    this.guard.metrics.cache.revalidations++;
    outsideOperation(() => {
      this.coalesce(key, () => this.fetchAndStore(call, key, generationKeys, generation, ttlMs)).catch((error: unknown) =>
        this.runtime.log({ upstream: this.name, event: 'revalidateFailed', method: call.method, path: call.path, message: String(error) }),
      );
    });
  }

  /** Identical reads already in flight are shared rather than sent twice. */
  private coalesce<T>(key: string, fetch: () => Promise<HttpResponse<T>>): Promise<HttpResponse<T>> {
    const inflight = this.guard.inflight;
    const existing = inflight.get(key);
    if (existing) return existing as Promise<HttpResponse<T>>;
    const promise = fetch().finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  }

  /**
   * A successful write orphans the cached reads it changes (see scope.ts: the project or issue it names), or
   * its whole resource class (every class when the path is unknown), for every identity and every replica.
   */
  private async invalidate(call: Call, kind: RequestClass): Promise<void> {
    if (!this.runtime.cache) return;
    const tags = (kind.matched ? writeTags(this.name, call, kind.resource) : null) ?? (kind.matched ? [kind.resource] : RESOURCE_CLASSES).map(classTag);
    await this.runtime.invalidate(this.name, tags, 'write');
    this.guard.metrics.cache.invalidations++;
  }

  /** One call with its retries, within the operation's deadline, through the breaker and the pacer. */
  private async send<T>(call: Call, idempotent: boolean): Promise<HttpResponse<T>> {
    const { method, path } = call;
    const { breaker, pacer, budget, metrics } = this.guard;
    const clock = this.runtime.clock;
    const scope = currentOperation();
    const deadline = scope?.deadline ?? Infinity;
    budget.deposit();
    for (let attempt = 0; ; attempt++) {
      if (clock.now() >= deadline) {
        throw this.fail(call, new UpstreamError(this.name, 'timeout', `${this.name} ${method} ${path}: the operation's deadline passed before the request was sent`));
      }
      if (!breaker.tryPass()) {
        const retryAfterMs = breaker.retryInMs();
        throw this.fail(
          call,
          new UpstreamError(this.name, 'circuitOpen', `${this.name} ${method} ${path}: not sent, circuit open after repeated failures`, { retryAfterMs }),
        );
      }
      const slot = await pacer.acquire(deadline);
      if (!slot) {
        breaker.abandon();
        const pausedMs = pacer.pausedForMs();
        throw this.fail(
          call,
          pausedMs > 0
            ? new UpstreamError(this.name, 'rateLimit', `${this.name} ${method} ${path}: the upstream asked to wait past the operation's deadline`, { retryAfterMs: pausedMs })
            : new UpstreamError(this.name, 'timeout', `${this.name} ${method} ${path}: pacing would wait past the operation's deadline`),
        );
      }
      metrics.pacedWaitMs += slot.waitedMs;
      metrics.requests++;
      if (scope) scope.upstreamRequests = (scope.upstreamRequests ?? 0) + 1;
      const timeout = Math.max(1, Math.min(this.timeoutMs, deadline - clock.now()));
      const started = performance.now();
      let outcome: HttpResponse<T> | UpstreamError;
      try {
        outcome = await this.attempt<T>(call, timeout);
      } finally {
        slot.release();
        metrics.observeLatency(Math.round(performance.now() - started));
      }
      if (!isUpstreamError(outcome)) {
        if (outcome.headers['x-ratelimit-nearlimit'] === 'true') pacer.nearLimit();
        breaker.success();
        return outcome;
      }
      const error = outcome;
      if (BREAKER_FAILURES.has(error.kind)) breaker.failure();
      else breaker.neutral();
      let delay = backoffMs(attempt, this.policy.retry, this.runtime.random);
      if (error.kind === 'rateLimit') {
        metrics.rateLimited++;
        if (error.retryAfterMs !== undefined) {
          // Calls made before Retry-After has elapsed only extend the limit: hold every call to this upstream.
          if (this.paced) pacer.pauseUntil(clock.now() + error.retryAfterMs);
          delay = error.retryAfterMs;
        }
      }
      const retry =
        idempotent &&
        isRetryable(error) &&
        attempt < this.policy.retry.maxRetries &&
        !(error.kind === 'rateLimit' && delay > this.policy.retry.maxRetryAfterMs) &&
        clock.now() + delay < deadline;
      if (!retry || !budget.tryWithdraw()) {
        if (retry) metrics.retryBudgetExhausted++;
        throw this.fail(call, error);
      }
      metrics.retries++;
      metrics.error(error.kind);
      this.runtime.log({
        upstream: this.name,
        event: 'retry',
        method,
        path,
        status: error.status,
        kind: error.kind,
        upstreamRequestId: error.details.requestId,
        requestId: scope?.requestId,
        delayMs: delay,
        ...(error.details.rateLimitReason ? { message: `RateLimit-Reason ${error.details.rateLimitReason}` } : {}),
      });
      await clock.sleep(delay);
    }
  }

  /**
   * One HTTP exchange in its own client span (a no-op unless tracing is configured), with the W3C `traceparent`
   * sent along: a response (2xx or accepted), or the UpstreamError it amounts to.
   */
  private attempt<T>(call: Call, timeoutMs: number): Promise<HttpResponse<T> | UpstreamError> {
    const attributes = { 'http.request.method': call.method, 'server.address': new URL(this.baseUrl).hostname, 'url.path': call.path, 'pmo.upstream': this.name };
    return tracer().startActiveSpan(`${call.method} ${this.name}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      try {
        const outcome = await this.exchange<T>(call, timeoutMs);
        if (isUpstreamError(outcome)) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.kind });
          if (outcome.status) span.setAttribute('http.response.status_code', outcome.status);
        } else span.setAttribute('http.response.status_code', outcome.status);
        return outcome;
      } finally {
        span.end();
      }
    });
  }

  private async exchange<T>(call: Call, timeoutMs: number): Promise<HttpResponse<T> | UpstreamError> {
    const { method, path, params, body, options } = call;
    const sent: Record<string, string> = { ...options.headers };
    propagation.inject(context.active(), sent);
    let response: AxiosResponse<unknown>;
    try {
      response = await this.axios.request({
        method,
        url: path,
        params,
        data: body,
        headers: sent,
        timeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return this.transportError(method, path, error, timeoutMs);
    }
    const headers = flattenHeaders(response.headers as Record<string, unknown>);
    if (response.status >= 400 && !options.acceptStatuses?.includes(response.status)) {
      const kind = kindForStatus(response.status);
      const detail = this.describeError(response.status, response.data) ?? `HTTP ${response.status}`;
      return new UpstreamError(this.name, kind, `${this.name} ${method} ${path}: ${detail}`, {
        status: response.status,
        retryAfterMs: kind === 'rateLimit' ? rateLimitDelayMs(headers, this.runtime.clock.now()) : parseRetryAfter(headers['retry-after'], this.runtime.clock.now()),
        requestId: upstreamRequestId(headers),
        rateLimitReason: headers['ratelimit-reason'],
      });
    }
    return { status: response.status, data: response.data as T, headers };
  }

  private transportError(method: string, path: string, error: unknown, timeoutMs: number): UpstreamError {
    const code = axios.isAxiosError(error) ? error.code : undefined;
    const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED';
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
    return new UpstreamError(this.name, timedOut ? 'timeout' : 'network', `${this.name} ${method} ${path}: ${reason}`, { cause: error });
  }

  private fail(call: Call, error: UpstreamError): UpstreamError {
    this.guard.metrics.error(error.kind);
    // A refusal by the open circuit says nothing new; the breakerOpen line already did.
    if (error.kind === 'circuitOpen') return error;
    this.runtime.log({
      upstream: this.name,
      event: 'failure',
      method: call.method,
      path: call.path,
      status: error.status,
      kind: error.kind,
      upstreamRequestId: error.details.requestId,
      requestId: currentOperation()?.requestId,
      message: error.message,
    });
    return error;
  }

  private cacheKey(call: Call): string {
    const request = [call.method, call.path, serializeQuery(call.params ?? {}), JSON.stringify(call.body ?? null), JSON.stringify(call.options.headers ?? {})];
    return `http:${this.name}:${this.identity}:${sha256(request.join('\n'))}`;
  }
}

interface Call {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  params: QueryParams | undefined;
  body: unknown;
  options: RequestOptions;
}

function fromEntry<T>(entry: CachedResponse): HttpResponse<T> {
  return { status: entry.status, data: entry.data as T, headers: entry.headers };
}

function upstreamRequestId(headers: Record<string, string>): string | undefined {
  return headers['x-arequestid'] ?? headers['x-request-id'] ?? headers['x-transaction-id'];
}

const tracer = () => trace.getTracer('pmo-graph/connectors');

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function serializeQuery(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.append(key, String(value));
  }
  return search.toString();
}

function flattenHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
