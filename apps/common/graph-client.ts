import type { GraphQLFormattedError } from 'graphql';
import type { NamedOperation } from './operations';

/** The headers an app passes on from its own request, so the graph sees the same caller. */
const FORWARDED_HEADERS = ['authorization', 'x-api-key', 'x-request-id'] as const;

export interface GraphResult<TData> {
  /** The gateway's HTTP status (401 when unauthenticated, 429 when rate limited, ...). */
  status: number;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

/** How an app runs a named operation of the public graph on behalf of its own caller. */
export interface GraphClient {
  execute<TData = Record<string, unknown>>(
    operationName: string,
    variables?: Record<string, unknown>,
    from?: { headers: Record<string, string | string[] | undefined> },
  ): Promise<GraphResult<TData>>;
}

/**
 * A client of the gateway's own `/graphql` over HTTP, so the apps go through exactly what any other client
 * does: authentication, limits, caches. `url` is read lazily: the gateway knows it only once listening.
 */
export function createGraphClient(url: () => string, operations: ReadonlyMap<string, NamedOperation>): GraphClient {
  return {
    async execute<TData>(operationName: string, variables: Record<string, unknown> = {}, from?: { headers: Record<string, string | string[] | undefined> }) {
      const operation = operations.get(operationName);
      if (!operation) throw new Error(`no operation named ${operationName} under operations/`);
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
      for (const name of FORWARDED_HEADERS) {
        const value = from?.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const response = await fetch(url(), {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: operation.document, operationName, variables }),
      });
      const body = (await response.json().catch(() => ({}))) as { data?: TData | null; errors?: GraphQLFormattedError[] };
      return { status: response.status, data: body.data, errors: body.errors };
    },
  };
}
