import type { RawError } from './raw';

/** Reads Graph's `{error:{code,message}}` into "code: message", for UpstreamError messages. */
export function describeGraphError(_status: number, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { code, message } = (body as RawError).error ?? {};
  const parts = [code, message].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length ? parts.join(': ') : undefined;
}

export function graphRequestId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  return (body as RawError).error?.innerError?.['request-id'];
}
