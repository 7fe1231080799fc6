import { Field, Int, ObjectType } from 'type-graphql';
import { Project } from '../project/project.type';

@ObjectType({ description: "A person's place on one project." })
export class TeamMembership {
  @Field(() => Project)
  project!: Project;

  @Field()
  role!: string;

  @Field(() => Int, { nullable: true, description: "Planned share of the person's time, in percent." })
  allocation!: number | null;
}
