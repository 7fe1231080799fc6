import type { Dataset, DemoIssue, DemoPerson, DemoProject, DemoVersion } from '../data/dataset';
import { EntityProperties } from './properties';

const DAY = 86_400_000;

/** The project property the PMO metadata lives in (see connectors/jira/models.ts PmoProfile). */
const PROFILE_PROPERTY = 'pmo.profile';

export interface BlocksLink {
  id: string;
  /** The issue that must finish first. */
  blocker: DemoIssue;
  blocked: DemoIssue;
}

export interface ProjectInsight {
  totalIssueCount: number;
  lastIssueUpdateTime: string | null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The simulator's view of the data set: indexes for every lookup a request makes (issues by project, key,
 * id and parent; people by account id; versions by id and name) plus the mutable state Jira lets clients
 * write (entity properties). Built once per simulator, so no request scans the whole data set to find
 * a project's issues.
 */
export class JiraStore {
  readonly projects: readonly DemoProject[];
  readonly issues: readonly DemoIssue[];
  /**
   * The simulator lives at the end of the data set's as-of day: everything the data set dates "today" has
   * happened, and `overdue` and relative JQL dates (`-14d`) stay stable for a given anchor.
   */
  readonly now: Date;
  /** yyyy-MM-dd of `now`. */
  readonly today: string;
  readonly projectProperties = new EntityProperties();
  readonly issueProperties = new EntityProperties();

  private readonly projectByKey = new Map<string, DemoProject>();
  private readonly projectById = new Map<string, DemoProject>();
  private readonly personById = new Map<string, DemoPerson>();
  private readonly personByAccountId = new Map<string, DemoPerson>();
  private readonly issuesByProject = new Map<string, DemoIssue[]>();
  private readonly issueByKey = new Map<string, DemoIssue>();
  private readonly issueById = new Map<string, DemoIssue>();
  private readonly childrenByParent = new Map<string, DemoIssue[]>();
  private readonly linksByIssue = new Map<string, BlocksLink[]>();
  private readonly versionById = new Map<string, { version: DemoVersion; project: DemoProject }>();
  private readonly versionIdsByName = new Map<string, string[]>();
  private readonly insights = new Map<string, ProjectInsight>();

  constructor(dataset: Dataset) {
    this.projects = [...dataset.projects].sort((a, b) => a.key.localeCompare(b.key));
    this.issues = dataset.issues;
    this.now = new Date(Date.UTC(dataset.anchor.getUTCFullYear(), dataset.anchor.getUTCMonth(), dataset.anchor.getUTCDate()) + DAY - 1);
    this.today = this.now.toISOString().slice(0, 10);

    for (const person of dataset.people) {
      this.personById.set(person.scimId, person);
      this.personByAccountId.set(person.jiraAccountId, person);
    }
    for (const project of dataset.projects) {
      this.projectByKey.set(project.key.toUpperCase(), project);
      this.projectById.set(project.id, project);
      this.issuesByProject.set(project.key, []);
      for (const version of project.versions) {
        this.versionById.set(version.id, { version, project });
        push(this.versionIdsByName, version.name.toLowerCase(), version.id);
      }
      this.projectProperties.set(project.id, PROFILE_PROPERTY, this.profileOf(project));
    }
    for (const issue of dataset.issues) {
      this.issuesByProject.get(issue.projectKey)?.push(issue);
      this.issueByKey.set(issue.key.toUpperCase(), issue);
      this.issueById.set(issue.id, issue);
      if (issue.parentKey) push(this.childrenByParent, issue.parentKey, issue);
    }
    let linkId = 10000;
    for (const blocked of dataset.issues) {
      for (const blockerKey of blocked.blockedBy) {
        const blocker = this.issueByKey.get(blockerKey.toUpperCase());
        if (!blocker) continue;
        const link: BlocksLink = { id: String(linkId++), blocker, blocked };
        push(this.linksByIssue, blocked.key, link);
        push(this.linksByIssue, blocker.key, link);
      }
    }
    for (const [key, issues] of this.issuesByProject) {
      const last = issues.reduce<string | null>((max, i) => (max === null || i.updated > max ? i.updated : max), null);
      this.insights.set(key, { totalIssueCount: issues.length, lastIssueUpdateTime: last });
    }
  }

  /** By key (case-insensitive, as Jira resolves keys) or by numeric id. */
  project(idOrKey: string): DemoProject | undefined {
    return this.projectByKey.get(idOrKey.toUpperCase()) ?? this.projectById.get(idOrKey);
  }

  person(scimId: string | null): DemoPerson | null {
    return scimId === null ? null : this.personById.get(scimId) ?? null;
  }

  personByAccount(accountId: string): DemoPerson | undefined {
    return this.personByAccountId.get(accountId);
  }

  issuesOf(projectKey: string): readonly DemoIssue[] {
    return this.issuesByProject.get(projectKey) ?? [];
  }

  /** By key (case-insensitive) or by numeric id. */
  issue(idOrKey: string): DemoIssue | undefined {
    return this.issueByKey.get(idOrKey.toUpperCase()) ?? this.issueById.get(idOrKey);
  }

  childrenOf(issueKey: string): readonly DemoIssue[] {
    return this.childrenByParent.get(issueKey) ?? [];
  }

  linksOf(issueKey: string): readonly BlocksLink[] {
    return this.linksByIssue.get(issueKey) ?? [];
  }

  version(id: string): { version: DemoVersion; project: DemoProject } | undefined {
    return this.versionById.get(id);
  }

  versionIdsNamed(name: string): readonly string[] {
    return this.versionIdsByName.get(name.toLowerCase()) ?? [];
  }

  insight(projectKey: string): ProjectInsight {
    return this.insights.get(projectKey) ?? { totalIssueCount: 0, lastIssueUpdateTime: null };
  }

  /** Jira's `overdue`: not released and the release date has passed. */
  isOverdue(version: DemoVersion): boolean {
    return !version.released && version.releaseDate !== null && version.releaseDate < this.today;
  }

  private profileOf(project: DemoProject): unknown {
    const email = (scimId: string) => this.personById.get(scimId)?.email.toLowerCase() ?? null;
    return {
      phase: project.phase,
      priority: project.priority,
      sponsorEmail: email(project.sponsorId),
      plannedStart: project.plannedStart,
      plannedEnd: project.plannedEnd,
      team: project.team.map((m) => ({ email: email(m.personId), role: m.role, allocation: m.allocation })),
    };
  }
}
