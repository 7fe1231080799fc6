import type { HttpClient } from '../http/client';
import { InvalidInputError } from '../http/invalid-input';
import { scim, type ScimFilter } from './filter';
import { getAll, getPage, SCIM_ACCEPT, type PageRequest } from './list';
import { toDirectoryUser } from './map';
import type { DirectoryPage, DirectoryUser } from './models';
import type { RawUser } from './raw';

/** The /Users operations. Batched look-ups send one `or` filter per chunk of `maxFilterTerms`, chunks in parallel. */

export interface UsersContext {
  http: HttpClient;
  maxFilterTerms: number;
  pageSize: number;
}

export async function getUser({ http }: UsersContext, id: string): Promise<DirectoryUser | null> {
  // "", "." and ".." would address another URL than /Users/{id} once the path is normalised.
  if (id === '' || id === '.' || id === '..') throw new InvalidInputError(`Not a SCIM resource id: ${JSON.stringify(id)}`, 'id');
  const response = await http.get<RawUser>(`/Users/${encodeURIComponent(id)}`, undefined, { headers: SCIM_ACCEPT, acceptStatuses: [404] });
  return response.status === 404 ? null : toDirectoryUser(response.data);
}

export async function getUsersByIds(context: UsersContext, ids: readonly string[]): Promise<Array<DirectoryUser | null>> {
  const found = await lookUp(context, 'id', [...new Set(ids)].filter(Boolean));
  const byId = new Map(found.map((u) => [u.id, u]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Emails compare case-insensitively (RFC 7643 §4.1.2: emails.value is not caseExact); results are matched lower-cased. */
export async function getUsersByEmails(context: UsersContext, emails: readonly string[]): Promise<Array<DirectoryUser | null>> {
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))].filter(Boolean);
  const found = await lookUp(context, 'emails.value', wanted);
  const byEmail = new Map<string, DirectoryUser>();
  for (const user of found) if (user.email && !byEmail.has(user.email)) byEmail.set(user.email, user);
  return emails.map((e) => byEmail.get(e.toLowerCase()) ?? null);
}

async function lookUp(context: UsersContext, attribute: string, values: readonly string[]): Promise<DirectoryUser[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < values.length; i += context.maxFilterTerms) chunks.push(values.slice(i, i + context.maxFilterTerms));
  const pages = await Promise.all(
    chunks.map((chunk) => getAll<RawUser>(context.http, '/Users', scim.or(...chunk.map((v) => scim.eq(attribute, v))), chunk.length)),
  );
  return pages.flat().map(toDirectoryUser);
}

export async function listUsers({ http }: UsersContext, request: PageRequest): Promise<DirectoryPage<DirectoryUser>> {
  const page = await getPage<RawUser>(http, '/Users', request);
  return { items: (page.Resources ?? []).map(toDirectoryUser), totalResults: page.totalResults, startIndex: page.startIndex ?? request.startIndex ?? 1 };
}

export async function listAllUsers({ http, pageSize }: UsersContext, filter?: ScimFilter): Promise<DirectoryUser[]> {
  return (await getAll<RawUser>(http, '/Users', filter, pageSize)).map(toDirectoryUser);
}
