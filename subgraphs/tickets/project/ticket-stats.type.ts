import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "Counts of a project's ServiceNow tickets, from the Aggregate API." })
export class TicketStats {
  /** The project the counts are for (not exposed). */
  projectKey!: string;

  @Field(() => Int, { description: 'Incidents New, In Progress or On Hold.' })
  openIncidents!: number;

  @Field(() => Int, { description: 'Open incidents of priority 1 (Critical).' })
  p1Open!: number;

  @Field(() => Int, { description: 'Open incidents of priority 2 (High).' })
  p2Open!: number;

  @Field(() => Int, { description: 'Changes not closed or canceled whose planned start is from now to 14 days ahead.' })
  changesNext14Days!: number;

  @Field(() => Int, { description: 'Changes closed unsuccessful whose planned end is in the last 30 days.' })
  failedChangesLast30Days!: number;

  @Field(() => Int, { description: 'Problems not resolved or closed.' })
  openProblems!: number;
}
