import { systemClock } from '../http/clock';
import { HttpClient } from '../http/client';
import type { UpstreamConfig } from '../http/config';
import { InvalidInputError } from '../http/invalid-input';
import type { DirectoryConnector } from '../scim/connector';
import type { ScimFilter } from '../scim/filter';
import type { DirectoryGroup, DirectoryPage, DirectoryUser } from '../scim/models';
import { describeGraphError } from './errors';
import { MANAGER_EXPAND, toDirectoryGroup, toDirectoryUser, USER_SELECT } from './map';
import { odata, type ODataFilter } from './odata';
import type { RawCollection, RawDirectoryObject, RawGroup, RawUser } from './raw';
import { translateGroupFilter, translateUserFilter, type GraphQuery } from './translate';
import { ADVANCED, GraphTransport, graphUrl, type GraphRequest } from './transport';

export { MAX_BATCH } from './transport';

export interface MsGraphClientOptions {
  /** Values per `in (…)` look-up; Entra ID refuses filters with more than 15 terms. Default 15. */
  maxFilterValues?: number;
  /** Rounds of re-sending throttled `$batch` items before surfacing a rateLimit error. Default 2. */
  maxItemRetries?: number;
  /** Longest per-item Retry-After waited for, in ms. Default 30 000. */
  maxRetryAfterMs?: number;
}

/** `$expand` on directory objects returns at most 100 per page (Graph known issue 13635). */
const EXPANDED_PAGE = 100;
/** The most `$top` Graph accepts for users without `$expand`. */
const PLAIN_PAGE = 999;

const positive = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value < 1) throw new Error(`MsGraphClient ${name} must be a positive integer, got ${value}`);
  return value;
};

const isDefined = <T>(value: T | undefined): value is T => value !== undefined;

/**
 * The directory over Microsoft Graph `/users` (UPSTREAM.md C2), behind the same DirectoryConnector as SCIM.
 * Look-ups by id, email or manager go out as `$batch`es of ≤ 20 filtered requests; users come with their
 * manager through `$expand=manager($select=id,displayName)` wherever Graph allows it (not in advanced
 * queries, where it is fetched by `/users/{id}/manager` in a batch instead).
 */
export class MsGraphClient implements DirectoryConnector {
  private readonly graph: GraphTransport;
  private readonly maxFilterValues: number;

  constructor(config: UpstreamConfig, options: MsGraphClientOptions = {}) {
    this.graph = new GraphTransport(new HttpClient(config, describeGraphError), {
      clock: config.runtime?.clock ?? systemClock,
      maxItemRetries: options.maxItemRetries ?? 2,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    });
    this.maxFilterValues = positive('maxFilterValues', options.maxFilterValues ?? 15);
  }

  async getUser(id: string): Promise<DirectoryUser | null> {
    if (id === '' || id === '.' || id === '..') throw new InvalidInputError(`Not a Graph user id: ${JSON.stringify(id)}`, 'id');
    const url = graphUrl(`/users/${encodeURIComponent(id)}`, { $select: USER_SELECT, $expand: MANAGER_EXPAND });
    const response = await this.graph.get<RawUser>({ url }, [404]);
    return response.status === 404 ? null : toDirectoryUser(response.data);
  }

  async getUsersByIds(ids: readonly string[]): Promise<Array<DirectoryUser | null>> {
    const found = await this.lookUp([...new Set(ids)].filter(Boolean), (chunk) => odata.in('id', chunk));
    const byId = new Map(found.map((u) => [u.id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Graph compares mail and userPrincipalName case-insensitively; a key matches either, mail first. */
  async getUsersByEmails(emails: readonly string[]): Promise<Array<DirectoryUser | null>> {
    const wanted = [...new Set(emails.map((e) => e.toLowerCase()))].filter(Boolean);
    const found = await this.lookUp(wanted, (chunk) => odata.or(odata.in('mail', chunk), odata.in('userPrincipalName', chunk)));
    const byEmail = new Map<string, DirectoryUser>();
    for (const user of found) if (user.email && !byEmail.has(user.email)) byEmail.set(user.email, user);
    for (const user of found) if (user.userName && !byEmail.has(user.userName.toLowerCase())) byEmail.set(user.userName.toLowerCase(), user);
    return emails.map((e) => byEmail.get(e.toLowerCase()) ?? null);
  }

  /** `/users/{id}/directReports`, one batched request per manager; an unknown manager has none. */
  async getUsersByManagerIds(managerIds: readonly string[]): Promise<DirectoryUser[][]> {
    const unique = [...new Set(managerIds)].filter(Boolean);
    const requests = unique.map((id) => ({
      url: graphUrl(`/users/${encodeURIComponent(id)}/directReports/microsoft.graph.user`, { $select: USER_SELECT, $top: PLAIN_PAGE }),
    }));
    const results = await this.graph.batch(requests);
    const teams = new Map<string, DirectoryUser[]>();
    await Promise.all(
      unique.map(async (id, i) => {
        const page = this.graph.collection<RawUser>(requests[i], results[i], [404]);
        const reports = page ? await this.graph.rest(page, undefined) : [];
        teams.set(id, reports.map((raw) => toDirectoryUser(raw, { id, displayName: null })));
      }),
    );
    return managerIds.map((id) => teams.get(id) ?? []);
  }

  async listUsers({ filter, startIndex = 1, count }: { filter?: ScimFilter; startIndex?: number; count?: number }): Promise<DirectoryPage<DirectoryUser>> {
    const { offset, size } = window(startIndex, count);
    const query = translateUserFilter(filter);
    if (isAdvanced(query)) {
      const { items, total } = await this.advancedUsers(query, offset + size);
      return { items: await this.withManagers(items.slice(offset)), totalResults: total, startIndex };
    }
    const { items, total } = await this.countedPage<RawUser>('/users', USER_SELECT, MANAGER_EXPAND, query.filter, offset, size);
    return { items: items.map((raw) => toDirectoryUser(raw)), totalResults: total, startIndex };
  }

  async listAllUsers(filter?: ScimFilter): Promise<DirectoryUser[]> {
    const query = translateUserFilter(filter);
    if (isAdvanced(query)) return this.withManagers((await this.advancedUsers(query, Infinity)).items);
    const request = { url: graphUrl('/users', { $select: USER_SELECT, $expand: MANAGER_EXPAND, $filter: query.filter?.text, $top: EXPANDED_PAGE }) };
    const { data } = await this.graph.get<RawCollection<RawUser>>(request);
    return (await this.graph.rest(data, undefined)).map((raw) => toDirectoryUser(raw));
  }

  async listGroups({ filter, startIndex = 1, count }: { filter?: ScimFilter; startIndex?: number; count?: number }): Promise<DirectoryPage<DirectoryGroup>> {
    const { offset, size } = window(startIndex, count);
    const query = translateGroupFilter(filter);
    if (query.filter?.advanced) throw new InvalidInputError('Microsoft Graph directory: group filters must be plain comparisons', 'filter');
    const { items, total } = await this.countedPage<RawGroup>('/groups', 'id,displayName', 'members($select=id)', query.filter, offset, size);
    return { items: items.map(toDirectoryGroup), totalResults: total, startIndex };
  }

  /** Batched `$filter` look-ups, `maxFilterValues` values per request, 20 requests per `$batch`. */
  private async lookUp(values: readonly string[], filterFor: (chunk: string[]) => ODataFilter): Promise<DirectoryUser[]> {
    const requests: GraphRequest[] = [];
    for (let i = 0; i < values.length; i += this.maxFilterValues) {
      const filter = filterFor(values.slice(i, i + this.maxFilterValues));
      requests.push({ url: graphUrl('/users', { $select: USER_SELECT, $expand: MANAGER_EXPAND, $filter: filter.text, $top: EXPANDED_PAGE }) });
    }
    const results = await this.graph.batch(requests);
    const pages = await Promise.all(requests.map((request, i) => this.graph.rest(this.graph.collection<RawUser>(request, results[i])!, undefined)));
    return pages.flat().map((raw) => toDirectoryUser(raw));
  }

  /**
   * One page of a plain (non-advanced) query with its total, in one `$batch`: the count as an advanced query
   * (`$count=true`, `ConsistencyLevel: eventual`, `$top=1`), the page with `$expand`, which advanced queries
   * refuse. Graph has no `$skip`: a later page reads from the start and keeps the tail.
   */
  private async countedPage<T>(path: string, select: string, expand: string, filter: ODataFilter | undefined, offset: number, size: number) {
    const countRequest = { url: graphUrl(path, { $select: 'id', $filter: filter?.text, $count: true, $top: 1 }), headers: { ...ADVANCED } };
    const pageRequest = { url: graphUrl(path, { $select: select, $expand: expand, $filter: filter?.text, $top: Math.min(EXPANDED_PAGE, Math.max(1, offset + size)) }) };
    const [counted, paged] = await this.graph.batch(size === 0 ? [countRequest] : [countRequest, pageRequest]);
    const total = this.graph.collection<T>(countRequest, counted)!['@odata.count'] ?? 0;
    if (size === 0) return { items: [] as T[], total };
    const items = await this.graph.rest(this.graph.collection<T>(pageRequest, paged)!, undefined, offset + size);
    return { items: items.slice(offset, offset + size), total };
  }

  /** The first `limit` users of an advanced query (`$search`, `ne`, `endsWith`…), without their managers. */
  private async advancedUsers(query: GraphQuery, limit: number): Promise<{ items: RawUser[]; total: number }> {
    const top = Math.min(PLAIN_PAGE, Math.max(1, limit));
    const search = query.search;
    const request = {
      url: graphUrl('/users', { $select: USER_SELECT, $filter: query.filter?.text, $search: search, $count: true, $top: top }),
      headers: { ...ADVANCED },
    };
    const { data } = await this.graph.get<RawCollection<RawUser>>(request);
    const items = await this.graph.rest(data, request.headers, limit);
    return { items: items.slice(0, limit), total: data['@odata.count'] ?? items.length };
  }

  /** Managers by `/users/{id}/manager`, batched; 404 is "no manager". */
  private async withManagers(users: RawUser[]): Promise<DirectoryUser[]> {
    if (users.length === 0) return [];
    const requests = users.map((u) => ({ url: graphUrl(`/users/${encodeURIComponent(u.id)}/manager`, { $select: 'id,displayName' }) }));
    const results = await this.graph.batch(requests);
    return users.map((user, i) => {
      if (results[i].status === 404) return toDirectoryUser(user, null);
      if (results[i].status >= 300) throw this.graph.itemError(requests[i], results[i]);
      const manager = results[i].body as RawDirectoryObject;
      return toDirectoryUser(user, { id: manager.id, displayName: manager.displayName ?? null });
    });
  }
}

function isAdvanced(query: GraphQuery): boolean {
  return query.search !== undefined || query.filter?.advanced === true;
}

function window(startIndex: number, count: number | undefined): { offset: number; size: number } {
  if (!Number.isInteger(startIndex) || startIndex < 1) throw new InvalidInputError(`startIndex must be an integer of at least 1, got ${startIndex}`, 'startIndex');
  const size = count ?? EXPANDED_PAGE;
  if (!Number.isInteger(size) || size < 0) throw new InvalidInputError(`count must be an integer of at least 0, got ${size}`, 'count');
  return { offset: startIndex - 1, size };
}

export { isDefined as _isDefined };
