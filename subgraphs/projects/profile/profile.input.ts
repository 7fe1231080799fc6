import { Field, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { Phase } from '../project/project.enums';

@InputType({ description: 'A person on the PMO staffing of a project.' })
export class TeamMemberInput {
  @Field({ description: "The person's work email." })
  email!: string;

  @Field({ description: 'e.g. Project Manager, Business Analyst (at most 100 characters).' })
  role!: string;

  @Field(() => Int, { nullable: true, description: "Planned share of the person's time, 0–100 percent." })
  allocation?: number | null;
}

@InputType({ description: 'Changes to the PMO profile. Omitted fields keep their value; null clears one; team replaces the whole list.' })
export class ProjectProfileInput {
  @Field(() => Phase, { nullable: true, description: 'Lifecycle phase.' })
  phase?: Phase | null;

  @Field(() => Int, { nullable: true, description: '1 (highest) to 5.' })
  priority?: number | null;

  @Field(() => String, { nullable: true, description: "The executive sponsor's work email." })
  sponsorEmail?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Planned start.' })
  plannedStart?: Date | string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Planned end.' })
  plannedEnd?: Date | string | null;

  @Field(() => [TeamMemberInput], { nullable: true, description: 'The whole staffing, lead first; replaces the recorded list.' })
  team?: TeamMemberInput[] | null;
}
