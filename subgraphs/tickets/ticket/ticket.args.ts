import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';
import { TicketPriority, TicketState } from './ticket.enums';

@InputType({ description: 'All given conditions must hold.' })
export class TicketFilter {
  @Field(() => [TicketState], { nullable: true, description: 'Any of these states (each must exist for the table).' })
  state?: TicketState[] | null;

  @Field(() => [TicketPriority], { nullable: true, description: 'Any of these priorities.' })
  priority?: TicketPriority[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only tickets still open (true) or only closed ones (false).' })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: "The assignment group's name, exactly (ServiceNow compares without case)." })
  assignmentGroup?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only tickets opened after this instant.' })
  openedAfter?: Date | null;
}

@InputType({ description: 'All given conditions must hold.' })
export class TicketSearchFilter extends TicketFilter {
  @Field(() => String, { nullable: true, description: 'Only tickets linked to this Jira project (by the configured link rule).' })
  projectKey?: string | null;
}

@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (default 25, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page; omit for the first page.' })
  after?: string | null;
}

/** A page of a list read in the window [updatedSince, updatedBefore) on sys_updated_on. */
@ArgsType()
class WindowedPageArgs extends PageArgs {
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only tickets updated at or after this instant (incremental refresh).' })
  updatedSince?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only tickets updated before this instant: with updatedSince, the half-open window [updatedSince, updatedBefore).' })
  updatedBefore?: Date | null;
}

@ArgsType()
export class TicketListArgs extends WindowedPageArgs {
  @Field(() => TicketFilter, { nullable: true, description: 'Conditions the tickets must meet.' })
  filter?: TicketFilter | null;
}

@ArgsType()
export class TicketSearchArgs extends WindowedPageArgs {
  @Field(() => TicketSearchFilter, { nullable: true, description: 'Conditions the tickets must meet.' })
  filter?: TicketSearchFilter | null;
}

@ArgsType()
export class AssignedTicketArgs extends WindowedPageArgs {
  @Field(() => [TicketState], { nullable: true, description: 'Any of these states; tables without any of them are left out.' })
  state?: TicketState[] | null;
}
