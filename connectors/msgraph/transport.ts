import type { Clock } from '../http/clock';
import type { HttpClient } from '../http/client';
import { kindForStatus, parseRetryAfter, UpstreamError } from '../http/errors';
import { currentOperation } from '../http/operation';
import { describeGraphError, graphRequestId } from './errors';
import type { RawBatchRequest, RawBatchResponse, RawCollection } from './raw';

/**
 * Graph requests on top of the shared HttpClient: relative URLs with OData query options, `@odata.nextLink`
 * paging, and JSON batching (`POST /$batch`, at most 20 requests each, answers matched by id in whatever order
 * they come, a throttled item retried after its own Retry-After).
 */

/** The `$batch` limit (json-batching.md). */
export const MAX_BATCH = 20;

/** Advanced queries (`$search`, `$count`, `ne`, `endsWith`…) need this header on every page, the nextLinks too. */
export const ADVANCED = { ConsistencyLevel: 'eventual' } as const;

export interface GraphRequest {
  /** Relative to the base URL, query included: `/users?$select=id`. */
  url: string;
  headers?: Record<string, string>;
}

export interface GraphResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface TransportOptions {
  clock: Clock;
  /** Rounds of re-sending throttled batch items. */
  maxItemRetries: number;
  /** A throttled item asking to wait longer than this is surfaced, not waited for. */
  maxRetryAfterMs: number;
}

/** `$name=value` pairs in order, values percent-encoded, `$` kept literal as in Graph's documentation. */
export function graphUrl(path: string, options: Record<string, string | number | boolean | undefined>): string {
  const query = Object.entries(options)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

export class GraphTransport {
  private readonly origin: string;

  constructor(
    readonly http: HttpClient,
    private readonly options: TransportOptions,
  ) {
    this.origin = new URL(http.baseUrl).origin;
  }

  async get<T>(request: GraphRequest, acceptStatuses?: readonly number[]): Promise<{ status: number; data: T }> {
    return this.http.get<T>(request.url, undefined, { headers: request.headers, acceptStatuses });
  }

  /**
   * The rest of a collection after `first`: each `@odata.nextLink` followed verbatim (it carries the skip token)
   * with the request's headers sent again, until there is none or `enough` items are in hand.
   */
  async rest<T>(first: RawCollection<T>, headers: Record<string, string> | undefined, enough = Infinity): Promise<T[]> {
    const items = [...first.value];
    for (let link = first['@odata.nextLink']; link && items.length < enough; ) {
      // The link is followed with our bearer token: only ever to the configured Graph host.
      if (new URL(link).origin !== this.origin) {
        throw new UpstreamError(this.http.name, 'server', `${this.http.name}: @odata.nextLink points outside ${this.origin}: ${link}`);
      }
      const { data } = await this.http.get<RawCollection<T>>(link, undefined, { headers });
      items.push(...data.value);
      link = data['@odata.nextLink'];
    }
    return items;
  }

  /** Every request answered, aligned with `requests`; errors other than a lasting 429 are left to the caller. */
  async batch(requests: readonly GraphRequest[]): Promise<GraphResult[]> {
    const chunks: number[][] = [];
    for (let i = 0; i < requests.length; i += MAX_BATCH) chunks.push(requests.slice(i, i + MAX_BATCH).map((_, j) => i + j));
    const results: GraphResult[] = new Array(requests.length);
    await Promise.all(chunks.map((chunk) => this.batchChunk(requests, chunk, results)));
    return results;
  }

  private async batchChunk(requests: readonly GraphRequest[], chunk: number[], results: GraphResult[]): Promise<void> {
    let pending = chunk;
    for (let round = 0; ; round++) {
      const answers = await this.sendBatch(pending.map((index) => requests[index]));
      const throttled: number[] = [];
      let waitMs = 0;
      answers.forEach((answer, i) => {
        results[pending[i]] = answer;
        if (answer.status !== 429) return;
        throttled.push(pending[i]);
        waitMs = Math.max(waitMs, parseRetryAfter(answer.headers['retry-after'], this.options.clock.now()) ?? 1000);
      });
      if (throttled.length === 0) return;
      const deadline = currentOperation()?.deadline ?? Infinity;
      const retry = round < this.options.maxItemRetries && waitMs <= this.options.maxRetryAfterMs && this.options.clock.now() + waitMs < deadline;
      if (!retry) {
        const first = throttled[0];
        throw this.itemError(requests[first], { ...results[first], headers: { ...results[first].headers, 'retry-after': String(Math.ceil(waitMs / 1000)) } });
      }
      await this.options.clock.sleep(waitMs);
      pending = throttled;
    }
  }

  /** One `POST /$batch`; the answers are put back in request order by id. */
  private async sendBatch(requests: readonly GraphRequest[]): Promise<GraphResult[]> {
    const body: RawBatchRequest = {
      requests: requests.map((r, i) => ({ id: String(i + 1), method: 'GET', url: r.url, ...(r.headers ? { headers: r.headers } : {}) })),
    };
    const { data } = await this.http.post<RawBatchResponse>('/$batch', body, undefined, { headers: { 'content-type': 'application/json' } });
    const byId = new Map((data?.responses ?? []).map((r) => [r.id, r]));
    return requests.map((request, i) => {
      const answer = byId.get(String(i + 1));
      if (!answer) throw new UpstreamError(this.http.name, 'server', `${this.http.name} POST /$batch: no answer for ${request.url}`);
      const headers = Object.fromEntries(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      return { status: answer.status, headers, body: answer.body };
    });
  }

  /** A failed batch item as the UpstreamError a failed request of its own would have been. */
  itemError(request: GraphRequest, result: GraphResult): UpstreamError {
    const kind = kindForStatus(result.status);
    const detail = describeGraphError(result.status, result.body) ?? `HTTP ${result.status}`;
    return new UpstreamError(this.http.name, kind, `${this.http.name} GET ${request.url} (in $batch): ${detail}`, {
      status: result.status,
      retryAfterMs: parseRetryAfter(result.headers['retry-after'], this.options.clock.now()),
      requestId: graphRequestId(result.body),
    });
  }

  /** A collection item's value; any failure but `absentOn` (e.g. 404: no such user) throws. */
  collection<T>(request: GraphRequest, result: GraphResult, absentOn: readonly number[] = []): RawCollection<T> | null {
    if (absentOn.includes(result.status)) return null;
    if (result.status >= 300) throw this.itemError(request, result);
    return result.body as RawCollection<T>;
  }
}
