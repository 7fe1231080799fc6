import { Field, ObjectType } from 'type-graphql';
import { Rag } from '../../common/rag';

@ObjectType({ description: "A project's operational health from its ServiceNow tickets, by the published rules." })
export class OperationalHealth {
  @Field(() => Rag, { description: 'The overall RAG: the worst triggered rule; GREEN when none fired.' })
  rag!: Rag;

  @Field(() => [String], { description: 'One line per triggered rule, worst first, each with its count and the rule; empty when GREEN.' })
  reasons!: string[];
}
