import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';

/** The subgraphs' header for the operation's remaining time budget (subgraphs/common/server.ts). */
export const DEADLINE_HEADER = 'x-pmo-deadline-ms';

interface StaleNotice {
  upstream: string;
  ageSeconds: number;
  reason: string;
}

/** What one client request carries through the gateway, kept per request in a WeakMap keyed by its Request. */
interface RequestState {
  requestId: string;
  /** Epoch ms by which the operation must answer. */
  deadline: number;
  /** Subgraph answers served from cache because their upstream failed. */
  stale: StaleNotice[];
}

/**
 * The error extensions a client may see. Everything else a subgraph or the engine attaches (stack traces,
 * service URLs) stays out of responses: the subgraph's log has it, under the request id. (`http` is the engine's
 * status hint, read for the status code and never serialised.)
 */
const PUBLIC_EXTENSIONS = new Set(['http', 'code', 'field', 'upstream', 'kind', 'upstreamStatus', 'retryAfterSeconds', 'upstreamRequestId', 'rateLimitReason']);

export interface SubgraphContractOptions {
  /** Longest a GraphQL operation may take; subgraphs get the remaining budget with every fetch. */
  operationDeadlineMs: number;
}

/**
 * What the gateway promises the subgraphs and the clients, in one plugin: every subgraph fetch carries the
 * client's request id and the operation's remaining budget; `extensions.stale` from subgraph answers reaches the
 * client (the oldest notice per upstream); error extensions are cut to the public set.
 */
export function useSubgraphContract(options: SubgraphContractOptions): GatewayPlugin {
  const states = new WeakMap<Request, RequestState>();
  const stateOf = (request: Request | undefined) => (request ? states.get(request) : undefined);
  return {
    onRequest({ request }) {
      const sent = request.headers.get('x-request-id');
      states.set(request, {
        requestId: sent && sent.length <= 200 ? sent : randomUUID(),
        deadline: Date.now() + options.operationDeadlineMs,
        stale: [],
      });
    },
    onFetch({ context, options: fetchOptions, setOptions }) {
      const state = stateOf((context as { request?: Request } | undefined)?.request);
      if (!state) return;
      const headers = new Headers(fetchOptions.headers as HeadersInit | undefined);
      headers.set('x-request-id', state.requestId);
      headers.set(DEADLINE_HEADER, String(Math.max(1, state.deadline - Date.now())));
      setOptions({ ...fetchOptions, headers: Object.fromEntries(headers) });
    },
    onSubgraphExecute({ executionRequest }) {
      const state = stateOf((executionRequest.context as { request?: Request } | undefined)?.request);
      if (!state) return;
      return ({ result }) => {
        const stale = (result as ExecutionResult).extensions?.stale;
        if (Array.isArray(stale)) state.stale.push(...(stale as StaleNotice[]));
      };
    },
    onResultProcess({ request, result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      const single = result as ExecutionResult;
      const state = stateOf(request);
      const errors = single.errors?.map(publicError);
      let extensions = single.extensions;
      if (state?.stale.length) {
        const byUpstream = new Map<string, StaleNotice>();
        for (const notice of state.stale) {
          const seen = byUpstream.get(notice.upstream);
          if (!seen || seen.ageSeconds < notice.ageSeconds) byUpstream.set(notice.upstream, notice);
        }
        extensions = { ...extensions, stale: [...byUpstream.values()] };
      }
      setResult({ ...single, ...(errors ? { errors: errors as never } : {}), ...(extensions ? { extensions } : {}) });
    },
  };
}

/** Codes for the engine's own refusals, which come without one. */
function codeFor(message: string, status: number | undefined): string {
  if (message.startsWith('Required CSRF header')) return 'CSRF_HEADER_REQUIRED';
  if (status && status >= 400 && status < 500) return 'BAD_REQUEST';
  return 'INTERNAL_SERVER_ERROR';
}

/** An error as a client may see it: message, locations, path and the public extensions, always with a code. */
export function publicError(error: GraphQLFormattedError | { toJSON?: () => GraphQLFormattedError }): GraphQLFormattedError {
  const formatted: GraphQLFormattedError = typeof (error as { toJSON?: unknown }).toJSON === 'function' ? (error as { toJSON: () => GraphQLFormattedError }).toJSON() : (error as GraphQLFormattedError);
  const extensions: Record<string, unknown> = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => PUBLIC_EXTENSIONS.has(key)));
  const http = extensions.http as { status?: number } | undefined;
  delete extensions.http;
  const code = (extensions.code as string | undefined) ?? codeFor(formatted.message, http?.status);
  // The engine reads `http` for the status code; non-enumerable, it never reaches the serialised response.
  const withHttp = { code, ...extensions };
  if (http) Object.defineProperty(withHttp, 'http', { value: http, enumerable: false });
  return {
    message: formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: withHttp,
  };
}
