import { createHash } from 'node:crypto';

/** Schema URNs (RFC 7643 §8.7, RFC 7644 §3.4.2, §3.12) and the resource shape the simulator serves. */
export const SCHEMAS = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  searchRequest: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

export const SCIM_CONTENT_TYPE = 'application/scim+json';

export interface ScimMeta {
  resourceType: 'User' | 'Group';
  created: string;
  lastModified: string;
  /** Absolute; added per response because it depends on the host the client used. */
  location?: string;
  version: string;
}

export interface ScimResource {
  schemas: string[];
  id: string;
  meta: ScimMeta;
  [attribute: string]: unknown;
}

const DAY = 86_400_000;

function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** A stable UUID-shaped id for resources the data set does not name (groups). */
export function stableId(seed: string): string {
  const h = digest(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Created and modified stamps spread over the years before the data set's anchor, the same on every run. */
export function resourceMeta(resourceType: ScimMeta['resourceType'], id: string, anchor: Date): ScimMeta {
  const h = digest(`${resourceType}:${id}`);
  const ageDays = 60 + (parseInt(h.slice(0, 6), 16) % 2500);
  const created = new Date(anchor.getTime() - ageDays * DAY - (parseInt(h.slice(6, 10), 16) % 86_400) * 1000);
  const modified = new Date(created.getTime() + (parseInt(h.slice(10, 14), 16) % (ageDays - 1)) * DAY + 3_600_000);
  const lastModified = modified.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    resourceType,
    created: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    lastModified,
    version: `W/"${digest(`${id}:${lastModified}`).slice(0, 15)}"`,
  };
}

/** The resource as served to one client: `meta.location` is absolute, built from the URL the client used. */
export function located(resource: ScimResource, scimBaseUrl: string): ScimResource {
  return { ...resource, meta: { ...resource.meta, location: `${scimBaseUrl}/${resource.meta.resourceType}s/${resource.id}` } };
}
