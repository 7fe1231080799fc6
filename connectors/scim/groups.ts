import type { HttpClient } from '../http/client';
import { getPage, type PageRequest } from './list';
import { toDirectoryGroup } from './map';
import type { DirectoryGroup, DirectoryPage } from './models';
import type { RawGroup } from './raw';

/** The /Groups operations. */
export async function listGroups(http: HttpClient, request: PageRequest): Promise<DirectoryPage<DirectoryGroup>> {
  const page = await getPage<RawGroup>(http, '/Groups', request);
  return { items: (page.Resources ?? []).map(toDirectoryGroup), totalResults: page.totalResults, startIndex: page.startIndex ?? request.startIndex ?? 1 };
}
