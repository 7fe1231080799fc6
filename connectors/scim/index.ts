import { HttpClient } from '../http/client';
import type { UpstreamConfig } from '../http/config';
import type { DirectoryConnector } from './connector';
import { describeScimError } from './errors';
import type { ScimFilter } from './filter';
import { listGroups } from './groups';
import { ResourceSearch } from './list';
import type { DirectoryGroup, DirectoryPage, DirectoryUser } from './models';
import type { RawUser } from './raw';
import { readServiceProviderConfig, UNKNOWN_LIMITS, type ServiceProviderLimits } from './service-provider';
import { getUser, getUsersByEmails, getUsersByIds, getUsersByManagerIds, listAllUsers, listUsers, type UsersContext } from './users';

export interface ScimClientOptions {
  /** Search with `POST /Users/.search` (RFC 7644 §3.4.3); falls back to GET by itself when the provider lacks it. Default true. */
  searchWithPost?: boolean;
  /** Terms per `or` filter in a POST body; providers limit filter complexity. Default 200. */
  maxFilterTerms?: number;
  /** Terms per `or` filter in a GET URL, where URL length is the limit (Entra ID, Okta, proxies). Default 50. */
  maxUrlFilterTerms?: number;
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
  private limits: Promise<ServiceProviderLimits> | undefined;

  constructor(config: UpstreamConfig, options: ScimClientOptions = {}) {
    const http = new HttpClient(config, describeScimError);
    this.context = {
      http,
      search: new ResourceSearch<RawUser>(http, '/Users', options.searchWithPost ?? true),
      limits: () => this.providerLimits(),
      maxFilterTerms: positive('maxFilterTerms', options.maxFilterTerms ?? 200),
      maxUrlFilterTerms: positive('maxUrlFilterTerms', options.maxUrlFilterTerms ?? 50),
      pageSize: positive('pageSize', options.pageSize ?? 200),
    };
  }

  /**
   * Read once per client, on first need rather than at start-up (the subgraph starts while the directory is
   * down). A failed read is not remembered: this look-up batches by the defaults, the next one asks again.
   */
  private providerLimits(): Promise<ServiceProviderLimits> {
    this.limits ??= readServiceProviderConfig(this.context.http).catch(() => {
      this.limits = undefined;
      return UNKNOWN_LIMITS;
    });
    return this.limits;
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

  getUsersByManagerIds(managerIds: readonly string[]): Promise<DirectoryUser[][]> {
    return getUsersByManagerIds(this.context, managerIds);
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
