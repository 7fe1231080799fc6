import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { TicketPriority, TicketState } from './ticket.enums';

@InputType({ description: 'All given conditions must hold.' })
export class TicketFilter {
  @Field(() => [TicketState], { nullable: true, description: 'Any of these states (each must exist for the table).' })
  state?: TicketState[] | null;

  @Field(() => [TicketPriority], { nullable: true })
  priority?: TicketPriority[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only tickets still open (true) or only closed ones (false).' })
  active?: boolean | null;
}

@ArgsType()
export class TicketListArgs {
  @Field(() => TicketFilter, { nullable: true })
  filter?: TicketFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 25, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
