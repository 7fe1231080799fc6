import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { limitCodeFor } from './limits';

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
const PUBLIC_EXTENSIONS = new Set(['http', 'code', 'field', 'upstream', 'kind', 'upstreamStatus', 'retryAfterSeconds', 'upstreamRequestId', 'rateLimitReason', 'requiredScopes', 'cost']);

/** Each client request's state, keyed by its Request. */
const states = new WeakMap<Request, RequestState>();

/** The request id the gateway uses for a client request (sent or made up), for logs and audit lines. */
export function requestIdOf(request: Request | undefined): string | undefined {
  return request ? states.get(request)?.requestId : undefined;
}

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
      // No data: a request error. It gets the status its code implies (yoga would call an unknown one a 500).
      if (errors?.length && single.data == null && !errors.some((e) => (e.extensions as { http?: unknown }).http)) {
        Object.defineProperty(errors[0].extensions, 'http', { value: { status: statusFor(String(errors[0].extensions?.code)) }, enumerable: false });
      }
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

/** The HTTP status of a response whose only content is an error with this code. */
function statusFor(code: string): number {
  if (code === 'UNAUTHENTICATED') return 401;
  if (code === 'FORBIDDEN') return 403;
  if (code === 'RATE_LIMITED') return 429;
  if (code === 'REQUEST_TOO_LARGE') return 413;
  if (code === 'INTERNAL_SERVER_ERROR' || code.startsWith('UPSTREAM_')) return code === 'UPSTREAM_TIMEOUT' ? 504 : code === 'INTERNAL_SERVER_ERROR' ? 500 : 502;
  return 400;
}

/** Codes for the engine's own refusals, which come without one. */
function codeFor(message: string, status: number | undefined): string {
  if (message.startsWith('Required CSRF header')) return 'CSRF_HEADER_REQUIRED';
  if (/authentication token|Authentication header was set/i.test(message)) return 'UNAUTHENTICATED';
  // Variable coercion, which the engine reports without a code: the client sent a value of the wrong type.
  if (/^Variable "\$[^"]+" (got invalid value|of required type|of non-null type)/.test(message)) return 'BAD_USER_INPUT';
  const limit = limitCodeFor(message);
  if (limit) return limit;
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 429) return 'RATE_LIMITED';
  if (status && status >= 400 && status < 500) return 'BAD_REQUEST';
  return 'INTERNAL_SERVER_ERROR';
}

/** An error as a client may see it: message, locations, path and the public extensions, always with a code. */
export function publicError(error: GraphQLFormattedError | { toJSON?: () => GraphQLFormattedError }): GraphQLFormattedError {
  const formatted: GraphQLFormattedError = typeof (error as { toJSON?: unknown }).toJSON === 'function' ? (error as { toJSON: () => GraphQLFormattedError }).toJSON() : (error as GraphQLFormattedError);
  const extensions: Record<string, unknown> = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => PUBLIC_EXTENSIONS.has(key)));
  const http = extensions.http as { status?: number } | undefined;
  delete extensions.http;
  const given = extensions.code as string | undefined;
  // The engine's own codes, in ours: demand control's refusal, generic-auth's unauthenticated.
  // A limit refused in the parser comes as GRAPHQL_PARSE_FAILED; it is the limit's code a client can act on.
  const limit = given === undefined || given === 'GRAPHQL_PARSE_FAILED' || given === 'GRAPHQL_VALIDATION_FAILED' ? limitCodeFor(formatted.message) : undefined;
  const code =
    limit ?? (given === 'COST_ESTIMATED_TOO_EXPENSIVE' ? 'COST_LIMIT_EXCEEDED' : given === 'UNAUTHORIZED_FIELD_OR_TYPE' ? 'UNAUTHENTICATED' : given ?? codeFor(formatted.message, http?.status));
  // The engine reads `http` for the status code; non-enumerable, it never reaches the serialised response.
  const withHttp = { ...extensions, code };
  // A malformed token is the engine's 400; to a client it is the same as a bad one: 401.
  if (code === 'UNAUTHENTICATED' && http && http.status !== 401) http.status = 401;
  if (http) Object.defineProperty(withHttp, 'http', { value: http, enumerable: false });
  return {
    message: formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: withHttp,
  };
}
