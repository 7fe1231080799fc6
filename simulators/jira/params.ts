import type { SimRequest, SimResponse } from '../common/server';

/** A non-negative integer query parameter, or the default when absent; null when present but malformed. */
export function intParam(raw: string | null | undefined, fallback: number): number | null {
  if (raw === null || raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) return null;
  return Number(raw);
}

/** Comma-separated values, flattened, trimmed, empties dropped. */
export function csv(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Values of a parameter that Jira accepts both repeated (`k=a&k=b`) and comma-separated (`k=a,b`). */
export function listParam(query: URLSearchParams, name: string): string[] {
  return csv(query.getAll(name));
}

/** `self` / `nextPage` of a PageBean: the request's own URL with startAt and maxResults set. */
export function pageLink(req: SimRequest, startAt: number, maxResults: number): string {
  const params = new URLSearchParams(req.query);
  params.set('startAt', String(startAt));
  params.set('maxResults', String(maxResults));
  return `${req.baseUrl}${req.path}?${params}`;
}

/** A Jira `PageBean` (`/project/search`, `/user/bulk`): one page of `all` from `startAt`, with self/next links. */
export function pageBean<T>(req: SimRequest, all: readonly T[], startAt: number, maxResults: number, render: (item: T) => unknown): SimResponse {
  const page = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + page.length >= all.length;
  return {
    status: 200,
    body: {
      self: pageLink(req, startAt, maxResults),
      ...(isLast ? {} : { nextPage: pageLink(req, startAt + page.length, maxResults) }),
      maxResults,
      startAt,
      total: all.length,
      isLast,
      values: page.map(render),
    },
  };
}
