import { ENTERPRISE_USER } from './filter';

/** SCIM 2.0 wire shapes (RFC 7643 §4, RFC 7644 §3.4.2, §3.12), as loosely as real providers send them. */

export interface RawMultiValued {
  value?: string;
  type?: string;
  primary?: boolean;
  display?: string;
  $ref?: string;
}

export interface RawAddress {
  type?: string;
  primary?: boolean;
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface RawManager {
  value?: string;
  $ref?: string;
  displayName?: string;
}

export interface RawEnterpriseUser {
  employeeNumber?: string;
  costCenter?: string;
  organization?: string;
  division?: string;
  department?: string;
  /** A complex attribute per RFC 7643 §4.3; Entra ID has been seen sending the manager's id as a bare string. */
  manager?: RawManager | string | null;
}

export interface RawUser {
  schemas?: string[];
  id: string;
  externalId?: string;
  userName?: string;
  name?: { formatted?: string; givenName?: string; familyName?: string };
  displayName?: string;
  title?: string;
  /** A boolean per RFC 7643; some providers send "True"/"False". */
  active?: boolean | string;
  emails?: RawMultiValued[];
  phoneNumbers?: RawMultiValued[];
  addresses?: RawAddress[];
  [ENTERPRISE_USER]?: RawEnterpriseUser;
}

export interface RawGroup {
  id: string;
  displayName?: string;
  members?: RawMultiValued[];
}

/** startIndex and itemsPerPage are REQUIRED only when the result is paginated; Resources may be absent when empty. */
export interface RawListResponse<T> {
  schemas?: string[];
  totalResults: number;
  startIndex?: number;
  itemsPerPage?: number;
  Resources?: T[];
}

export interface RawError {
  schemas?: string[];
  /** A string on the wire ("400"), per RFC 7644 §3.12. */
  status?: string | number;
  scimType?: string;
  detail?: string;
}

/** RFC 7643 §5: what the provider supports; `filter.maxResults` caps the resources one response returns. */
export interface RawServiceProviderConfig {
  schemas?: string[];
  filter?: { supported?: boolean | string; maxResults?: number | string };
}

/** RFC 7644 §3.4.3: the body of `POST /Users/.search`. */
export interface RawSearchRequest {
  schemas: string[];
  filter?: string;
  startIndex?: number;
  count?: number;
}
