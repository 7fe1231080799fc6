import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Issue counts by status category.' })
export class StatusCategoryCounts {
  @Field(() => Int, { description: 'Issues to do.' })
  toDo!: number;

  @Field(() => Int, { description: 'Issues in progress.' })
  inProgress!: number;

  @Field(() => Int, { description: 'Issues done.' })
  done!: number;
}

@ObjectType({ description: "Counts over the project's Jira issues (status reports are filed elsewhere and never counted)." })
export class IssueStats {
  @Field(() => Int, { description: 'Issues in the three status categories.' })
  total!: number;

  @Field(() => StatusCategoryCounts, { description: 'Issues per status category.' })
  byStatusCategory!: StatusCategoryCounts;

  @Field(() => Int, { description: 'Not done (to do or in progress).' })
  open!: number;

  @Field(() => Int, { description: 'Not done and past their due date.' })
  overdue!: number;

  @Field(() => Int, { description: 'Not done and linked "is blocked by" an issue that is not done either.' })
  blocked!: number;

  @Field(() => Float, { nullable: true, description: 'done / total, 0..1; null without issues.' })
  doneRatio!: number | null;
}
