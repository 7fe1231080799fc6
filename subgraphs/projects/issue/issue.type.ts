import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { globalId, ID_DESCRIPTION } from '../../common/global-id';
import type { JiraIssue } from '../../../connectors/jira/models';
import { ConnectionType } from '../../common/pagination';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { StatusCategory, statusCategoryOf } from './issue.enums';

/** A Jira issue; assignee, reporter, parent and project are resolved in issue.resolver.ts. */
@Directive('@key(fields: "key")')
@ObjectType()
export class Issue {
  @Field(() => ID, { description: ID_DESCRIPTION })
  get id(): string {
    return globalId('Issue', this.key);
  }

  @Field()
  key!: string;

  @Field()
  summary!: string;

  @Field({ description: 'Issue type name, e.g. Epic, Story, Bug, Sub-task.' })
  type!: string;

  @Field({ description: 'Workflow status name as configured in Jira.' })
  status!: string;

  @Field(() => StatusCategory)
  statusCategory!: StatusCategory;

  @Field(() => String, { nullable: true })
  priority!: string | null;

  @Field(() => DateScalar, { nullable: true })
  dueDate!: string | null;

  @Field(() => DateTimeScalar)
  created!: string;

  @Field(() => DateTimeScalar)
  updated!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  resolved!: string | null;

  @Field(() => [String])
  labels!: string[];

  @Field(() => Float, { nullable: true })
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
