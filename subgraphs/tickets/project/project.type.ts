import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { globalId, ID_DESCRIPTION } from '../../common/global-id';

/** Key-only stub of the projects subgraph's Project; this subgraph adds its ServiceNow side. */
@Directive('@key(fields: "key")')
@ObjectType('Project', { description: 'A project in the portfolio: a Jira project plus the PMO metadata kept on it.' })
export class ProjectRef {
  @Directive('@shareable')
  @Field(() => ID, { description: ID_DESCRIPTION })
  get id(): string {
    return globalId('Project', this.key);
  }

  @Field({ description: 'The Jira project key.' })
  key!: string;
}
