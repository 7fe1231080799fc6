import { Directive, Field, ObjectType } from 'type-graphql';

/** Key-only stub of the projects subgraph's Project; this subgraph adds its ServiceNow side. */
@Directive('@key(fields: "key")')
@ObjectType('Project')
export class ProjectRef {
  @Field({ description: 'The Jira project key.' })
  key!: string;
}
