import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum Rag {
  GREEN = 'GREEN',
  AMBER = 'AMBER',
  RED = 'RED',
}

registerEnumType(Rag, { name: 'Rag', description: 'Red / amber / green status.' });

@ObjectType({ description: "A project's operational health from its ServiceNow tickets, by the published rules." })
export class OperationalHealth {
  @Field(() => Rag)
  rag!: Rag;

  @Field(() => [String], { description: 'One line per triggered rule, worst first, each with its count and the rule; empty when GREEN.' })
  reasons!: string[];
}
