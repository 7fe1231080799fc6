import { HEALTH_OVERRIDE_PROPERTY, parseHealthOverride } from './health-override';
import type { JiraIssue, JiraProject, JiraUser, JiraVersion, StatusCategory } from './models';
import { parseProfile } from './profile';
import type { RawIssue, RawProject, RawUser, RawVersion } from './raw';

/** Raw Jira JSON → domain objects. Tolerant of the properties real sites leave out. */

/** `2024-09-12T19:21:32.992+0000` (Jira's numeric offset without a colon) → `2024-09-12T19:21:32.992Z`. */
export function jiraInstant(value: unknown): string | null {
  // The spec's own examples carry epoch milliseconds in places; anything else that is not text is no date.
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value).toISOString() : null;
  if (typeof value !== 'string' || !value) return null;
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A `yyyy-MM-dd` date; the spec's own versions example carries epoch milliseconds instead. */
function jiraDate(value: string | number | null | undefined): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value).toISOString().slice(0, 10) : null;
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

const STATUS_CATEGORIES: readonly StatusCategory[] = ['new', 'indeterminate', 'done', 'undefined'];

/** On `statusCategory.key` only: the category name is localised ("Terminé", "In Arbeit"). */
function statusCategory(key: string | undefined): StatusCategory {
  return STATUS_CATEGORIES.find((c) => c === key) ?? 'undefined';
}

export function mapUser(raw: RawUser): JiraUser {
  const email = typeof raw.emailAddress === 'string' && raw.emailAddress.trim() !== '' ? raw.emailAddress.trim().toLowerCase() : null;
  return {
    // Data Center has no account id: its stable id is the user key (the username may be renamed).
    accountId: raw.accountId || raw.key || raw.name || '',
    displayName: raw.displayName ?? '',
    email,
    active: raw.active ?? true,
  };
}

const browse = (site: string, key: string) => `${site}/browse/${encodeURIComponent(key)}`;

export function mapProject(raw: RawProject, site: string, profileProperty: string): JiraProject {
  return {
    id: raw.id,
    key: raw.key,
    name: raw.name,
    description: raw.description?.trim() ? raw.description : null,
    url: browse(site, raw.key),
    category: raw.projectCategory?.name ?? null,
    lead: raw.lead ? mapUser(raw.lead) : null,
    profile: raw.properties && profileProperty in raw.properties ? parseProfile(raw.properties[profileProperty]) : null,
    healthOverride: raw.properties && HEALTH_OVERRIDE_PROPERTY in raw.properties ? parseHealthOverride(raw.properties[HEALTH_OVERRIDE_PROPERTY]) : null,
  };
}

export function mapVersion(raw: RawVersion): JiraVersion {
  return {
    id: raw.id,
    projectId: raw.projectId === undefined ? null : String(raw.projectId),
    name: raw.name,
    description: raw.description?.trim() ? raw.description : null,
    startDate: jiraDate(raw.startDate),
    releaseDate: jiraDate(raw.releaseDate),
    released: raw.released ?? false,
    archived: raw.archived ?? false,
    overdue: raw.overdue ?? false,
    issues: raw.issuesStatusForFixVersion
      ? {
          toDo: raw.issuesStatusForFixVersion.toDo ?? 0,
          inProgress: raw.issuesStatusForFixVersion.inProgress ?? 0,
          done: raw.issuesStatusForFixVersion.done ?? 0,
          unmapped: raw.issuesStatusForFixVersion.unmapped ?? 0,
        }
      : null,
  };
}

export function mapIssue(raw: RawIssue, site: string, storyPointsField: string | null): JiraIssue {
  const f = raw.fields ?? {};
  const points = storyPointsField ? f[storyPointsField] : null;
  const type = f.issuetype;
  // A Blocks link carrying `inwardIssue` reads "<this issue> is blocked by <inwardIssue>".
  const blockers = (f.issuelinks ?? [])
    .filter((l) => (l.type?.name === 'Blocks' || l.type?.inward === 'is blocked by') && l.inwardIssue)
    .map((l) => l.inwardIssue!);
  return {
    id: raw.id,
    key: raw.key,
    projectKey: f.project?.key ?? raw.key.slice(0, raw.key.lastIndexOf('-')),
    summary: f.summary ?? '',
    type: type?.name ?? '',
    hierarchyLevel: type?.hierarchyLevel ?? (type?.subtask ? -1 : 0),
    status: f.status?.name ?? '',
    statusCategory: statusCategory(f.status?.statusCategory?.key),
    priority: f.priority?.name ?? null,
    assignee: f.assignee ? mapUser(f.assignee) : null,
    reporter: f.reporter ? mapUser(f.reporter) : null,
    dueDate: jiraDate(f.duedate),
    created: jiraInstant(f.created) ?? '',
    updated: jiraInstant(f.updated) ?? '',
    resolved: jiraInstant(f.resolutiondate),
    labels: f.labels ?? [],
    storyPoints: typeof points === 'number' && Number.isFinite(points) ? points : null,
    parentKey: f.parent?.key ?? null,
    fixVersionIds: (f.fixVersions ?? []).map((v) => v.id),
    fixVersions: (f.fixVersions ?? []).map((v) => ({ id: v.id, name: v.name ?? '', released: v.released ?? false, releaseDate: jiraDate(v.releaseDate) })),
    blockedBy: blockers.map((b) => b.key),
    unresolvedBlockers: blockers.filter((b) => b.fields?.status?.statusCategory?.key !== 'done').map((b) => b.key),
    url: browse(site, raw.key),
  };
}
