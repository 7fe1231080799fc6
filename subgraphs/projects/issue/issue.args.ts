import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { StatusCategory } from './issue.enums';

@InputType({ description: 'Narrows an issue list. All given conditions must hold; a list matches any of its values.' })
export class IssueFilter {
  @Field(() => [StatusCategory], { nullable: true, description: 'Any of these status categories.' })
  statusCategory?: StatusCategory[] | null;

  @Field(() => [String], { nullable: true, description: 'Issue type names, e.g. Story, Bug.' })
  type?: string[] | null;

  @Field(() => String, { nullable: true, description: "The assignee's work email." })
  assigneeEmail?: string | null;

  @Field(() => [String], { nullable: true, description: 'Priority names, e.g. Highest, High.' })
  priority?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Issues carrying any of these labels.' })
  labels?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'Due strictly before this date.' })
  dueBefore?: Date | string | null;

  @Field(() => String, { nullable: true, description: "Jira's text search over summary, description and comments." })
  search?: string | null;
}

@ArgsType()
export class ProjectIssuesArgs {
  @Field(() => IssueFilter, { nullable: true, description: 'Conditions the issues must meet.' })
  filter?: IssueFilter | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Only issues updated at or after this instant (minute precision, as JQL compares), for incremental refresh.',
  })
  updatedSince?: Date | string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Only issues updated before this instant (minute precision): with updatedSince, the half-open window [updatedSince, updatedBefore).',
  })
  updatedBefore?: Date | string | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 25, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page; omit for the first page.' })
  after?: string | null;
}

@ArgsType()
export class IssuesArgs extends ProjectIssuesArgs {
  @Field(() => String, { nullable: true, description: 'One project; without it, every project (except the PMO reports project).' })
  projectKey?: string | null;
}
