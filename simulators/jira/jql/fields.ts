import type { DemoIssue } from '../../data/dataset';
import { BLOCKS_LINK_TYPE, ISSUE_TYPES, PRIORITIES, STATUS_CATEGORIES, STATUSES, issueTypeOf, priorityOf, statusOf } from '../reference';
import type { JiraStore } from '../store';
import { JqlError } from './lexer';

/**
 * The JQL fields the simulator can search and sort on, with Jira's semantics per field kind:
 * - `ref`: a field holding references (project, status, user, version...). A value must name something that
 *   exists, as on a real site ("The value 'X' does not exist for the field 'project'."); it is resolved to
 *   canonical ids, so `status = "in progress"` and `status = 3` match alike.
 * - `text`: searched with `~` / `!~` only.
 * - `date` / `datetime`: compared as instants (`date` at day granularity).
 */

export type SortValue = string | number | null;

interface Common {
  /** Absent when Jira cannot order by the field ("Not able to sort using field 'x'."). */
  sort?: (issue: DemoIssue) => SortValue;
}

export interface RefField extends Common {
  kind: 'ref';
  values: (issue: DemoIssue) => readonly string[];
  /** Canonical ids a value stands for; throws JqlError when the value names nothing. */
  resolve: (value: string, typed: string) => readonly string[];
  /** Issues holding one of these canonical ids, from an index, when the field has one. */
  lookup?: (ids: readonly string[]) => readonly DemoIssue[];
  /** Issue keys also take `<`, `<=`, `>`, `>=`: issue numbers compared within the key's project. */
  ordered?: (value: string, typed: string) => { projectKey: string; number: number };
}

export interface TextField extends Common {
  kind: 'text';
  text: (issue: DemoIssue) => string;
}

export interface DateField extends Common {
  kind: 'date' | 'datetime';
  value: (issue: DemoIssue) => number | null;
}

export type JqlField = RefField | TextField | DateField;

const ISSUE_KEY = /^[A-Za-z][A-Za-z0-9_]*-\d+$/;

const notFound = (value: string, typed: string): JqlError =>
  new JqlError(`The value '${value}' does not exist for the field '${typed}'.`);

const time = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** Builds the field table over one store; keys are lower-case names and aliases, as JQL is case-insensitive. */
export function jqlFields(store: JiraStore): Map<string, JqlField> {
  const projectByName = new Map(store.projects.map((p) => [p.name.toLowerCase(), p]));

  const issueRef = (value: string, typed: string): readonly string[] => {
    if (!ISSUE_KEY.test(value) && !/^\d+$/.test(value)) {
      throw new JqlError(`The issue key '${value}' for field '${typed}' is invalid.`);
    }
    const issue = store.issue(value);
    if (!issue) throw new JqlError(`An issue with key '${value}' does not exist for field '${typed}'.`);
    return [issue.key];
  };

  const byNameOrId = <T extends { id: string; name: string }>(items: readonly T[]) =>
    (value: string, typed: string): readonly string[] => {
      const found = items.find((item) => item.id === value || item.name.toLowerCase() === value.toLowerCase());
      if (!found) throw notFound(value, typed);
      return [found.id];
    };

  const user = (pick: (issue: DemoIssue) => string | null): RefField => ({
    kind: 'ref',
    values: (issue) => {
      const person = store.person(pick(issue));
      return person ? [person.jiraAccountId] : [];
    },
    // Jira Cloud takes an account id, or an email address it resolves to the account; Data Center a username,
    // user key or email address.
    resolve: (value, typed) => {
      const person =
        (store.deployment === 'cloud' ? store.personByAccount(value) : store.personByUserName(value)) ?? store.personByEmail(value);
      if (!person) throw notFound(value, typed);
      return [person.jiraAccountId];
    },
    sort: (issue) => store.person(pick(issue))?.displayName ?? null,
  });

  const project: RefField = {
    kind: 'ref',
    values: (issue) => [issue.projectKey],
    resolve: (value, typed) => {
      const found = store.project(value) ?? projectByName.get(value.toLowerCase());
      if (!found) throw notFound(value, typed);
      return [found.key];
    },
    lookup: (keys) => keys.flatMap((key) => store.issuesOf(key)),
    sort: (issue) => issue.projectKey,
  };

  const key: RefField = {
    kind: 'ref',
    values: (issue) => [issue.key],
    resolve: issueRef,
    lookup: (keys) => keys.flatMap((k) => store.issue(k) ?? []),
    // The bound need not exist (it may be a deleted issue a client paged past), but its project must.
    ordered: (value, typed) => {
      if (!ISSUE_KEY.test(value)) throw new JqlError(`The issue key '${value}' for field '${typed}' is invalid.`);
      const dash = value.lastIndexOf('-');
      const found = store.project(value.slice(0, dash));
      if (!found) throw new JqlError(`An issue with key '${value}' does not exist for field '${typed}'.`);
      return { projectKey: found.key, number: Number(value.slice(dash + 1)) };
    },
    sort: (issue) => {
      const number = issue.key.slice(issue.key.lastIndexOf('-') + 1);
      return `${issue.projectKey}\u0000${number.padStart(12, '0')}`;
    },
  };

  const issuetype: RefField = {
    kind: 'ref',
    values: (issue) => [issueTypeOf(issue).id],
    resolve: byNameOrId(ISSUE_TYPES),
    sort: (issue) => issueTypeOf(issue).name,
  };

  const categories = Object.values(STATUS_CATEGORIES);
  const categoryOrder = ['undefined', 'new', 'indeterminate', 'done'];

  const date = (kind: DateField['kind'], pick: (issue: DemoIssue) => string | null): DateField => ({
    kind,
    value: (issue) => time(pick(issue)),
    sort: (issue) => time(pick(issue)),
  });

  const fields: Record<string, JqlField> = {
    project,
    key,
    issuekey: key,
    issue: key,
    id: key,
    parent: {
      kind: 'ref',
      values: (issue) => (issue.parentKey ? [issue.parentKey] : []),
      resolve: issueRef,
      lookup: (keys) => keys.flatMap((k) => store.childrenOf(k)),
    },
    issuetype,
    type: issuetype,
    status: {
      kind: 'ref',
      values: (issue) => [statusOf(issue).id],
      resolve: byNameOrId(STATUSES),
      sort: (issue) => statusOf(issue).name,
    },
    statuscategory: {
      kind: 'ref',
      values: (issue) => [statusOf(issue).category],
      resolve: (value, typed) => {
        const v = value.toLowerCase();
        const found = categories.find((c) => c.key === v || c.name.toLowerCase() === v || String(c.id) === v);
        if (!found) throw notFound(value, typed);
        return [found.key];
      },
      sort: (issue) => categoryOrder.indexOf(statusOf(issue).category),
    },
    priority: {
      kind: 'ref',
      values: (issue) => [priorityOf(issue).id],
      resolve: byNameOrId(PRIORITIES),
      // Ascending runs from the least to the most urgent, so `ORDER BY priority DESC` puts Highest first.
      sort: (issue) => -priorityOf(issue).sequence,
    },
    assignee: user((issue) => issue.assigneeId),
    reporter: user((issue) => issue.reporterId),
    labels: {
      kind: 'ref',
      values: (issue) => issue.labels.map((l) => l.toLowerCase()),
      resolve: (value) => [value.toLowerCase()],
    },
    fixversion: {
      kind: 'ref',
      values: (issue) => issue.fixVersionIds,
      resolve: (value, typed) => {
        const ids = store.version(value) ? [value] : store.versionIdsNamed(value);
        if (!ids.length) throw notFound(value, typed);
        return ids;
      },
      sort: (issue) => (issue.fixVersionIds.length ? Number(issue.fixVersionIds[0]) : null),
    },
    // The link types an issue takes part in, by name and by the direction it reads from this issue.
    issuelinktype: {
      kind: 'ref',
      values: (issue) =>
        store.linksOf(issue.key).flatMap((link) => [BLOCKS_LINK_TYPE.name.toLowerCase(), link.blocked === issue ? BLOCKS_LINK_TYPE.inward : BLOCKS_LINK_TYPE.outward]),
      resolve: (value, typed) => {
        const v = value.toLowerCase();
        if (![BLOCKS_LINK_TYPE.name.toLowerCase(), BLOCKS_LINK_TYPE.inward, BLOCKS_LINK_TYPE.outward].includes(v)) throw notFound(value, typed);
        return [v];
      },
    },
    duedate: date('date', (issue) => issue.dueDate),
    created: date('datetime', (issue) => issue.created),
    updated: date('datetime', (issue) => issue.updated),
    resolved: date('datetime', (issue) => issue.resolved),
    summary: { kind: 'text', text: (issue) => issue.summary, sort: (issue) => issue.summary.toLowerCase() },
    text: { kind: 'text', text: (issue) => issue.summary },
  };
  fields.due = fields.duedate;
  fields.createddate = fields.created;
  fields.updateddate = fields.updated;
  fields.resolutiondate = fields.resolved;
  return new Map(Object.entries(fields));
}
