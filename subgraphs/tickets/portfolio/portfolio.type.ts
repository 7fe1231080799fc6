import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Rag } from '../../common/rag';

@ObjectType('PortfolioP1Incident', { description: 'An open priority-1 incident linked to a project.' })
export class PortfolioP1Incident {
  @Field({ description: 'The incident number.' })
  number!: string;

  @Field({ description: 'Its short description.' })
  shortDescription!: string;

  @Field(() => String, { nullable: true, description: 'When it was opened (ISO 8601).' })
  openedAt!: string | null;

  @Field({ description: 'The incident in the ServiceNow UI.' })
  url!: string;
}

@ObjectType('ProjectOperations', { description: "A project's operational health and open P1 incidents, from ServiceNow." })
export class ProjectOperations {
  @Field({ description: 'The Jira project key the tickets are linked to.' })
  projectKey!: string;

  @Field(() => Rag, { description: 'Operational RAG by the published rules.' })
  rag!: Rag;

  @Field(() => [String], { description: 'One line per triggered rule.' })
  reasons!: string[];

  @Field(() => [PortfolioP1Incident], { description: 'Open priority-1 incidents, newest first.' })
  openP1Incidents!: PortfolioP1Incident[];
}

/** Key-only stub of the projects subgraph's Portfolio; this subgraph adds its ServiceNow roll-ups. */
@Directive('@key(fields: "id")')
@ObjectType('Portfolio', { description: 'The whole portfolio (or the phases it is filtered to) and its roll-ups.' })
export class PortfolioRef {
  @Field(() => ID, { description: 'Portfolio:all, or Portfolio: and the phases it is filtered to.' })
  id!: string;
}
