import { Directive, Field, ObjectType } from 'type-graphql';

/** The people subgraph's answer for one lead, declared here so data quality can `@requires` it. */
@Directive('@external')
@ObjectType('LeadDirectoryEntry', { description: "A project lead as the HR directory knows them." })
export class LeadDirectoryRef {
  @Field({ description: "The lead's lower-cased email." })
  email!: string;

  @Field({ description: 'Whether the directory has them as an active person.' })
  inDirectory!: boolean;
}
