import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** The projects subgraph's (project, lead email) pairs, declared here so the roll-ups can `@requires` them. */
@Directive('@external')
@ObjectType('ProjectLead', { description: "A project and its lead's email, for roll-ups by the lead's department (people subgraph)." })
export class ProjectLeadRef {
  @Field({ description: 'The project key.' })
  projectKey!: string;

  @Field(() => String, { nullable: true, description: "The lead's lower-cased email; null when Jira hides it or there is no lead." })
  email!: string | null;
}

@ObjectType('LeadDirectoryEntry', { description: 'A project lead as the HR directory knows them.' })
export class LeadDirectoryEntry {
  @Field({ description: "The lead's lower-cased email." })
  email!: string;

  @Field({ description: 'Whether the directory has them as an active person.' })
  inDirectory!: boolean;

  @Field(() => String, { nullable: true, description: 'Their department; null when not in the directory.' })
  department!: string | null;

  @Field(() => String, { nullable: true, description: 'Their division; null when not in the directory.' })
  division!: string | null;
}

@ObjectType({ description: "Projects whose lead belongs to one department (of one division)." })
export class DepartmentProjectCount {
  @Field(() => String, { nullable: true, description: "The lead's department; null for no lead, a hidden email or a lead not in the directory." })
  department!: string | null;

  @Field(() => String, { nullable: true, description: "The lead's division." })
  division!: string | null;

  @Field(() => Int, { description: 'How many projects.' })
  count!: number;

  @Field(() => [String], { description: 'Their keys, in order.' })
  projectKeys!: string[];
}

@ObjectType({ description: "Projects whose lead belongs to one division." })
export class DivisionProjectCount {
  @Field(() => String, { nullable: true, description: "The lead's division; null when unknown." })
  division!: string | null;

  @Field(() => Int, { description: 'How many projects.' })
  count!: number;

  @Field(() => [String], { description: 'Their keys, in order.' })
  projectKeys!: string[];
}

/** Key-only stub of the projects subgraph's Portfolio; this subgraph adds the directory roll-ups. */
@Directive('@key(fields: "id")')
@ObjectType('Portfolio', { description: 'The whole portfolio (or the phases it is filtered to) and its roll-ups.' })
export class PortfolioRef {
  @Field(() => ID, { description: 'Portfolio:all, or Portfolio: and the phases it is filtered to.' })
  id!: string;

  /** Sent by the gateway for `@requires`. */
  projectLeads?: ProjectLeadRef[];
}

/** Key stub of the projects subgraph's Project, with its lead, for the lead's directory check. */
@Directive('@key(fields: "key")')
@ObjectType('Project', { description: 'A project: a Jira project in the PMO portfolio.' })
export class ProjectRef {
  @Field({ description: 'The Jira project key.' })
  key!: string;

  /** Sent by the gateway for `@requires`. */
  lead?: { email: string } | null;
}
