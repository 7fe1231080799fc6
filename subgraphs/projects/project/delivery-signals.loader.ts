import type { JiraConnector } from '../../../connectors/jira/connector';
import { jql, type Jql } from '../../../connectors/jira/jql';
import type { JiraIssue } from '../../../connectors/jira/models';

/** A milestone (Jira version) past its release date, unreleased, with overdue open work. */
export interface LateMilestone {
  id: string;
  name: string;
  releaseDate: string;
}

/** What Jira says about a project's delivery, counted over its issues. */
export interface DeliverySignals {
  total: number;
  toDo: number;
  inProgress: number;
  done: number;
  /** Unresolved and past the due date. */
  overdue: number;
  /** Unresolved and linked "is blocked by" an issue that is itself unresolved. */
  blocked: number;
  /** Fix versions of the overdue work that are themselves unreleased past their release date. */
  lateMilestones: LateMilestone[];
}

/** Jira's status category ids: stable across sites, where the names are localised. */
export const STATUS_CATEGORY_ID = { toDo: '2', inProgress: '4', done: '3' } as const;

/**
 * The troubled-work searches of one batch. With the three counts that is 8 searches, within Jira's 10 in
 * flight (JIRA_MAX_CONCURRENCY), so a page of 25 projects reads all of it in one wave: a page is 100 issues
 * and a demo project has about 15 overdue or blocked, so 5 projects a search usually fit one page.
 */
const TROUBLED_SEARCHES = 5;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const projectKeyOf = (issueKey: string) => issueKey.slice(0, issueKey.lastIndexOf('-')).toUpperCase();

/**
 * Signals for a batch of projects in one wave of searches, however many projects (up to the batch size) or issues:
 * - three key-only searches count issues per status category (`fields=key` pages 5000 issues at a time);
 * - beside them, up to five searches (a share of the projects each) read the open issues that are overdue or have an "is blocked
 *   by" link, with their links and fix versions: enough to tell whether a blocker is itself unresolved and
 *   which milestones are late, without a request per project (Jira has no multi-project versions endpoint).
 */
export async function loadDeliverySignals(jira: JiraConnector, keys: readonly string[], today: string): Promise<DeliverySignals[]> {
  const scope = (): Jql => jql().in('project', keys);
  const troubled = (projects: readonly string[]) =>
    jql()
      .in('project', projects)
      .where('statusCategory', '!=', STATUS_CATEGORY_ID.done)
      .anyOf([jql().where('duedate', '<', today), jql().where('issueLinkType', '=', 'is blocked by')])
      .orderBy('key')
      .toString();
  const [toDo, inProgress, done, ...troubledParts] = await Promise.all([
    jira.searchIssueKeys(scope().where('statusCategory', '=', STATUS_CATEGORY_ID.toDo).toString()),
    jira.searchIssueKeys(scope().where('statusCategory', '=', STATUS_CATEGORY_ID.inProgress).toString()),
    jira.searchIssueKeys(scope().where('statusCategory', '=', STATUS_CATEGORY_ID.done).toString()),
    // Pages of one search follow one another; a search per few projects lets them go side by side.
    ...chunks(keys, Math.ceil(keys.length / TROUBLED_SEARCHES)).map((projects) => readAll(jira, troubled(projects))),
  ]);
  const troubledIssues = (troubledParts as JiraIssue[][]).flat();
  const tally = (issueKeys: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const key of issueKeys) counts.set(projectKeyOf(key), (counts.get(projectKeyOf(key)) ?? 0) + 1);
    return (project: string) => counts.get(project.toUpperCase()) ?? 0;
  };
  const overdueIssues = troubledIssues.filter((i) => i.dueDate !== null && i.dueDate < today);
  const [t, p, d] = [tally(toDo), tally(inProgress), tally(done)];
  const o = tally(overdueIssues.map((i) => i.key));
  const b = tally(troubledIssues.filter((i) => i.unresolvedBlockers.length > 0).map((i) => i.key));
  return keys.map((key) => ({
    total: t(key) + p(key) + d(key),
    toDo: t(key),
    inProgress: p(key),
    done: d(key),
    overdue: o(key),
    blocked: b(key),
    lateMilestones: lateMilestones(overdueIssues.filter((i) => i.projectKey.toUpperCase() === key.toUpperCase()), today),
  }));
}

function lateMilestones(issues: readonly JiraIssue[], today: string): LateMilestone[] {
  const late = new Map<string, LateMilestone>();
  for (const issue of issues) {
    for (const version of issue.fixVersions) {
      if (!version.released && version.releaseDate !== null && version.releaseDate < today) {
        late.set(version.id, { id: version.id, name: version.name, releaseDate: version.releaseDate });
      }
    }
  }
  return [...late.values()].sort((a, b) => a.releaseDate.localeCompare(b.releaseDate) || a.name.localeCompare(b.name));
}

async function readAll(jira: JiraConnector, query: string): Promise<JiraIssue[]> {
  const issues: JiraIssue[] = [];
  let token: string | null = null;
  do {
    const page = await jira.searchIssues({ jql: query, maxResults: 100, nextPageToken: token });
    issues.push(...page.issues);
    token = page.nextPageToken;
  } while (token);
  return issues;
}
