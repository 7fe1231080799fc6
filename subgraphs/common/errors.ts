import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { InvalidInputError } from '../../connectors/http/invalid-input';
import { UpstreamError, type UpstreamErrorKind } from '../../connectors/http/errors';

const UPSTREAM_LABEL: Record<string, string> = { jira: 'Jira', servicenow: 'ServiceNow', scim: 'The HR directory' };

const CODE_BY_KIND: Record<UpstreamErrorKind, string> = {
  rateLimit: 'UPSTREAM_RATE_LIMITED',
  timeout: 'UPSTREAM_TIMEOUT',
  server: 'UPSTREAM_UNAVAILABLE',
  network: 'UPSTREAM_UNAVAILABLE',
  gone: 'UPSTREAM_UNAVAILABLE',
  auth: 'UPSTREAM_UNAVAILABLE',
  forbidden: 'UPSTREAM_FORBIDDEN',
  notFound: 'NOT_FOUND',
  badRequest: 'UPSTREAM_BAD_REQUEST',
  circuitOpen: 'UPSTREAM_UNAVAILABLE',
};

/** The GraphQL code a connector failure of this kind becomes (also used for stale notices). */
export function codeForUpstreamKind(kind: string): string {
  return CODE_BY_KIND[kind as UpstreamErrorKind] ?? 'UPSTREAM_UNAVAILABLE';
}

const SUMMARY_BY_KIND: Record<UpstreamErrorKind, string> = {
  rateLimit: 'is rate-limiting requests',
  timeout: 'did not answer in time',
  server: 'is unavailable',
  network: 'is unreachable',
  gone: 'no longer offers an endpoint this graph uses',
  auth: 'rejected the configured credentials',
  forbidden: 'denied access to this data',
  notFound: 'does not have this record',
  badRequest: 'rejected the request',
  circuitOpen: 'is unavailable (failing repeatedly; not called again until a cool-down ends)',
};

/** The caller may not do this (what a schema directive cannot say, e.g. "a PM of this project"). */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } });
}

/** Turns a connector failure into the GraphQL error a client sees: a stable code and the system's name. */
export function toGraphQLError(error: unknown): GraphQLError | null {
  if (error instanceof GraphQLError) return error;
  if (error instanceof InvalidInputError) return badUserInput(error.message, error.field);
  if (error instanceof UpstreamError) {
    const label = UPSTREAM_LABEL[error.upstream] ?? error.upstream;
    return new GraphQLError(`${label} ${SUMMARY_BY_KIND[error.kind]} (${error.message})`, {
      extensions: {
        code: CODE_BY_KIND[error.kind],
        upstream: error.upstream,
        kind: error.kind,
        ...(error.status ? { upstreamStatus: error.status } : {}),
        ...(error.retryAfterMs !== undefined ? { retryAfterSeconds: Math.ceil(error.retryAfterMs / 1000) } : {}),
        ...(error.details.requestId ? { upstreamRequestId: error.details.requestId } : {}),
        ...(error.details.rateLimitReason ? { rateLimitReason: error.details.rateLimitReason } : {}),
      },
    });
  }
  return null;
}

/**
 * Error masking, one rule: a GraphQLError (or a known connector failure, converted above) is shown; anything
 * else becomes "Unexpected error" and its detail goes only to the log (subgraphs/common/logging.ts, by request id).
 */
export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  if (original instanceof GraphQLError) return formatted;
  const converted = toGraphQLError(original);
  if (converted) return { ...formatted, message: converted.message, extensions: { ...formatted.extensions, ...converted.extensions } };
  if (formatted.extensions?.code && formatted.extensions.code !== 'INTERNAL_SERVER_ERROR') return formatted;
  return { message: 'Unexpected error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
