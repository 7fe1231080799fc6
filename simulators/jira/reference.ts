import type { DemoIssue, StatusCategoryKey } from '../data/dataset';

/**
 * Jira's own reference data as a company-managed Cloud site ships it: statuses, categories, priorities,
 * issue types, the Blocks link type and the story points custom field. Ids follow real sites (and the
 * fixtures), so a payload from the simulator reads like one from Atlassian.
 */

export interface StatusCategoryRef {
  id: number;
  key: StatusCategoryKey | 'undefined';
  colorName: string;
  name: string;
}

/** The real category ids and keys; `name` is localised on real sites, which is why clients map on `key`. */
export const STATUS_CATEGORIES: Record<StatusCategoryRef['key'], StatusCategoryRef> = {
  undefined: { id: 1, key: 'undefined', colorName: 'medium-gray', name: 'No Category' },
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
};

export interface StatusRef {
  id: string;
  name: string;
  description: string;
  category: StatusCategoryKey;
}

export const STATUSES: readonly StatusRef[] = [
  { id: '10000', name: 'To Do', description: '', category: 'new' },
  { id: '10001', name: 'Backlog', description: '', category: 'new' },
  { id: '3', name: 'In Progress', description: 'This issue is being actively worked on at the moment by the assignee.', category: 'indeterminate' },
  { id: '10003', name: 'In Review', description: '', category: 'indeterminate' },
  { id: '10004', name: 'Blocked', description: 'Work cannot continue until another issue is resolved.', category: 'indeterminate' },
  { id: '10002', name: 'Done', description: '', category: 'done' },
];

export interface PriorityRef {
  id: string;
  name: DemoIssue['priority'];
  /** 1 = most urgent; Jira sorts `ORDER BY priority DESC` most urgent first. */
  sequence: number;
}

export const PRIORITIES: readonly PriorityRef[] = [
  { id: '1', name: 'Highest', sequence: 1 },
  { id: '2', name: 'High', sequence: 2 },
  { id: '3', name: 'Medium', sequence: 3 },
  { id: '4', name: 'Low', sequence: 4 },
  { id: '5', name: 'Lowest', sequence: 5 },
];

export interface IssueTypeRef {
  id: string;
  name: DemoIssue['type'];
  description: string;
  subtask: boolean;
  avatarId: number;
  /** Epic 1, standard 0, sub-task −1. */
  hierarchyLevel: number;
}

export const ISSUE_TYPES: readonly IssueTypeRef[] = [
  { id: '10000', name: 'Epic', description: 'Epics track collections of related bugs, stories, and tasks.', subtask: false, avatarId: 10307, hierarchyLevel: 1 },
  { id: '10001', name: 'Story', description: 'Stories track functionality or features expressed as user goals.', subtask: false, avatarId: 10315, hierarchyLevel: 0 },
  { id: '10002', name: 'Task', description: 'Tasks track small, distinct pieces of work.', subtask: false, avatarId: 10318, hierarchyLevel: 0 },
  { id: '10003', name: 'Sub-task', description: 'Subtasks track small pieces of work that are part of a larger task.', subtask: true, avatarId: 10316, hierarchyLevel: -1 },
  { id: '10004', name: 'Bug', description: 'Bugs track problems or errors.', subtask: false, avatarId: 10303, hierarchyLevel: 0 },
];

export const RESOLUTION_DONE = { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' };

export const BLOCKS_LINK_TYPE = { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' };

/** "Story point estimate" is customfield_10016 on most Cloud sites; clients must still discover it. */
export const STORY_POINTS_FIELD = 'customfield_10016';

const byName = <T extends { name: string }>(items: readonly T[]): Map<string, T> =>
  new Map(items.map((item) => [item.name, item]));

const STATUS_BY_NAME = byName(STATUSES);
const PRIORITY_BY_NAME = byName(PRIORITIES);
const ISSUE_TYPE_BY_NAME = byName(ISSUE_TYPES);

export const statusOf = (issue: DemoIssue): StatusRef => STATUS_BY_NAME.get(issue.status) ?? STATUSES[0];
export const priorityOf = (issue: DemoIssue): PriorityRef => PRIORITY_BY_NAME.get(issue.priority) ?? PRIORITIES[2];
export const issueTypeOf = (issue: DemoIssue): IssueTypeRef => ISSUE_TYPE_BY_NAME.get(issue.type) ?? ISSUE_TYPES[2];
