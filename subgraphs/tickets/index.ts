import type { GraphQLSchema } from 'graphql';
import type { ServiceNowConnector } from '../../connectors/servicenow/connector';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import { createTicketsContext, type TicketsContext, type TicketsOptions } from './context';
import { resolveProjectReference } from './project/project.reference';
import { ProjectTicketsResolver } from './project/project.resolver';
import { ProjectRef } from './project/project.type';
import { resolveTicketReference } from './ticket/ticket.reference';
import { TicketResolver } from './ticket/ticket.resolver';
import { ChangeRequest, Incident, Problem, ServiceRequest } from './ticket/ticket.type';

export const TICKETS_RESOLVERS = [TicketResolver, ProjectTicketsResolver] as const;

/** The subgraph's schema alone (what `npm run compose` prints); no upstream is touched. */
export function buildTicketsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: TICKETS_RESOLVERS, orphanedTypes: [ProjectRef, Incident, ChangeRequest, ServiceRequest, Problem] },
    {
      Project: { __resolveReference: resolveProjectReference },
      Incident: { __resolveReference: resolveTicketReference },
      ChangeRequest: { __resolveReference: resolveTicketReference },
      ServiceRequest: { __resolveReference: resolveTicketReference },
      Problem: { __resolveReference: resolveTicketReference },
    },
  );
}

export async function createTicketsSubgraph(servicenow: ServiceNowConnector, options: TicketsOptions): Promise<SubgraphDefinition<TicketsContext>> {
  return { name: 'tickets', schema: await buildTicketsSchema(), context: () => createTicketsContext(servicenow, options) };
}
