import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { authorizationHeader, type UpstreamConfig } from './config';
import { kindForStatus, parseRetryAfter, UpstreamError } from './errors';

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

export interface UpstreamStats {
  requests: number;
  errors: Record<string, number>;
}

/**
 * The only place that speaks HTTP to an upstream. Repeated query keys are sent as `k=a&k=b` (what Jira's
 * `accountId`/`keys` and SCIM expect), auth comes from configuration, and every failure becomes an
 * UpstreamError of a known kind.
 */
export class HttpClient {
  readonly name: string;
  readonly baseUrl: string;
  readonly stats: UpstreamStats = { requests: 0, errors: {} };
  private readonly axios: AxiosInstance;

  constructor(
    config: UpstreamConfig,
    private readonly describeError: ErrorDescriber = () => undefined,
  ) {
    this.name = config.name;
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    const authorization = authorizationHeader(config.auth);
    this.axios = axios.create({
      baseURL: this.baseUrl,
      timeout: config.timeoutMs,
      headers: { accept: 'application/json', ...(authorization ? { authorization } : {}) },
      paramsSerializer: { serialize: serializeQuery },
      validateStatus: () => true,
      maxRedirects: 0,
    });
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
    this.stats.requests++;
    let response: AxiosResponse<unknown>;
    try {
      response = await this.axios.request({ method, url: path, params, data: body, headers: options.headers });
    } catch (error) {
      throw this.fail(this.transportError(method, path, error));
    }
    const headers = flattenHeaders(response.headers as Record<string, unknown>);
    if (response.status >= 400 && !options.acceptStatuses?.includes(response.status)) {
      const kind = kindForStatus(response.status);
      const detail = this.describeError(response.status, response.data) ?? `HTTP ${response.status}`;
      throw this.fail(
        new UpstreamError(this.name, kind, `${this.name} ${method} ${path}: ${detail}`, {
          status: response.status,
          retryAfterMs: parseRetryAfter(headers['retry-after']),
          requestId: headers['x-arequestid'] ?? headers['x-request-id'] ?? headers['x-transaction-id'],
        }),
      );
    }
    return { status: response.status, data: response.data as T, headers };
  }

  private transportError(method: string, path: string, error: unknown): UpstreamError {
    const code = axios.isAxiosError(error) ? error.code : undefined;
    const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
    const reason = error instanceof Error ? error.message : String(error);
    return new UpstreamError(this.name, timedOut ? 'timeout' : 'network', `${this.name} ${method} ${path}: ${reason}`, {
      cause: error,
    });
  }

  private fail(error: UpstreamError): UpstreamError {
    this.stats.errors[error.kind] = (this.stats.errors[error.kind] ?? 0) + 1;
    return error;
  }
}

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
