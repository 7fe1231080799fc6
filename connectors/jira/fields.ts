import type { HttpClient } from '../http/client';
import type { RawField } from './raw';

const STORY_POINTS_TYPE = 'com.pyxis.greenhopper.jira:jsw-story-points';
/** Cloud's team-managed name, and the classic "Story Points" field Data Center sites carry. */
const STORY_POINTS_NAMES = ['story point estimate', 'story points'];

/**
 * `GET /rest/api/{3|2}/field`. The story points field is a custom field whose id differs per site
 * (customfield_10016 is only the common case), so it is discovered once per client and remembered.
 */
export class FieldsApi {
  private storyPoints: Promise<string | null> | undefined;

  constructor(
    private readonly http: HttpClient,
    private readonly api: string,
  ) {}

  /** The story points field id, or null when the site has none (issues then carry no story points). */
  storyPointsField(): Promise<string | null> {
    this.storyPoints ??= this.discoverStoryPoints().catch((error: unknown) => {
      // A failed lookup is not remembered: the next search tries again.
      this.storyPoints = undefined;
      throw error;
    });
    return this.storyPoints;
  }

  private async discoverStoryPoints(): Promise<string | null> {
    const { data } = await this.http.get<RawField[]>(`${this.api}/field`);
    const fields = Array.isArray(data) ? data : [];
    const byType = fields.find((f) => f.schema?.custom === STORY_POINTS_TYPE);
    const byName = fields.find((f) => STORY_POINTS_NAMES.includes(f.name?.toLowerCase()) && f.schema?.type === 'number');
    return (byType ?? byName)?.id ?? null;
  }
}
