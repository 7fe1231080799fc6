import { Field, ObjectType } from 'type-graphql';
import { Rag } from '../../common/rag';

@ObjectType({ description: 'Delivery health computed from Jira by the published rules (health-rules.ts); every RED or AMBER says why.' })
export class DeliveryHealth {
  @Field(() => Rag)
  schedule!: Rag;

  @Field(() => Rag)
  scope!: Rag;

  @Field(() => Rag, { description: 'The worse of schedule and scope.' })
  overall!: Rag;

  @Field(() => [String], { description: 'One sentence per rule that fired, worst first; empty when GREEN.' })
  reasons!: string[];
}
