import type { GraphQLSchema } from 'graphql';
import type { ServiceNowConnector } from '../../connectors/servicenow/connector';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { createTicketsContext, type TicketsContext, type TicketsOptions } from './context';
import { resolvePersonReference } from './person/person.reference';
import { PersonTicketsResolver } from './person/person.resolver';
import { PersonRef } from './person/person.type';
import { resolveProjectReference } from './project/project.reference';
import { ProjectTicketsResolver, TicketStatsResolver } from './project/project.resolver';
import { ProjectRef } from './project/project.type';
import { KeyOperationalIssuesResolver } from './project/key-operational-issues.resolver';
import { PortfolioTicketsResolver } from './portfolio/portfolio.resolver';
import { PortfolioRef } from './portfolio/portfolio.type';
import { resolveTicketReference } from './ticket/ticket.reference';
import { TicketResolver } from './ticket/ticket.resolver';
import { ChangeRequest, Incident, Problem, ServiceRequest } from './ticket/ticket.type';

export const TICKETS_RESOLVERS = [TicketResolver, ProjectTicketsResolver, TicketStatsResolver, PersonTicketsResolver, PortfolioTicketsResolver, KeyOperationalIssuesResolver] as const;

/** The subgraph's schema alone (what `npm run compose` prints); no upstream is touched. */
export function buildTicketsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: TICKETS_RESOLVERS, orphanedTypes: [ProjectRef, PersonRef, PortfolioRef, Incident, ChangeRequest, ServiceRequest, Problem] },
    {
      Project: { __resolveReference: resolveProjectReference },
      Person: { __resolveReference: resolvePersonReference },
      Portfolio: { __resolveReference: (reference: { id: string }) => Object.assign(new PortfolioRef(), { id: reference.id }) },
      Incident: { __resolveReference: resolveTicketReference },
      ChangeRequest: { __resolveReference: resolveTicketReference },
      ServiceRequest: { __resolveReference: resolveTicketReference },
      Problem: { __resolveReference: resolveTicketReference },
    },
  );
}

export async function createTicketsSubgraph(servicenow: ServiceNowConnector, options: TicketsOptions): Promise<SubgraphDefinition<TicketsContext>> {
  return { name: 'tickets', schema: await buildTicketsSchema(), context: ({ caller }) => createTicketsContext(servicenow, options, caller) };
}
