import { ArgsType, Field, Int } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';

@ArgsType()
export class PeopleArgs {
  @Field(() => String, { nullable: true, description: 'Matches display name, user name or email (contains, case-insensitive).' })
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact department name.' })
  department?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or only inactive (false) accounts; both when omitted.' })
  active?: boolean | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Only accounts the directory changed at or after this instant (SCIM meta.lastModified), for incremental refresh. A Microsoft Graph directory cannot filter on it and refuses.",
  })
  updatedSince?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only accounts changed before this instant: with updatedSince, the half-open window [updatedSince, updatedBefore).' })
  updatedBefore?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 25, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page; omit for the first page.' })
  after?: string | null;
}
