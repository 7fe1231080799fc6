import type { JiraProject, JiraStatusReport, JiraVersion } from '../../../connectors/jira/models';
import { TimelineBucket } from './portfolio.type';

const DAY = 86_400_000;

export interface TimelineItem {
  project: JiraProject;
  version: JiraVersion;
  bucket: TimelineBucket;
  daysUntil: number;
}

/** Unreleased, unarchived milestones overdue or due within `withinDays`, soonest (most overdue) first. */
export function timeline(projects: readonly JiraProject[], versions: ReadonlyArray<readonly JiraVersion[]>, today: string, withinDays: number): TimelineItem[] {
  const start = Date.parse(today);
  const items: TimelineItem[] = [];
  projects.forEach((project, i) => {
    for (const version of versions[i]) {
      if (version.released || version.archived || !version.releaseDate) continue;
      const daysUntil = Math.round((Date.parse(version.releaseDate) - start) / DAY);
      if (daysUntil > withinDays) continue;
      const bucket =
        daysUntil < 0 ? TimelineBucket.OVERDUE : daysUntil <= 30 ? TimelineBucket.NEXT_30_DAYS : daysUntil <= 60 ? TimelineBucket.NEXT_60_DAYS : TimelineBucket.NEXT_90_DAYS;
      items.push({ project, version, bucket, daysUntil });
    }
  });
  return items.sort((a, b) => a.daysUntil - b.daysUntil || a.project.key.localeCompare(b.project.key) || a.version.name.localeCompare(b.version.name));
}

const RAG_STEP: Record<string, number> = { GREEN: 0, AMBER: 1, RED: 2 };

/** The last `last` reports, oldest first, and how much worse (positive) the latest is than the first. */
export function ragTrend(reportsNewestFirst: readonly JiraStatusReport[], last: number): { points: Array<{ statusDate: string; overall: string }>; change: number } {
  const points = reportsNewestFirst.slice(0, last).reverse().map((r) => ({ statusDate: r.statusDate, overall: r.overall }));
  const change = points.length ? RAG_STEP[points[points.length - 1].overall] - RAG_STEP[points[0].overall] : 0;
  return { points, change };
}

/** Counts in a fixed key order with zero rows kept, so a chart's axes never move. */
export function countBy<K>(keys: readonly K[], values: readonly K[]): Array<{ key: K; count: number }> {
  return keys.map((key) => ({ key, count: values.filter((v) => v === key).length }));
}
