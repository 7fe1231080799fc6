import { Field, Int, ObjectType } from 'type-graphql';
import { PersonRef } from '../person/person.type';

@ObjectType({ description: "A person on a project's team, from the PMO staffing recorded on the Jira project." })
export class TeamMember {
  @Field(() => PersonRef)
  person!: PersonRef;

  @Field({ description: 'Role on this project, e.g. Project Manager, Business Analyst.' })
  role!: string;

  @Field(() => Int, { nullable: true, description: "Planned share of the person's time, in percent." })
  allocation!: number | null;
}
