import type { DemoIssue, DemoPerson, DemoProject, DemoVersion } from '../data/dataset';
import { EMAIL_DOMAIN } from '../data/catalog';
import {
  BLOCKS_LINK_TYPE, ISSUE_TYPES, RESOLUTION_DONE, STATUS_CATEGORIES, STORY_POINTS_FIELD, issueTypeOf, priorityOf, statusOf,
  type IssueTypeRef,
} from './reference';
import type { JiraStore } from './store';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const AVATAR_HOST = 'https://avatar-management--avatars.server-location.prod.public.atl-paas.net';

/** Jira's timestamp format: `2024-09-12T19:21:32.992+0000` (numeric offset, no colon). */
function jiraDateTime(iso: string | null): string | null {
  return iso === null ? null : new Date(iso).toISOString().replace('Z', '+0000');
}

/** The `userReleaseDate` style: `6/Jul/2010`. */
function userDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d}/${MONTHS[m - 1]}/${y}`;
}

export type Json = Record<string, unknown>;

export interface ProjectExpansions {
  description?: boolean;
  lead?: boolean;
  url?: boolean;
  projectKeys?: boolean;
  issueTypes?: boolean;
  insight?: boolean;
}

/** Renders data set records as Jira Cloud v3 JSON, with self links on the base URL the client used. */
export class JiraRenderer {
  constructor(
    private readonly store: JiraStore,
    readonly base: string,
  ) {}

  /** A User; `emailAddress` is omitted, not nulled, for people whose privacy settings hide it, as Jira does. */
  user(person: DemoPerson): Json {
    const initials = `${person.givenName[0]}${person.familyName[0]}`.toUpperCase();
    const shade = (person.familyName.length % 6) + 1;
    const avatar = (size: number) => `${AVATAR_HOST}/initials/${initials}-${shade}.png?size=${size}&s=${size}`;
    if (this.store.deployment === 'datacenter') {
      // Data Center users have a username and a user key, no account id.
      const name = this.store.userName(person);
      return {
        self: `${this.base}/rest/api/2/user?username=${encodeURIComponent(name)}`,
        key: name,
        name,
        ...(person.jiraEmailHidden ? {} : { emailAddress: person.email }),
        avatarUrls: { '48x48': `${this.base}/secure/useravatar?avatarId=10122`, '24x24': `${this.base}/secure/useravatar?size=small&avatarId=10122` },
        displayName: person.displayName,
        active: person.active,
        timeZone: 'America/New_York',
      };
    }
    return {
      self: `${this.base}${this.store.api}/user?accountId=${encodeURIComponent(person.jiraAccountId)}`,
      accountId: person.jiraAccountId,
      accountType: 'atlassian',
      ...(person.jiraEmailHidden ? {} : { emailAddress: person.email }),
      avatarUrls: { '48x48': avatar(48), '24x24': avatar(24), '16x16': avatar(16), '32x32': avatar(32) },
      displayName: person.displayName,
      active: person.active,
      timeZone: 'America/New_York',
    };
  }

  userById(scimId: string | null): Json | null {
    const person = this.store.person(scimId);
    return person ? this.user(person) : null;
  }

  project(project: DemoProject, expand: ProjectExpansions = {}, properties?: readonly string[]): Json {
    const avatar = (size: string) => `${this.base}/secure/projectavatar?size=${size}&pid=${project.id}`;
    return {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      self: `${this.base}${this.store.api}/project/${project.key}`,
      id: project.id,
      key: project.key,
      ...(expand.description ? { description: project.description } : {}),
      ...(expand.lead ? { lead: this.userById(project.leadId) } : {}),
      ...(expand.issueTypes ? { issueTypes: ISSUE_TYPES.map((t) => this.issueType(t)) } : {}),
      name: project.name,
      avatarUrls: { '48x48': avatar('large'), '24x24': avatar('small'), '16x16': avatar('xsmall'), '32x32': avatar('medium') },
      projectCategory: {
        self: `${this.base}${this.store.api}/projectCategory/${project.categoryId}`,
        id: project.categoryId,
        name: project.category,
        description: `${project.category} projects`,
      },
      projectTypeKey: 'software',
      simplified: false,
      style: 'classic',
      isPrivate: false,
      ...(expand.url ? { url: `https://it.${EMAIL_DOMAIN}/projects/${project.key.toLowerCase()}` } : {}),
      ...(expand.projectKeys ? { projectKeys: [project.key] } : {}),
      ...(expand.insight ? { insight: this.insight(project) } : {}),
      ...(properties ? { properties: this.store.projectProperties.pick(project.id, properties) } : {}),
    };
  }

  /** `GET /project/{key}`: description, lead, issue types, versions, components and the roles map. */
  projectDetail(project: DemoProject, expand: ProjectExpansions, properties?: readonly string[]): Json {
    return {
      ...this.project(project, { ...expand, description: true, lead: true, issueTypes: true, url: true }, properties),
      components: [],
      assigneeType: 'UNASSIGNED',
      versions: project.versions.map((v) => this.version(v, project)),
      roles: this.projectRoles(project),
    };
  }

  projectRoles(project: DemoProject): Record<string, string> {
    const url = (id: number) => `${this.base}${this.store.api}/project/${project.key}/role/${id}`;
    return { Administrators: url(10002), Developers: url(10001) };
  }

  version(version: DemoVersion, project: DemoProject): Json {
    return {
      self: `${this.base}${this.store.api}/version/${version.id}`,
      id: version.id,
      description: version.description,
      name: version.name,
      archived: version.archived,
      released: version.released,
      ...(version.startDate ? { startDate: version.startDate, userStartDate: userDate(version.startDate) } : {}),
      ...(version.releaseDate ? { releaseDate: version.releaseDate, userReleaseDate: userDate(version.releaseDate) } : {}),
      overdue: this.store.isOverdue(version),
      projectId: Number(project.id),
    };
  }

  issueType(type: IssueTypeRef): Json {
    return {
      self: `${this.base}${this.store.api}/issuetype/${type.id}`,
      id: type.id,
      description: type.description,
      iconUrl: `${this.base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.avatarId}?size=medium`,
      name: type.name,
      subtask: type.subtask,
      avatarId: type.avatarId,
      hierarchyLevel: type.hierarchyLevel,
    };
  }

  /** One field of an issue, by field id; undefined for fields the issue does not carry (e.g. no parent). */
  issueField(issue: DemoIssue, field: string): unknown {
    switch (field) {
      case 'summary':
        return issue.summary;
      case 'issuetype':
        return this.issueType(issueTypeOf(issue));
      case 'status':
        return this.status(issue);
      case 'priority':
        return this.priority(issue);
      case 'assignee':
        return this.userById(issue.assigneeId);
      case 'reporter':
        return this.userById(issue.reporterId);
      case 'duedate':
        return issue.dueDate;
      case 'created':
        return jiraDateTime(issue.created);
      case 'updated':
        return jiraDateTime(issue.updated);
      case 'resolutiondate':
        return jiraDateTime(issue.resolved);
      case 'resolution':
        return issue.resolved
          ? { self: `${this.base}${this.store.api}/resolution/${RESOLUTION_DONE.id}`, ...RESOLUTION_DONE }
          : null;
      case 'labels':
        return issue.labels;
      case STORY_POINTS_FIELD:
        return issue.storyPoints;
      case 'parent': {
        const parent = issue.parentKey ? this.store.issue(issue.parentKey) : undefined;
        return parent ? this.linkedIssue(parent) : undefined;
      }
      case 'fixVersions':
        return issue.fixVersionIds.flatMap((id) => {
          const found = this.store.version(id);
          if (!found) return [];
          const { version } = found;
          return [{
            self: `${this.base}${this.store.api}/version/${version.id}`,
            id: version.id,
            description: version.description,
            name: version.name,
            archived: version.archived,
            released: version.released,
            ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}),
          }];
        });
      case 'issuelinks':
        return this.store.linksOf(issue.key).map((link) => {
          const type = { ...BLOCKS_LINK_TYPE, self: `${this.base}${this.store.api}/issueLinkType/${BLOCKS_LINK_TYPE.id}` };
          const self = `${this.base}${this.store.api}/issueLink/${link.id}`;
          // On the blocked issue the link reads "is blocked by <inwardIssue>"; on the blocker, "blocks <outwardIssue>".
          return link.blocked === issue
            ? { id: link.id, self, type, inwardIssue: this.linkedIssue(link.blocker) }
            : { id: link.id, self, type, outwardIssue: this.linkedIssue(link.blocked) };
        });
      case 'project': {
        const project = this.store.project(issue.projectKey);
        return project && {
          self: `${this.base}${this.store.api}/project/${project.key}`,
          id: project.id,
          key: project.key,
          name: project.name,
          projectTypeKey: 'software',
          simplified: false,
        };
      }
      default:
        return undefined;
    }
  }

  /** The LinkedIssue shape used by `parent` and issue links. */
  private linkedIssue(issue: DemoIssue): Json {
    return {
      id: issue.id,
      key: issue.key,
      self: `${this.base}${this.store.api}/issue/${issue.id}`,
      fields: {
        summary: issue.summary,
        status: this.status(issue),
        priority: this.priority(issue),
        issuetype: this.issueType(issueTypeOf(issue)),
      },
    };
  }

  private status(issue: DemoIssue): Json {
    const status = statusOf(issue);
    const category = STATUS_CATEGORIES[status.category];
    return {
      self: `${this.base}${this.store.api}/status/${status.id}`,
      description: status.description,
      iconUrl: `${this.base}/`,
      name: status.name,
      id: status.id,
      statusCategory: { self: `${this.base}${this.store.api}/statuscategory/${category.id}`, ...category },
    };
  }

  private priority(issue: DemoIssue): Json {
    const priority = priorityOf(issue);
    return {
      self: `${this.base}${this.store.api}/priority/${priority.id}`,
      iconUrl: `${this.base}/images/icons/priorities/${priority.name.toLowerCase()}.svg`,
      name: priority.name,
      id: priority.id,
    };
  }

  private insight(project: DemoProject): Json {
    const insight = this.store.insight(project.key);
    return { totalIssueCount: insight.totalIssueCount, lastIssueUpdateTime: jiraDateTime(insight.lastIssueUpdateTime) };
  }
}
