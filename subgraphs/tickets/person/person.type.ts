import { Directive, Field, ObjectType } from 'type-graphql';

/** Key-only stub of the people subgraph's Person; this subgraph adds assignedTickets. */
@Directive('@key(fields: "email")')
@ObjectType('Person')
export class PersonRef {
  @Field({ description: 'Lower-cased work email: the identity Jira, ServiceNow and the directory share.' })
  email!: string;
}
