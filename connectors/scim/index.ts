import { HttpClient } from '../http/client';
import type { UpstreamConfig } from '../http/config';
import type { DirectoryConnector } from './connector';
import { describeScimError } from './errors';
import type { ScimFilter } from './filter';
import { listGroups } from './groups';
import type { DirectoryGroup, DirectoryPage, DirectoryUser } from './models';
import { getUser, getUsersByEmails, getUsersByIds, listAllUsers, listUsers, type UsersContext } from './users';

export interface ScimClientOptions {
  /** Terms per `or` filter in batched look-ups; providers limit filter size (Entra ID, Okta). Default 50. */
  maxFilterTerms?: number;
  /** `count` asked for when listing everything; the server may return fewer per page. Default 200. */
  pageSize?: number;
}

const positive = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value < 1) throw new Error(`ScimClient ${name} must be a positive integer, got ${value}`);
  return value;
};

/** The HR directory over SCIM 2.0 (RFC 7644). Returns domain objects; raw SCIM JSON stays in this folder. */
export class ScimClient implements DirectoryConnector {
  private readonly context: UsersContext;

  constructor(config: UpstreamConfig, options: ScimClientOptions = {}) {
    this.context = {
      http: new HttpClient(config, describeScimError),
      maxFilterTerms: positive('maxFilterTerms', options.maxFilterTerms ?? 50),
      pageSize: positive('pageSize', options.pageSize ?? 200),
    };
  }

  getUser(id: string): Promise<DirectoryUser | null> {
    return getUser(this.context, id);
  }

  getUsersByIds(ids: readonly string[]): Promise<Array<DirectoryUser | null>> {
    return getUsersByIds(this.context, ids);
  }

  getUsersByEmails(emails: readonly string[]): Promise<Array<DirectoryUser | null>> {
    return getUsersByEmails(this.context, emails);
  }

  listUsers(options: { filter?: ScimFilter; startIndex?: number; count?: number }): Promise<DirectoryPage<DirectoryUser>> {
    return listUsers(this.context, options);
  }

  listAllUsers(filter?: ScimFilter): Promise<DirectoryUser[]> {
    return listAllUsers(this.context, filter);
  }

  listGroups(options: { filter?: ScimFilter; startIndex?: number; count?: number }): Promise<DirectoryPage<DirectoryGroup>> {
    return listGroups(this.context.http, options);
  }
}
