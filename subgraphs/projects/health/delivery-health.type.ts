import { Field, ObjectType } from 'type-graphql';
import { Rag } from '../../common/rag';

@ObjectType({ description: 'Delivery health computed from Jira by the published rules (health-rules.ts); every RED or AMBER says why.' })
export class DeliveryHealth {
  @Field(() => Rag, { description: 'Schedule RAG: overdue milestones and progress against planned time.' })
  schedule!: Rag;

  @Field(() => Rag, { description: 'Scope RAG: overdue and blocked work.' })
  scope!: Rag;

  @Field(() => Rag, { description: 'The worse of schedule and scope.' })
  overall!: Rag;

  @Field(() => [String], { description: 'One sentence per rule that fired, worst first; empty when GREEN.' })
  reasons!: string[];
}
