import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class DepartmentPeopleArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or only inactive (false) accounts; both when omitted.' })
  active?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 25, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page; omit for the first page.' })
  after?: string | null;
}
