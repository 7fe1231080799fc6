import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ID_DESCRIPTION } from '../../common/global-id';
import { Project } from '../project/project.type';

@ObjectType({ description: "A person's place on one project." })
export class TeamMembership {
  @Field(() => ID, { description: `${ID_DESCRIPTION} Here TeamMembership:<project key>:<email>.` })
  id!: string;

  @Field(() => Project, { description: 'The project.' })
  project!: Project;

  @Field({ description: 'Role on this project, e.g. Project Manager, Business Analyst.' })
  role!: string;

  @Field(() => Int, { nullable: true, description: "Planned share of the person's time, in percent." })
  allocation!: number | null;
}
