/** Microsoft Graph v1.0 wire shapes (UPSTREAM.md C2). Only connectors/msgraph sees them. */

export interface RawDirectoryObject {
  '@odata.type'?: string;
  id: string;
  displayName?: string | null;
}

export interface RawUser extends RawDirectoryObject {
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  companyName?: string | null;
  employeeId?: string | null;
  employeeOrgData?: { division?: string | null; costCenter?: string | null } | null;
  officeLocation?: string | null;
  businessPhones?: string[] | null;
  accountEnabled?: boolean | null;
  /** Present only with `$expand=manager`; absent or null when the user has none. */
  manager?: RawDirectoryObject | null;
}

export interface RawGroup extends RawDirectoryObject {
  members?: RawDirectoryObject[];
}

export interface RawCollection<T> {
  '@odata.context'?: string;
  '@odata.nextLink'?: string;
  /** Only on the first page of an advanced query with `$count=true`. */
  '@odata.count'?: number;
  value: T[];
}

export interface RawError {
  error?: { code?: string; message?: string; innerError?: { date?: string; 'request-id'?: string; 'client-request-id'?: string } };
}

export interface RawBatchRequest {
  requests: Array<{ id: string; method: 'GET'; url: string; headers?: Record<string, string> }>;
}

export interface RawBatchResponse {
  responses: Array<{ id: string; status: number; headers?: Record<string, string>; body?: unknown }>;
}
