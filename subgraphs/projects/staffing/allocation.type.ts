import { ArgsType, Field, ID, Int, ObjectType } from 'type-graphql';
import { ID_DESCRIPTION } from '../../common/global-id';
import { PersonRef } from '../person/person.type';
import { Project } from '../project/project.type';

@ObjectType({ description: "One project's share of a person's load." })
export class ProjectLoad {
  @Field(() => ID, { description: `${ID_DESCRIPTION} Here ProjectLoad:<email>:<project key>.` })
  id!: string;

  @Field(() => Project, { description: 'The project.' })
  project!: Project;

  @Field(() => String, { nullable: true, description: 'Their role on the team; null when they only hold assigned issues there.' })
  role!: string | null;

  @Field(() => Int, { nullable: true, description: 'Their planned allocation there, in percent; null when they are not on the team.' })
  allocation!: number | null;

  @Field(() => Int, { description: 'Unresolved issues assigned to them in the project.' })
  openIssues!: number;
}

@ObjectType({ description: "A person's load across active projects (not CLOSED), from the PMO staffing and Jira assignments." })
export class Allocation {
  @Field(() => Int, { description: 'Active projects whose team they are on (or that they lead).' })
  activeProjects!: number;

  @Field(() => Int, { description: 'Unresolved Jira issues assigned to them (outside the PMO reports project).' })
  openIssues!: number;

  @Field(() => Int, { description: 'Sum of their planned allocations on active projects, in percent.' })
  totalAllocation!: number;

  @Field({ description: 'Over at least one configured threshold.' })
  overAllocated!: boolean;

  @Field(() => [String], { description: 'Why they are over a threshold, naming the projects; empty when not.' })
  reasons!: string[];

  @Field(() => [ProjectLoad], { description: 'Their load per project (each active project they are on or hold open issues in), by project key.' })
  projects!: ProjectLoad[];
}

@ObjectType({ description: 'A person over a staffing threshold.' })
export class StaffingConflict {
  @Field(() => PersonRef, { description: 'The person over a threshold.' })
  person!: PersonRef;

  @Field(() => Allocation, { description: 'Their load, judged against the thresholds the query gave.' })
  allocation!: Allocation;
}

@ArgsType()
export class StaffingThresholdArgs {
  @Field(() => Int, { nullable: true, description: 'Default PROJECTS_STAFFING_MAX_PROJECTS (3).' })
  maxActiveProjects?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default PROJECTS_STAFFING_MAX_OPEN_ISSUES (25).' })
  maxOpenIssues?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default PROJECTS_STAFFING_MAX_ALLOCATION (100).' })
  maxAllocation?: number | null;
}
