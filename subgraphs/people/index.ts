import type { GraphQLSchema } from 'graphql';
import type { DirectoryConnector } from '../../connectors/scim/connector';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import type { PeopleOptions } from './config';
import { createPeopleContext, type PeopleContext } from './context';
import { DepartmentResolver } from './department/department.resolver';
import { resolvePersonReference } from './person/person.reference';
import { PersonResolver } from './person/person.resolver';
import { PortfolioPeopleResolver, ProjectLeadDirectoryResolver } from './portfolio/portfolio.resolver';
import { PortfolioRef, ProjectRef } from './portfolio/portfolio.type';

export const PEOPLE_RESOLVERS = [PersonResolver, DepartmentResolver, PortfolioPeopleResolver, ProjectLeadDirectoryResolver] as const;

/** The subgraph's schema alone (what `npm run compose` prints); no upstream is touched. */
export function buildPeopleSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: PEOPLE_RESOLVERS, orphanedTypes: [PortfolioRef, ProjectRef] },
    {
      Person: { __resolveReference: resolvePersonReference },
      // Fields the projects subgraph sent for a `@requires` ride along on the representation.
      Portfolio: { __resolveReference: (reference: PortfolioRef) => Object.assign(new PortfolioRef(), reference) },
      Project: { __resolveReference: (reference: ProjectRef) => Object.assign(new ProjectRef(), reference) },
    },
  );
}

export async function createPeopleSubgraph(directory: DirectoryConnector, options: PeopleOptions): Promise<SubgraphDefinition<PeopleContext>> {
  return { name: 'people', schema: await buildPeopleSchema(), context: ({ caller }) => createPeopleContext(directory, options, caller) };
}
