import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { rejectInvalidDates } from './scalars';

/** The one place that pins the Federation version every subgraph links to. */
export const FEDERATION_VERSION = 'https://specs.apollo.dev/federation/v2.7';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, globalMiddlewares: [rejectInvalidDates, ...(options.globalMiddlewares ?? [])], skipCheck: true, validate: false });
  describeRootTypes(schema);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({
    typeDefs: gql`
      extend schema
        @link(url: "${FEDERATION_VERSION}", import: ["@key", "@shareable", "@external", "@requires", "@provides"])
      ${printSchemaWithDirectives(schema)}
    `,
    resolvers,
  });
}

/** type-graphql cannot describe the root types; every subgraph gives them the same words so composition keeps them. */
function describeRootTypes(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  if (query) query.description = 'The entry points for reading the PMO graph: projects, issues, people, departments and tickets.';
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = 'Changes written to the upstreams (Jira); none is retried automatically.';
}
