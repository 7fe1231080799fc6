import type { HttpClient } from '../http/client';
import { SCIM_ACCEPT } from './list';
import type { RawServiceProviderConfig } from './raw';

/** What the directory says about itself (RFC 7643 §5), as far as batching needs it. */
export interface ServiceProviderLimits {
  /** `filter.maxResults`: the most resources one response returns; null when the provider does not say. */
  maxResults: number | null;
}

export const UNKNOWN_LIMITS: ServiceProviderLimits = { maxResults: null };

/**
 * `GET /ServiceProviderConfig`. A provider without the endpoint (404, 501) has no advertised limits; any other
 * failure is thrown, so the caller can try again later instead of remembering a guess.
 */
export async function readServiceProviderConfig(http: HttpClient): Promise<ServiceProviderLimits> {
  const response = await http.get<RawServiceProviderConfig>('/ServiceProviderConfig', undefined, { headers: SCIM_ACCEPT, acceptStatuses: [404, 501] });
  if (response.status === 404 || response.status === 501) return UNKNOWN_LIMITS;
  const maxResults = Number(response.data?.filter?.maxResults);
  return { maxResults: Number.isInteger(maxResults) && maxResults > 0 ? maxResults : null };
}
