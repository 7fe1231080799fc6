import type { Route, SimRequest, SimResponse } from '../common/server';
import type { DemoIssue } from '../data/dataset';
import { jiraError } from './errors';
import { ISSUE_TYPES } from './reference';
import type { JiraEvents } from './edits';
import type { JiraStore } from './store';

/**
 * `POST /rest/api/3/issue` (IssueUpdateDetails → 201 CreatedIssue), for the fields a report issue uses:
 * project, issuetype, summary, labels and a description (ADF on Cloud, wiki text on Data Center's
 * `/rest/api/2/issue`), plus `properties` set in the same request.
 * Field errors come back as Jira sends them: 400 with `errors: {field: message}`.
 */

const SETTABLE = new Set(['project', 'issuetype', 'summary', 'labels', 'description']);
const MAX_SUMMARY = 255;
const MAX_PROPERTY_KEY = 255;
const MAX_PROPERTY_BYTES = 32_768;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function issueRoutes(store: JiraStore, events?: JiraEvents): Route[] {
  const create = (req: SimRequest): SimResponse => {
    if (!isObject(req.body)) return jiraError(400, 'Invalid request payload. Refer to the REST API documentation and try again.');
    const fields = isObject(req.body.fields) ? req.body.fields : {};
    const errors: Record<string, string> = {};

    for (const name of Object.keys(fields)) {
      if (!SETTABLE.has(name)) errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
    }
    const ref = isObject(fields.project) ? fields.project : {};
    const project = typeof ref.key === 'string' ? store.project(ref.key) : typeof ref.id === 'string' ? store.project(ref.id) : undefined;
    if (!project) errors.project = 'Specify a valid project ID or key';

    const typeRef = isObject(fields.issuetype) ? fields.issuetype : {};
    const type = ISSUE_TYPES.find((t) => t.id === typeRef.id || (typeof typeRef.name === 'string' && t.name.toLowerCase() === typeRef.name.toLowerCase()));
    if (!type) errors.issuetype = 'Specify an issue type';
    else if (type.subtask) errors.parent = 'Given parent work item does not belong to appropriate hierarchy.';

    const summary = fields.summary;
    if (typeof summary !== 'string' || summary.trim() === '') errors.summary = 'You must specify a summary of the issue.';
    else if (summary.length > MAX_SUMMARY) errors.summary = `Summary must be less than ${MAX_SUMMARY} characters.`;

    const labels = fields.labels ?? [];
    if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string')) errors.labels = 'Labels must be a list of strings.';
    else {
      const spaced = labels.find((l) => /\s/.test(l));
      if (spaced !== undefined) errors.labels = `The label '${spaced}' contains spaces which is invalid.`;
    }
    // v3 rich text is ADF; Data Center's v2 takes wiki markup, a plain string.
    const description = fields.description;
    if (description !== undefined && description !== null) {
      if (store.deployment === 'cloud' && !(isObject(description) && description.type === 'doc')) {
        errors.description = 'Operation value must be an Atlassian Document (see the Atlassian Document Format).';
      } else if (store.deployment === 'datacenter' && typeof description !== 'string') {
        errors.description = 'Operation value must be a string';
      }
    }

    const properties = req.body.properties ?? [];
    const validProperties =
      Array.isArray(properties) &&
      properties.every(
        (p) =>
          isObject(p) &&
          typeof p.key === 'string' &&
          p.key.length > 0 &&
          p.key.length <= MAX_PROPERTY_KEY &&
          p.value !== undefined &&
          Buffer.byteLength(JSON.stringify(p.value), 'utf8') <= MAX_PROPERTY_BYTES,
      );
    if (!validProperties) return jiraError(400, 'The property key or value is invalid.');
    if (Object.keys(errors).length) return jiraError(400, [], errors);

    const issue = store.createIssue(
      project!,
      { type: type!.name as DemoIssue['type'], summary: summary as string, labels: labels as string[], reporterId: project!.leadId, at: new Date() },
      properties as Array<{ key: string; value: unknown }>,
    );
    events?.issue('jira:issue_created', issue, req.baseUrl);
    return { status: 201, body: { id: issue.id, key: issue.key, self: `${req.baseUrl}${store.api}/issue/${issue.id}` } };
  };

  return [{ method: 'POST', pattern: '/rest/api/3/issue', handler: create }];
}
