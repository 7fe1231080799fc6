import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';

@ObjectType({ description: 'A Jira version: a release or milestone of a project.' })
export class Milestone {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => DateScalar, { nullable: true })
  startDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  releaseDate!: string | null;

  @Field()
  released!: boolean;

  @Field({ description: 'Unreleased and past its release date.' })
  overdue!: boolean;
}
