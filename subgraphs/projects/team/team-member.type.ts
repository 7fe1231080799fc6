import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ID_DESCRIPTION } from '../../common/global-id';
import { PersonRef } from '../person/person.type';

@ObjectType({ description: "A person on a project's team, from the PMO staffing recorded on the Jira project." })
export class TeamMember {
  @Field(() => ID, { description: `${ID_DESCRIPTION} Here TeamMember:<project key>:<email>.` })
  id!: string;

  @Field(() => PersonRef, { description: 'The person.' })
  person!: PersonRef;

  @Field({ description: 'Role on this project, e.g. Project Manager, Business Analyst.' })
  role!: string;

  @Field(() => Int, { nullable: true, description: "Planned share of the person's time, in percent." })
  allocation!: number | null;
}
