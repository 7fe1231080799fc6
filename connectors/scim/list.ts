import type { HttpClient, QueryParams } from '../http/client';
import { InvalidInputError } from '../http/invalid-input';
import type { ScimFilter } from './filter';
import type { RawListResponse, RawSearchRequest } from './raw';

/** Servers may send `application/scim+json` only to clients that accept it (RFC 7644 §3.1). */
export const SCIM_ACCEPT = { accept: 'application/scim+json, application/json;q=0.9' };

const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
/** What a provider without `/.search` answers to it (RFC 7644 §3.4.3 makes the endpoint optional). */
const SEARCH_UNSUPPORTED = [404, 405, 501];

export interface PageRequest {
  filter?: ScimFilter;
  startIndex?: number;
  count?: number;
}

export type PageFetcher<T> = (request: PageRequest) => Promise<RawListResponse<T>>;

function integerAtLeast(name: string, value: number | undefined, min: number): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    throw new InvalidInputError(`${name} must be an integer of at least ${min}, got ${value}`, name);
  }
  return value;
}

/** One `GET` of a SCIM list endpoint (RFC 7644 §3.4.2). */
export async function getPage<T>(http: HttpClient, path: string, request: PageRequest): Promise<RawListResponse<T>> {
  const params: QueryParams = {
    filter: request.filter?.text,
    startIndex: integerAtLeast('startIndex', request.startIndex, 1),
    count: integerAtLeast('count', request.count, 0),
  };
  const { data } = await http.get<RawListResponse<T>>(path, params, { headers: SCIM_ACCEPT });
  return data;
}

/**
 * Lists a resource type with `POST {path}/.search` (RFC 7644 §3.4.3): the filter travels in the body, so a
 * batched look-up is not limited by URL length. A provider that does not offer the endpoint is asked with
 * `GET` from then on; `viaPost` tells the caller which limit applies to its filters.
 */
export class ResourceSearch<T> {
  private post: boolean;

  constructor(
    private readonly http: HttpClient,
    private readonly path: string,
    preferPost: boolean,
  ) {
    this.post = preferPost;
  }

  get viaPost(): boolean {
    return this.post;
  }

  readonly page: PageFetcher<T> = async (request) => {
    if (this.post) {
      const body: RawSearchRequest = {
        schemas: [SEARCH_REQUEST],
        filter: request.filter?.text,
        startIndex: integerAtLeast('startIndex', request.startIndex, 1),
        count: integerAtLeast('count', request.count, 0),
      };
      const response = await this.http.post<RawListResponse<T>>(`${this.path}/.search`, body, undefined, {
        headers: { ...SCIM_ACCEPT, 'content-type': 'application/scim+json' },
        acceptStatuses: SEARCH_UNSUPPORTED,
      });
      if (!SEARCH_UNSUPPORTED.includes(response.status)) return response.data;
      this.post = false;
    }
    return getPage<T>(this.http, this.path, request);
  };
}

/**
 * Every resource matching `filter`, paging by startIndex until totalResults. The next startIndex advances by
 * the number of Resources actually returned, because the server may return fewer than `count` (RFC 7644
 * §3.4.2.4); an empty page ends the walk, so a server that miscounts cannot loop us forever. Resources seen
 * twice (the set shifting between pages) are kept once.
 */
export async function getAll<T extends { id: string }>(fetchPage: PageFetcher<T>, filter: ScimFilter | undefined, count: number): Promise<T[]> {
  const byId = new Map<string, T>();
  let startIndex = 1;
  for (;;) {
    const page = await fetchPage({ filter, startIndex, count });
    const resources = page.Resources ?? [];
    for (const resource of resources) if (!byId.has(resource.id)) byId.set(resource.id, resource);
    startIndex += resources.length;
    if (resources.length === 0 || startIndex > page.totalResults) return [...byId.values()];
  }
}
