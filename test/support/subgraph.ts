import type { BaseContext } from '@apollo/server';
import { ANONYMOUS_DEMO_CALLER, type Caller } from '../../subgraphs/common/caller';
import { createSubgraphServer, type SubgraphDefinition } from '../../subgraphs/common/server';

/** Runs one operation against a subgraph in-process (no HTTP), with a fresh per-request context. */
export async function execute<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  query: string,
  variables?: Record<string, unknown>,
  caller: Caller = ANONYMOUS_DEMO_CALLER,
): Promise<{ data?: Record<string, any>; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }> {
  const server = createSubgraphServer(definition);
  const response = await server.executeOperation({ query, variables }, { contextValue: definition.context({ caller }) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as never;
}
