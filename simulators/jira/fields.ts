import type { Route } from '../common/server';
import { STORY_POINTS_FIELD } from './reference';

/** FieldDetails as `GET /rest/api/3/field` returns them; also the `names`/`schema` expansions of a search. */
export interface FieldDetails {
  id: string;
  key: string;
  name: string;
  custom: boolean;
  orderable: boolean;
  navigable: boolean;
  searchable: boolean;
  clauseNames: string[];
  schema?: { type: string; system?: string; items?: string; custom?: string; customId?: number };
}

const system = (
  id: string,
  name: string,
  type: string,
  clauseNames: string[] = [id],
  extra: { items?: string; orderable?: boolean; navigable?: boolean } = {},
): FieldDetails => ({
  id,
  key: id,
  name,
  custom: false,
  orderable: extra.orderable ?? true,
  navigable: extra.navigable ?? true,
  searchable: true,
  clauseNames,
  schema: { type, system: id, ...(extra.items ? { items: extra.items } : {}) },
});

/** The fields the simulator renders on an issue, in the order a `*all` search lists them. */
export const ISSUE_FIELDS: readonly FieldDetails[] = [
  system('summary', 'Summary', 'string'),
  system('issuetype', 'Issue Type', 'issuetype', ['issuetype', 'type']),
  system('status', 'Status', 'status'),
  system('priority', 'Priority', 'priority'),
  system('assignee', 'Assignee', 'user'),
  system('reporter', 'Reporter', 'user'),
  system('duedate', 'Due date', 'date', ['due', 'duedate']),
  system('created', 'Created', 'datetime', ['created', 'createdDate']),
  system('updated', 'Updated', 'datetime', ['updated', 'updatedDate']),
  system('resolutiondate', 'Resolved', 'datetime', ['resolutiondate', 'resolved']),
  system('resolution', 'Resolution', 'resolution'),
  system('labels', 'Labels', 'array', ['labels'], { items: 'string' }),
  system('parent', 'Parent', 'issuelink', ['parent'], { orderable: false }),
  system('fixVersions', 'Fix versions', 'array', ['fixVersion'], { items: 'version' }),
  system('issuelinks', 'Linked Issues', 'array', ['issueLink'], { items: 'issuelinks', orderable: false }),
  system('project', 'Project', 'project'),
  {
    id: STORY_POINTS_FIELD,
    key: STORY_POINTS_FIELD,
    name: 'Story point estimate',
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: ['cf[10016]', 'Story point estimate'],
    schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: 10016 },
  },
];

/** Fields that exist but are not renderable values of `fields` (the key is part of the issue envelope). */
const OTHER_FIELDS: readonly FieldDetails[] = [
  { ...system('issuekey', 'Key', 'string', ['id', 'issue', 'issuekey', 'key']), schema: undefined },
  system('statusCategory', 'Status Category', 'statusCategory', ['statusCategory'], { orderable: false, navigable: false }),
];

export const FIELD_BY_ID = new Map(ISSUE_FIELDS.map((f) => [f.id, f]));

/**
 * Data Center sites carry the classic "Story Points" number field (a plain float custom field), not Cloud's
 * "Story point estimate"; same id here, so issues render alike.
 */
const DATA_CENTER_FIELDS: readonly FieldDetails[] = ISSUE_FIELDS.map((f) =>
  f.id === STORY_POINTS_FIELD
    ? { ...f, name: 'Story Points', clauseNames: ['cf[10016]', 'Story Points'], schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float', customId: 10016 } }
    : f,
);

export function fieldRoutes(deployment: 'cloud' | 'datacenter' = 'cloud'): Route[] {
  const fields = deployment === 'cloud' ? ISSUE_FIELDS : DATA_CENTER_FIELDS;
  return [{ method: 'GET', pattern: '/rest/api/3/field', handler: () => ({ status: 200, body: [...fields, ...OTHER_FIELDS] }) }];
}
