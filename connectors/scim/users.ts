import type { HttpClient } from '../http/client';
import { InvalidInputError } from '../http/invalid-input';
import { ENTERPRISE_USER, scim, type ScimFilter } from './filter';
import { getAll, SCIM_ACCEPT, type PageRequest, type ResourceSearch } from './list';
import { toDirectoryUser } from './map';
import type { DirectoryPage, DirectoryUser } from './models';
import type { RawUser } from './raw';
import type { ServiceProviderLimits } from './service-provider';

/**
 * The /Users operations. A batched look-up sends one `or` filter per chunk, chunks in parallel; a chunk is as
 * large as the provider allows in one response (`filter.maxResults`) and as the transport allows in one filter
 * (`maxFilterTerms` in a POST body, `maxUrlFilterTerms` in a GET URL).
 */

export interface UsersContext {
  http: HttpClient;
  search: ResourceSearch<RawUser>;
  limits: () => Promise<ServiceProviderLimits>;
  maxFilterTerms: number;
  maxUrlFilterTerms: number;
  pageSize: number;
}

export async function getUser({ http }: UsersContext, id: string): Promise<DirectoryUser | null> {
  // "", "." and ".." would address another URL than /Users/{id} once the path is normalised.
  if (id === '' || id === '.' || id === '..') throw new InvalidInputError(`Not a SCIM resource id: ${JSON.stringify(id)}`, 'id');
  const response = await http.get<RawUser>(`/Users/${encodeURIComponent(id)}`, undefined, { headers: SCIM_ACCEPT, acceptStatuses: [404] });
  return response.status === 404 ? null : toDirectoryUser(response.data);
}

export async function getUsersByIds(context: UsersContext, ids: readonly string[]): Promise<Array<DirectoryUser | null>> {
  const found = await lookUp(context, 'id', [...new Set(ids)].filter(Boolean), 'one');
  const byId = new Map(found.map((u) => [u.id, u]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Emails compare case-insensitively (RFC 7643 §4.1.2: emails.value is not caseExact); results are matched lower-cased. */
export async function getUsersByEmails(context: UsersContext, emails: readonly string[]): Promise<Array<DirectoryUser | null>> {
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))].filter(Boolean);
  const found = await lookUp(context, 'emails.value', wanted, 'one');
  const byEmail = new Map<string, DirectoryUser>();
  for (const user of found) if (user.email && !byEmail.has(user.email)) byEmail.set(user.email, user);
  return emails.map((e) => byEmail.get(e.toLowerCase()) ?? null);
}

/** Each manager's direct reports (`manager.value eq …` ORed), aligned with `managerIds`. */
export async function getUsersByManagerIds(context: UsersContext, managerIds: readonly string[]): Promise<DirectoryUser[][]> {
  const found = await lookUp(context, `${ENTERPRISE_USER}:manager.value`, [...new Set(managerIds)].filter(Boolean), 'many');
  return managerIds.map((id) => found.filter((u) => u.managerId === id));
}

/**
 * `one`: each value matches at most one user, so a chunk as large as one response holds is one request.
 * `many`: a value may match many users (a manager's reports), so chunks page at the full page size.
 */
async function lookUp(context: UsersContext, attribute: string, values: readonly string[], perValue: 'one' | 'many'): Promise<DirectoryUser[]> {
  if (values.length === 0) return [];
  const { maxResults } = await context.limits();
  const terms = context.search.viaPost ? context.maxFilterTerms : context.maxUrlFilterTerms;
  const perPage = Math.min(context.pageSize, maxResults ?? context.pageSize);
  const size = perValue === 'one' ? Math.min(terms, maxResults ?? terms) : terms;
  const chunks: string[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  const pages = await Promise.all(
    chunks.map((chunk) => getAll(context.search.page, scim.or(...chunk.map((v) => scim.eq(attribute, v))), perValue === 'one' ? chunk.length : perPage)),
  );
  return pages.flat().map(toDirectoryUser);
}

export async function listUsers({ search }: UsersContext, request: PageRequest): Promise<DirectoryPage<DirectoryUser>> {
  const page = await search.page(request);
  return { items: (page.Resources ?? []).map(toDirectoryUser), totalResults: page.totalResults, startIndex: page.startIndex ?? request.startIndex ?? 1 };
}

export async function listAllUsers(context: UsersContext, filter?: ScimFilter): Promise<DirectoryUser[]> {
  const { maxResults } = await context.limits();
  const perPage = Math.min(context.pageSize, maxResults ?? context.pageSize);
  return (await getAll(context.search.page, filter, perPage)).map(toDirectoryUser);
}
