import type { ErrorDescriber } from '../http/client';
import type { RawErrorEnvelope } from './raw';

/** `{"error":{"message","detail"},"status":"failure"}` → "message (detail)"; undefined for any other body. */
export const describeServiceNowError: ErrorDescriber = (_status, body) => {
  const error = body && typeof body === 'object' ? (body as RawErrorEnvelope).error : undefined;
  if (!error || typeof error.message !== 'string' || error.message === '') return undefined;
  return typeof error.detail === 'string' && error.detail !== '' ? `${error.message} (${error.detail})` : error.message;
};
