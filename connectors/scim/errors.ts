import type { RawError } from './raw';

/**
 * Reads an RFC 7644 §3.12 error body into "scimType: detail" (or just the detail), for UpstreamError messages.
 * Bodies that are not SCIM errors (a proxy's HTML page) leave the HttpClient's "HTTP <status>".
 */
export function describeScimError(_status: number, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { scimType, detail } = body as RawError;
  const parts = [scimType, detail].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length ? parts.join(': ') : undefined;
}
