import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { globalId, ID_DESCRIPTION } from '../../common/global-id';
import type { JiraIssue } from '../../../connectors/jira/models';
import { ConnectionType } from '../../common/pagination';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { StatusCategory, statusCategoryOf } from './issue.enums';

/** A Jira issue; assignee, reporter, parent and project are resolved in issue.resolver.ts. */
@Directive('@key(fields: "key")')
@ObjectType({ description: 'A Jira issue of a portfolio project.' })
export class Issue {
  @Field(() => ID, { description: ID_DESCRIPTION })
  get id(): string {
    return globalId('Issue', this.key);
  }

  @Field({ description: 'The Jira issue key, e.g. APOLLO-12.' })
  key!: string;

  @Field({ description: 'The one-line summary.' })
  summary!: string;

  @Field({ description: 'Issue type name, e.g. Epic, Story, Bug, Sub-task.' })
  type!: string;

  @Field({ description: 'Workflow status name as configured in Jira.' })
  status!: string;

  @Field(() => StatusCategory, { description: 'What the status means, whatever the workflow calls it.' })
  statusCategory!: StatusCategory;

  @Field(() => String, { nullable: true, description: 'Priority name as configured in Jira, e.g. High; null when the issue has none.' })
  priority!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Due date; null when not set.' })
  dueDate!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the issue was created.' })
  created!: string;

  @Field(() => DateTimeScalar, { description: 'When the issue last changed: the stamp updatedSince and updatedBefore compare.' })
  updated!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the issue was resolved; null while unresolved.' })
  resolved!: string | null;

  @Field(() => [String], { description: 'Jira labels.' })
  labels!: string[];

  @Field(() => Float, { nullable: true, description: 'Story point estimate; null when not estimated.' })
  storyPoints!: number | null;

  @Field({ description: 'The issue in the Jira UI.' })
  url!: string;

  /** The connector's object, for field resolvers (not exposed). */
  source!: JiraIssue;
}

export const IssueConnection = ConnectionType('Issue', Issue);

export function toIssue(issue: JiraIssue): Issue {
  return Object.assign(new Issue(), {
    key: issue.key,
    summary: issue.summary,
    type: issue.type,
    status: issue.status,
    statusCategory: statusCategoryOf(issue.statusCategory),
    priority: issue.priority,
    dueDate: issue.dueDate,
    created: issue.created,
    updated: issue.updated,
    resolved: issue.resolved,
    labels: issue.labels,
    storyPoints: issue.storyPoints,
    url: issue.url,
    source: issue,
  });
}
