import type { HttpClient } from '../http/client';
import type { JiraDeployment } from './deployment';
import { mapUser } from './map';
import type { JiraUser } from './models';
import type { RawPage, RawUser } from './raw';

const BULK = '/rest/api/3/user/bulk';
/** Account ids per request: ~45 characters each once encoded, so 50 keep the URL near 3 KB. */
const IDS_PER_REQUEST = 50;

/**
 * Users by id. Cloud: account ids through `/user/bulk`. Data Center has no bulk lookup and no account ids:
 * its ids are user keys (what the connector puts in `accountId` there), read one `GET /rest/api/2/user?key=`
 * each, in parallel under the HTTP client's pacing.
 */
export class UsersApi {
  constructor(
    private readonly http: HttpClient,
    private readonly deployment: JiraDeployment,
  ) {}

  /** Aligned with `accountIds`; null for accounts Jira does not return (unknown or deleted). */
  async getMany(accountIds: readonly string[]): Promise<Array<JiraUser | null>> {
    const unique = [...new Set(accountIds)];
    const found = this.deployment === 'cloud' ? await this.bulk(unique) : await this.byKey(unique);
    return accountIds.map((id) => found.get(id) ?? null);
  }

  private async bulk(unique: readonly string[]): Promise<Map<string, JiraUser>> {
    const found = new Map<string, JiraUser>();
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += IDS_PER_REQUEST) chunks.push(unique.slice(i, i + IDS_PER_REQUEST));
    await Promise.all(
      chunks.map(async (chunk) => {
        let startAt = 0;
        for (;;) {
          const { data } = await this.http.get<RawPage<RawUser>>(BULK, { accountId: chunk, startAt, maxResults: chunk.length });
          const values = data.values ?? [];
          for (const user of values) {
            const mapped = mapUser(user);
            found.set(mapped.accountId, mapped);
          }
          // Unknown ids are skipped, so a page can be short; Jira may also cap maxResults below the ask.
          const isLast = data.isLast ?? startAt + values.length >= (data.total ?? 0);
          if (isLast || values.length === 0) break;
          startAt += values.length;
        }
      }),
    );
    return found;
  }

  private async byKey(unique: readonly string[]): Promise<Map<string, JiraUser>> {
    const found = new Map<string, JiraUser>();
    await Promise.all(
      unique.map(async (key) => {
        const response = await this.http.get<RawUser>('/rest/api/2/user', { key }, { acceptStatuses: [404] });
        if (response.status === 200) found.set(key, mapUser(response.data));
      }),
    );
    return found;
  }
}
