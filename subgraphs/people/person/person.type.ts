import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { globalId, ID_DESCRIPTION } from '../../common/global-id';
import type { DirectoryUser } from '../../../connectors/scim/models';
import { ConnectionType } from '../../common/pagination';

/** A person in the HR directory. Other subgraphs extend it by its key, the lower-cased work email. */
@Directive('@key(fields: "email")')
@ObjectType({ description: 'A member of staff, from the HR directory (SCIM 2.0).' })
export class Person {
  @Directive('@shareable')
  @Field(() => ID, { description: ID_DESCRIPTION })
  get id(): string {
    return globalId('Person', this.email);
  }

  @Field({ description: 'Lower-cased work email: the identity Jira, ServiceNow and the directory share.' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Null when the person is not in the directory (e.g. former staff seen in Jira history).' })
  displayName!: string | null;

  @Field(() => String, { nullable: true, description: 'Given (first) name.' })
  givenName!: string | null;

  @Field(() => String, { nullable: true, description: 'Family (last) name.' })
  familyName!: string | null;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Department name (enterprise extension department).' })
  department!: string | null;

  @Field(() => String, { nullable: true, description: 'Division (enterprise extension division).' })
  division!: string | null;

  @Field(() => String, { nullable: true, description: 'Office or work location.' })
  location!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the directory account is active; null when not in the directory.' })
  active!: boolean | null;

  @Field({ description: 'Whether the directory knows this person.' })
  inDirectory!: boolean;

  /** The directory record, for field resolvers (not exposed); null when not in the directory. */
  source!: DirectoryUser | null;
}

export const PersonConnection = ConnectionType('Person', Person);

export function toPerson(user: DirectoryUser): Person {
  return Object.assign(new Person(), {
    email: user.email ?? user.userName.toLowerCase(),
    displayName: user.displayName,
    givenName: user.givenName,
    familyName: user.familyName,
    title: user.title,
    department: user.department,
    division: user.division,
    location: user.location,
    active: user.active,
    inDirectory: true,
    source: user,
  });
}

/** A Person other systems know by email but the directory does not: the key, and nothing invented. */
export function unknownPerson(email: string): Person {
  return Object.assign(new Person(), {
    email,
    displayName: null,
    givenName: null,
    familyName: null,
    title: null,
    department: null,
    division: null,
    location: null,
    active: null,
    inDirectory: false,
    source: null,
  });
}
