import type { DirectoryGroup, DirectoryPage, DirectoryUser } from './models';
import type { ScimFilter } from './filter';

/**
 * The directory operations the people subgraph uses. Implemented by ScimClient (SCIM 2.0). Batched look-ups
 * are sized by the connector to what its directory accepts, so callers may pass any number of keys.
 */
export interface DirectoryConnector {
  /** `GET /Users/{id}`; null on 404. */
  getUser(id: string): Promise<DirectoryUser | null>;
  /** `id eq "a" or id eq "b" ...`, chunked; aligned with `ids`, null when missing. */
  getUsersByIds(ids: readonly string[]): Promise<Array<DirectoryUser | null>>;
  /** Case-insensitive, `emails.value eq ... or ...`, chunked; aligned with `emails`, null when not in the directory. */
  getUsersByEmails(emails: readonly string[]): Promise<Array<DirectoryUser | null>>;
  /** Each manager's direct reports (`manager.value eq ... or ...`), chunked; aligned with `managerIds`. */
  getUsersByManagerIds(managerIds: readonly string[]): Promise<DirectoryUser[][]>;
  /** One page of users with an optional filter, 1-based `startIndex` and `count`. */
  listUsers(options: { filter?: ScimFilter; startIndex?: number; count?: number }): Promise<DirectoryPage<DirectoryUser>>;
  /** Every user matching the filter, paging until `totalResults` (the server may cap `count`). */
  listAllUsers(filter?: ScimFilter): Promise<DirectoryUser[]>;
  /** `GET /Groups` with an optional filter. */
  listGroups(options: { filter?: ScimFilter; startIndex?: number; count?: number }): Promise<DirectoryPage<DirectoryGroup>>;
}
