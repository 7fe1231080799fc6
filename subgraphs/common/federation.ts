import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { Kind, parse, print, visit, type FieldDefinitionNode, type GraphQLSchema, type TypeNode } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { rejectInvalidDates } from './scalars';

/** The one place that pins the Federation version every subgraph links to. */
export const FEDERATION_VERSION = 'https://specs.apollo.dev/federation/v2.9';

/**
 * The scopes each protected field needs, in the schema (`@requiresScopes`), enforced by the gateway before any
 * subgraph is asked (gateway/plugins/auth.ts). Resolvers check only what a directive cannot say.
 */
export const requiresScopes = (...alternatives: string[][]): string => `@requiresScopes(scopes: ${JSON.stringify(alternatives)})`;

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
        @link(url: "${FEDERATION_VERSION}", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@authenticated", "@requiresScopes", "@cost", "@listSize"])
      ${sizeConnections(printSchemaWithDirectives(schema))}
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

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * Demand control counts a connection as many items as its `first` asks for: every field returning a
 * `…Connection` with a `first` argument gets `@listSize(slicingArguments: ["first"], sizedFields: ["edges"])`.
 */
export function sizeConnections(sdl: string): string {
  const document = visit(parse(sdl), {
    FieldDefinition(node: FieldDefinitionNode) {
      if (!namedType(node.type).endsWith('Connection') || !node.arguments?.some((a) => a.name.value === 'first')) return undefined;
      if (node.directives?.some((d) => d.name.value === 'listSize')) return undefined;
      const listSize = parse('type T { f: Int @listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false) }');
      const directive = ((listSize.definitions[0] as unknown as { fields: FieldDefinitionNode[] }).fields[0].directives ?? [])[0];
      return { ...node, directives: [...(node.directives ?? []), directive] };
    },
  });
  return print(document);
}
