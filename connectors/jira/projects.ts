import type { HttpClient } from '../http/client';
import { InvalidInputError } from '../http/invalid-input';
import { mapOnce } from '../http/memo';
import { apiBase, type JiraDeployment } from './deployment';
import { mapProject, mapVersion } from './map';
import type { JiraProject, JiraVersion, Page, PmoProfile } from './models';
import { profileValue } from './profile';
import { HEALTH_OVERRIDE_PROPERTY, type HealthOverride } from './health-override';
import type { RawPage, RawProject, RawVersion } from './raw';

const SEARCH = '/rest/api/3/project/search';
const DATA_CENTER_LIST = '/rest/api/2/project';
/** `maxResults` "must be less than or equal to 100". */
const MAX_PAGE = 100;
/** "Up to 50 project keys can be provided." */
const MAX_KEYS = 50;
const MAX_PROPERTY_BYTES = 32_768;
/** Versions per page; most projects have a handful, so one request reads them all. */
const VERSION_PAGE = 100;

/**
 * Projects, their versions and the PMO profile property. Cloud pages projects with `/project/search`, the
 * profile expanded in the same call. Data Center has neither: `GET /rest/api/2/project` lists every visible
 * project in one unpaged call (filtered, ordered and sliced here), and each project's profile on the page is
 * one `GET /project/{key}/properties/{property}`.
 */
export class ProjectsApi {
  private readonly api: string;

  constructor(
    private readonly http: HttpClient,
    private readonly profileProperty: string,
    private readonly deployment: JiraDeployment,
  ) {
    this.api = apiBase(deployment);
  }

  private path(key: string): string {
    return `${this.api}/project/${encodeURIComponent(key)}`;
  }

  async search(options: { startAt?: number; maxResults?: number; query?: string; keys?: readonly string[] }): Promise<Page<JiraProject>> {
    const startAt = Math.max(0, Math.floor(options.startAt ?? 0));
    const maxResults = Math.min(MAX_PAGE, Math.max(1, Math.floor(options.maxResults ?? 50)));
    if (options.keys && options.keys.length > MAX_KEYS) {
      throw new InvalidInputError(`At most ${MAX_KEYS} project keys can be searched at once`, 'keys');
    }
    return this.page({ startAt, maxResults, query: options.query || undefined, keys: options.keys });
  }

  /** Aligned with `keys`; null for a key Jira does not have (or does not show to this account). */
  async getByKeys(keys: readonly string[]): Promise<Array<JiraProject | null>> {
    const unique = [...new Set(keys.map((k) => k.toUpperCase()))];
    const found = new Map<string, JiraProject>();
    if (this.deployment === 'datacenter') {
      // One list call serves every key; the 50-key limit is /project/search's.
      const page = await this.dataCenterPage({ startAt: 0, maxResults: unique.length, keys: unique });
      for (const project of page.values) found.set(project.key.toUpperCase(), project);
      return keys.map((k) => found.get(k.toUpperCase()) ?? null);
    }
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += MAX_KEYS) chunks.push(unique.slice(i, i + MAX_KEYS));
    await Promise.all(
      chunks.map(async (chunk) => {
        let startAt = 0;
        for (;;) {
          const page = await this.page({ startAt, maxResults: MAX_KEYS, keys: chunk });
          for (const project of page.values) found.set(project.key.toUpperCase(), project);
          if (page.isLast || page.values.length === 0) break;
          startAt += page.values.length;
        }
      }),
    );
    return keys.map((k) => found.get(k.toUpperCase()) ?? null);
  }

  /**
   * `GET /project/{key}/version?expand=issuesstatus`, every page, in Jira's sequence (release order). The
   * paged endpoint (unlike `/versions`) expands each version's issue counts by status category, so milestone
   * progress costs no request beyond the milestone list itself.
   */
  async versions(projectKey: string): Promise<JiraVersion[]> {
    const all: JiraVersion[] = [];
    for (let startAt = 0; ; ) {
      const { data } = await this.http.get<RawPage<RawVersion>>(`${this.path(projectKey)}/version`, {
        startAt,
        maxResults: VERSION_PAGE,
        orderBy: 'sequence',
        expand: 'issuesstatus',
      });
      const values = data.values ?? [];
      all.push(...values.map(mapVersion));
      startAt += values.length;
      if (data.isLast === true || values.length === 0 || startAt >= (data.total ?? startAt)) return all;
    }
  }

  /** `PUT /project/{key}/properties/pmo.healthOverride`; null stores `{}`, which reads back as no override. */
  async putHealthOverride(projectKey: string, override: HealthOverride | null): Promise<void> {
    await this.http.put(`${this.path(projectKey)}/properties/${encodeURIComponent(HEALTH_OVERRIDE_PROPERTY)}`, override ?? {});
  }

  async putProfile(projectKey: string, profile: PmoProfile): Promise<void> {
    const value = profileValue(profile);
    if (Buffer.byteLength(JSON.stringify(value), 'utf8') > MAX_PROPERTY_BYTES) {
      throw new InvalidInputError(`The project profile is larger than Jira's ${MAX_PROPERTY_BYTES}-byte property limit`);
    }
    await this.http.put(`${this.path(projectKey)}/properties/${encodeURIComponent(this.profileProperty)}`, value);
  }

  private async page(params: { startAt: number; maxResults: number; query?: string; keys?: readonly string[] }): Promise<Page<JiraProject>> {
    if (this.deployment === 'datacenter') return this.dataCenterPage(params);
    const response = await this.http.get<RawPage<RawProject>>(
      SEARCH,
      {
        startAt: params.startAt,
        maxResults: params.maxResults,
        query: params.query,
        keys: params.keys,
        orderBy: 'key',
        expand: 'description,lead',
        // Jira takes a comma-separated list: the health override comes in the same call as the profile.
        properties: `${this.profileProperty},${HEALTH_OVERRIDE_PROPERTY}`,
      },
      // The spec answers 404, not an empty page, when no project matches.
      { acceptStatuses: [404] },
    );
    if (response.status === 404) return { values: [], startAt: params.startAt, maxResults: params.maxResults, total: 0, isLast: true };
    const raw = response.data;
    const values = mapOnce(raw, 'projects', () => (raw.values ?? []).map((p) => mapProject(p, this.http.baseUrl, this.profileProperty)));
    const startAt = raw.startAt ?? params.startAt;
    const total = raw.total ?? startAt + values.length;
    return {
      values,
      startAt,
      // Jira may cap the page below what was asked; report what it used.
      maxResults: raw.maxResults ?? params.maxResults,
      total,
      isLast: raw.isLast ?? startAt + values.length >= total,
    };
  }

  /** The same page as /project/search would give (key order, `query` matching key or name), from Data Center's full list. */
  private async dataCenterPage(params: { startAt: number; maxResults: number; query?: string; keys?: readonly string[] }): Promise<Page<JiraProject>> {
    const { data } = await this.http.get<RawProject[]>(DATA_CENTER_LIST, { expand: 'description,lead' });
    const keys = params.keys ? new Set(params.keys.map((k) => k.toUpperCase())) : null;
    const query = params.query?.toLowerCase();
    const matching = (Array.isArray(data) ? data : [])
      .filter((p) => !keys || keys.has(p.key.toUpperCase()))
      .filter((p) => !query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const slice = matching.slice(params.startAt, params.startAt + params.maxResults);
    const values = await Promise.all(
      slice.map(async (raw) => {
        // Data Center has no `properties=` on a list: the profile and the health override are one read each, in parallel.
        const read = (property: string) =>
          this.http.get<{ value?: unknown }>(`${this.path(raw.key)}/properties/${encodeURIComponent(property)}`, undefined, {
            // 404: the project has no such property yet.
            acceptStatuses: [404],
          });
        const [response, override] = await Promise.all([read(this.profileProperty), read(HEALTH_OVERRIDE_PROPERTY)]);
        const properties = {
          ...(response.status === 200 ? { [this.profileProperty]: response.data.value } : {}),
          ...(override.status === 200 ? { [HEALTH_OVERRIDE_PROPERTY]: override.data.value } : {}),
        };
        return mapProject({ ...raw, properties }, this.http.baseUrl, this.profileProperty);
      }),
    );
    return {
      values,
      startAt: params.startAt,
      maxResults: params.maxResults,
      total: matching.length,
      isLast: params.startAt + slice.length >= matching.length,
    };
  }
}
