import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { globalId, ID_DESCRIPTION } from '../../common/global-id';

/** Key-only stub of the people subgraph's Person; this subgraph adds leadOf, projects. */
@Directive('@key(fields: "email")')
@ObjectType('Person', { description: 'A member of staff, from the HR directory (SCIM 2.0).' })
export class PersonRef {
  @Directive('@shareable')
  @Field(() => ID, { description: ID_DESCRIPTION })
  get id(): string {
    return globalId('Person', this.email);
  }

  @Field({ description: 'Lower-cased work email: the identity Jira, ServiceNow and the directory share.' })
  email!: string;
}

export const personRef = (email: string | null): PersonRef | null => (email ? Object.assign(new PersonRef(), { email }) : null);
