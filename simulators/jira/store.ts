import type { Dataset, DemoIssue, DemoPerson, DemoProject, DemoStatusReport, DemoVersion } from '../data/dataset';
import { EntityProperties } from './properties';

export type JiraDeployment = 'cloud' | 'datacenter';

/** The Jira project status reports are filed in (one issue per report), unless the simulator is told otherwise. */
export const DEFAULT_PMO_PROJECT_KEY = 'PMO';
/** The issue property holding a report's structured body, and the label tying a report to its project. */
export const STATUS_REPORT_PROPERTY = 'pmo.statusReport';
export const statusReportLabel = (projectKey: string): string => `pmo-status-${projectKey}`;

const DAY = 86_400_000;

/** The project property the PMO metadata lives in (see connectors/jira/models.ts PmoProfile). */
const PROFILE_PROPERTY = 'pmo.profile';

/** One field change in an issue's changelog, as webhooks carry it. */
export interface ChangelogEntry {
  field: string;
  fieldtype: 'jira';
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

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
  /** The PMO reports project: a plain Jira project the data set's status reports are seeded into. */
  readonly pmoProject: DemoProject;
  /** Bumped on every write, so cached search results are dropped. */
  revision = 0;
  private readonly allIssues: DemoIssue[];
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
  private peopleByEmail: Map<string, DemoPerson> | undefined;
  /** The last issue id and each project's last issue number handed out by createIssue. */
  private lastId: number | undefined;
  private readonly lastNumber = new Map<string, number>();
  private peopleByUserName: Map<string, DemoPerson> | undefined;
  /** Cloud (REST v3) or Data Center (REST v2 only): decides paths, self links and how users look. */
  readonly deployment: JiraDeployment;
  /** `/rest/api/3` or `/rest/api/2`. */
  readonly api: string;

  constructor(dataset: Dataset, options: { pmoProjectKey?: string; deployment?: JiraDeployment } = {}) {
    this.deployment = options.deployment ?? 'cloud';
    this.api = this.deployment === 'cloud' ? '/rest/api/3' : '/rest/api/2';
    const pmoLead = dataset.people.find((p) => p.inDirectory && /Portfolio|Chief/.test(p.title)) ?? dataset.people[0];
    this.pmoProject = {
      id: String(10000 + dataset.projects.length + 1000),
      key: options.pmoProjectKey ?? DEFAULT_PMO_PROJECT_KEY,
      name: 'PMO Status Reports',
      description: 'Project status reports filed through the PMO graph: one issue per report.',
      category: 'PMO',
      categoryId: '19999',
      department: pmoLead.department,
      leadId: pmoLead.scimId,
      sponsorId: pmoLead.scimId,
      phase: 'EXECUTING',
      priority: 3,
      plannedStart: '2020-01-01',
      plannedEnd: '2099-12-31',
      team: [],
      versions: [],
      statusReports: [],
    };
    this.projects = [...dataset.projects, this.pmoProject].sort((a, b) => a.key.localeCompare(b.key));
    this.allIssues = [...dataset.issues];
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
    this.projectByKey.set(this.pmoProject.key.toUpperCase(), this.pmoProject);
    this.projectById.set(this.pmoProject.id, this.pmoProject);
    this.issuesByProject.set(this.pmoProject.key, []);
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
    this.seedStatusReports(dataset);
  }

  get issues(): readonly DemoIssue[] {
    return this.allIssues;
  }

  /**
   * Creates an issue (what `POST /rest/api/3/issue` does once the request is validated): the next key in its
   * project, status To Do, created and updated `at`, with its entity properties set in the same step.
   */
  createIssue(
    project: DemoProject,
    fields: { type: DemoIssue['type']; summary: string; labels: string[]; reporterId: string; at: Date },
    properties: ReadonlyArray<{ key: string; value: unknown }> = [],
  ): DemoIssue {
    const own = this.issuesByProject.get(project.key) ?? [];
    // The highest number and id so far, computed once and then counted on: seeding thousands of reports must
    // not scan every issue for each one.
    const number = (this.lastNumber.get(project.key) ?? own.reduce((max, i) => Math.max(max, Number(i.key.slice(i.key.lastIndexOf('-') + 1))), 0)) + 1;
    this.lastNumber.set(project.key, number);
    this.lastId = (this.lastId ?? this.allIssues.reduce((max, i) => Math.max(max, Number(i.id)), 0)) + 1;
    const id = String(this.lastId);
    const issue: DemoIssue = {
      id,
      key: `${project.key}-${number}`,
      projectKey: project.key,
      summary: fields.summary,
      type: fields.type,
      status: 'To Do',
      statusCategory: 'new',
      priority: 'Medium',
      assigneeId: null,
      reporterId: fields.reporterId,
      dueDate: null,
      created: fields.at.toISOString(),
      updated: fields.at.toISOString(),
      resolved: null,
      labels: fields.labels,
      storyPoints: null,
      parentKey: null,
      fixVersionIds: [],
      blockedBy: [],
    };
    this.allIssues.push(issue);
    own.push(issue);
    this.issuesByProject.set(project.key, own);
    this.issueByKey.set(issue.key.toUpperCase(), issue);
    this.issueById.set(issue.id, issue);
    for (const { key, value } of properties) this.issueProperties.set(issue.id, key, value);
    this.insights.set(project.key, { totalIssueCount: own.length, lastIssueUpdateTime: issue.updated });
    this.revision++;
    return issue;
  }

  /**
   * Changes an issue's fields (an edit or a transition), stamping `updated` (and `resolved` on reaching Done),
   * and answers the changelog items Jira would record: one per field whose value changed.
   */
  updateIssue(issue: DemoIssue, changes: Partial<Pick<DemoIssue, 'summary' | 'dueDate' | 'labels' | 'priority' | 'assigneeId' | 'status' | 'statusCategory'>>, at: Date): ChangelogEntry[] {
    const names: Record<string, string> = { summary: 'summary', dueDate: 'duedate', labels: 'labels', priority: 'priority', assigneeId: 'assignee', status: 'status' };
    const items: ChangelogEntry[] = [];
    const shown = (value: unknown): string | null => (value === null || value === undefined ? null : Array.isArray(value) ? value.join(' ') : String(value));
    for (const [field, value] of Object.entries(changes) as Array<[keyof typeof changes, unknown]>) {
      const before = issue[field];
      if (JSON.stringify(before) === JSON.stringify(value)) continue;
      (issue as unknown as Record<string, unknown>)[field] = value;
      if (names[field]) items.push({ field: names[field], fieldtype: 'jira', from: shown(before), fromString: shown(before), to: shown(value), toString: shown(value) });
    }
    if (!items.length) return items;
    issue.updated = at.toISOString();
    if (changes.statusCategory) issue.resolved = changes.statusCategory === 'done' ? issue.updated : null;
    this.insights.set(issue.projectKey, { totalIssueCount: this.issuesOf(issue.projectKey).length, lastIssueUpdateTime: issue.updated });
    this.revision++;
    return items;
  }

  /** Issue counts by status category of a version's issues (`expand=issuesstatus`). */
  versionIssueCounts(versionId: string): { toDo: number; inProgress: number; done: number; unmapped: number } {
    const counts = { toDo: 0, inProgress: 0, done: 0, unmapped: 0 };
    const found = this.version(versionId);
    if (!found) return counts;
    for (const issue of this.issuesOf(found.project.key)) {
      if (!issue.fixVersionIds.includes(versionId)) continue;
      if (issue.statusCategory === 'new') counts.toDo++;
      else if (issue.statusCategory === 'indeterminate') counts.inProgress++;
      else if (issue.statusCategory === 'done') counts.done++;
      else counts.unmapped++;
    }
    return counts;
  }

  /**
   * The data set's status reports, filed as the projects subgraph files them: one issue per report in the
   * PMO project, labelled for its project, with the structured body in the `pmo.statusReport` property.
   */
  private seedStatusReports(dataset: Dataset): void {
    const reports = dataset.projects
      .flatMap((project) => project.statusReports.map((report) => ({ project, report })))
      .sort((a, b) => a.report.statusDate.localeCompare(b.report.statusDate) || a.project.key.localeCompare(b.project.key));
    for (const { project, report } of reports) {
      this.createIssue(
        this.pmoProject,
        {
          type: 'Task',
          summary: `${project.key} status ${report.statusDate}: ${report.overall}`,
          labels: [statusReportLabel(project.key)],
          reporterId: report.authorId,
          at: new Date(`${report.statusDate}T16:00:00.000Z`),
        },
        [{ key: STATUS_REPORT_PROPERTY, value: this.statusReportBody(project, report) }],
      );
    }
  }

  private statusReportBody(project: DemoProject, report: DemoStatusReport): unknown {
    const { id: _id, authorId, ...body } = report;
    return {
      projectKey: project.key,
      authorEmail: this.personById.get(authorId)?.email.toLowerCase() ?? null,
      submittedAt: `${report.statusDate}T16:00:00.000Z`,
      ...body,
    };
  }

  /** By key (case-insensitive, as Jira resolves keys) or by numeric id. */
  project(idOrKey: string): DemoProject | undefined {
    return this.projectByKey.get(idOrKey.toUpperCase()) ?? this.projectById.get(idOrKey);
  }

  /** A Jira user by email, case-insensitive: JQL user clauses accept an email address as well as an account id. */
  personByEmail(email: string): DemoPerson | undefined {
    this.peopleByEmail ??= new Map([...this.personById.values()].map((p) => [p.email.toLowerCase(), p]));
    return this.peopleByEmail.get(email.toLowerCase());
  }

  person(scimId: string | null): DemoPerson | null {
    return scimId === null ? null : this.personById.get(scimId) ?? null;
  }

  /**
   * A Data Center username: the email's local part, lower-cased. Users made since Jira 8 have keys like
   * `JIRAUSER10100`, older ones the lower-cased username; the simulator uses the latter, so key = username.
   */
  userName(person: DemoPerson): string {
    return person.email.slice(0, person.email.indexOf('@')).toLowerCase();
  }

  /** A Data Center user by username or user key (the same here). */
  personByUserName(name: string): DemoPerson | undefined {
    this.peopleByUserName ??= new Map([...this.personById.values()].map((p) => [this.userName(p), p]));
    return this.peopleByUserName.get(name.toLowerCase());
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
