import type { GraphQLSchema } from 'graphql';
import type { DirectoryConnector } from '../../connectors/scim/connector';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import type { PeopleOptions } from './config';
import { createPeopleContext, type PeopleContext } from './context';
import { DepartmentResolver } from './department/department.resolver';
import { resolvePersonReference } from './person/person.reference';
import { PersonResolver } from './person/person.resolver';

export const PEOPLE_RESOLVERS = [PersonResolver, DepartmentResolver] as const;

/** The subgraph's schema alone (what `npm run compose` prints); no upstream is touched. */
export function buildPeopleSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: PEOPLE_RESOLVERS }, { Person: { __resolveReference: resolvePersonReference } });
}

export async function createPeopleSubgraph(directory: DirectoryConnector, options: PeopleOptions): Promise<SubgraphDefinition<PeopleContext>> {
  return { name: 'people', schema: await buildPeopleSchema(), context: ({ caller }) => createPeopleContext(directory, options, caller) };
}
