import type { Route, SimRequest, SimResponse } from '../common/server';
import type { WebhookSender } from '../common/webhooks';
import type { DemoIssue } from '../data/dataset';
import { jiraError } from './errors';
import { PRIORITIES, STATUSES } from './reference';
import { JiraRenderer } from './render';
import type { ChangelogEntry, JiraStore } from './store';

/**
 * Changing issues, and the webhooks Jira sends for it:
 * - `PUT /rest/api/3/issue/{issueIdOrKey}` (edit: summary, duedate, priority, labels, assignee) → 204;
 * - `GET|POST /rest/api/3/issue/{issueIdOrKey}/transitions` → the workflow here lets any status follow any
 *   other, and a transition's id is its target status's id;
 * each change posts `jira:issue_updated` with the issue and a changelog, as Jira does. Creating an issue
 * (issues.ts) posts `jira:issue_created`, setting an issue property `issue_property_set`.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const notFound = () => jiraError(404, 'Issue does not exist or you do not have permission to see it.');

/** The fields a webhook's `issue` carries (Jira sends them all; these are the ones the PMO graph reads). */
const WEBHOOK_FIELDS = ['summary', 'issuetype', 'status', 'priority', 'assignee', 'reporter', 'duedate', 'created', 'updated', 'resolutiondate', 'labels', 'parent', 'fixVersions', 'issuelinks', 'project'];

/** Posts Jira's webhook events about one store's issues. */
export class JiraEvents {
  constructor(
    private readonly store: JiraStore,
    private readonly sender: WebhookSender,
  ) {}

  issue(event: 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted', issue: DemoIssue, baseUrl: string, items: ChangelogEntry[] = []): void {
    const renderer = new JiraRenderer(this.store, baseUrl);
    const fields = Object.fromEntries(WEBHOOK_FIELDS.map((f) => [f, renderer.issueField(issue, f)]).filter(([, v]) => v !== undefined));
    this.sender.send(event, {
      timestamp: Date.now(),
      webhookEvent: event,
      issue_event_type_name: event === 'jira:issue_created' ? 'issue_created' : 'issue_generic',
      issue: { id: issue.id, self: `${baseUrl}${this.store.api}/issue/${issue.id}`, key: issue.key, fields },
      ...(items.length ? { changelog: { id: String(Date.now()), items } } : {}),
    });
  }

  issueProperty(issue: DemoIssue, key: string, value: unknown): void {
    this.sender.send('issue_property_set', {
      timestamp: Date.now(),
      webhookEvent: 'issue_property_set',
      property: { key, value },
      issue: { id: issue.id, key: issue.key, fields: { project: { key: issue.projectKey } } },
    });
  }
}

export function editRoutes(store: JiraStore, events: JiraEvents): Route[] {
  const edit = (req: SimRequest): SimResponse => {
    const issue = store.issue(req.params.issueIdOrKey);
    if (!issue) return notFound();
    if (!isObject(req.body)) return jiraError(400, 'Invalid request payload. Refer to the REST API documentation and try again.');
    const fields = isObject(req.body.fields) ? req.body.fields : {};
    const changes: Partial<DemoIssue> = {};
    const errors: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (name === 'summary' && typeof value === 'string' && value.trim()) changes.summary = value;
      else if (name === 'duedate' && (value === null || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)))) changes.dueDate = value;
      else if (name === 'labels' && Array.isArray(value) && value.every((l) => typeof l === 'string' && !/\s/.test(l))) changes.labels = value as string[];
      else if (name === 'priority' && isObject(value)) {
        const priority = PRIORITIES.find((p) => p.id === value.id || p.name === value.name);
        if (priority) changes.priority = priority.name as DemoIssue['priority'];
        else errors.priority = 'Specify a valid priority';
      } else if (name === 'assignee') {
        const accountId = isObject(value) ? value.accountId : null;
        const person = typeof accountId === 'string' ? store.personByAccount(accountId) : undefined;
        if (value === null) changes.assigneeId = null;
        else if (person) changes.assigneeId = person.scimId;
        else errors.assignee = 'Specify a valid user';
      } else errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
    }
    if (Object.keys(errors).length) return jiraError(400, [], errors);
    const items = store.updateIssue(issue, changes, new Date());
    if (items.length) events.issue('jira:issue_updated', issue, req.baseUrl, items);
    return { status: 204 };
  };

  const transitions = (req: SimRequest): SimResponse => {
    const issue = store.issue(req.params.issueIdOrKey);
    if (!issue) return notFound();
    return {
      status: 200,
      body: { transitions: STATUSES.filter((s) => s.name !== issue.status).map((s) => ({ id: s.id, name: s.name, to: { id: s.id, name: s.name }, hasScreen: false })) },
    };
  };

  const transition = (req: SimRequest): SimResponse => {
    const issue = store.issue(req.params.issueIdOrKey);
    if (!issue) return notFound();
    const id = isObject(req.body) && isObject(req.body.transition) ? req.body.transition.id : undefined;
    const status = STATUSES.find((s) => s.id === String(id));
    if (!status) return jiraError(400, 'Transition id is not valid for this issue.');
    const items = store.updateIssue(issue, { status: status.name, statusCategory: status.category }, new Date());
    if (items.length) events.issue('jira:issue_updated', issue, req.baseUrl, items);
    return { status: 204 };
  };

  return [
    { method: 'PUT', pattern: '/rest/api/3/issue/:issueIdOrKey', handler: edit },
    { method: 'GET', pattern: '/rest/api/3/issue/:issueIdOrKey/transitions', handler: transitions },
    { method: 'POST', pattern: '/rest/api/3/issue/:issueIdOrKey/transitions', handler: transition },
  ];
}
