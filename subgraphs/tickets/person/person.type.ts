import { Directive, Field, ObjectType } from 'type-graphql';

/** Key-only stub of the people subgraph's Person. */
@Directive('@key(fields: "email", resolvable: false)')
@ObjectType('Person')
export class PersonRef {
  @Field({ description: 'Lower-cased work email: the identity Jira, ServiceNow and the directory share.' })
  email!: string;
}
