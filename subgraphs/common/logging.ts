import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import pino, { type DestinationStream, type Logger } from 'pino';
import { ConfigError } from '../../connectors/config';
import { currentOperation } from '../../connectors/http/operation';
import type { UpstreamLogger } from '../../connectors/http/runtime';
import type { Caller } from './caller';
import { toGraphQLError } from './errors';

export type { Logger };

/** The client's operation name, sent by the gateway with each subgraph fetch (its own subgraph queries are anonymous). */
export const OPERATION_NAME_HEADER = 'x-pmo-operation-name';

/** LOG_LEVEL's values: the ones Hive Gateway's engine (which reads LOG_LEVEL too, and refuses any other) accepts. */
const LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;

/**
 * Fields that may carry a secret, wherever they sit in a log line. A line never gets a header map or a
 * credential on purpose; this is the second guard.
 */
const REDACT = [
  'authorization',
  'password',
  'token',
  'apiToken',
  'secret',
  '*.authorization',
  '*.password',
  '*.token',
  '*.apiToken',
  '*.secret',
  '*.cookie',
  '*["x-api-key"]',
  'headers.*',
  '*.headers.*',
];

export interface LoggerOptions {
  env?: NodeJS.ProcessEnv;
  /** Where lines go (default stdout); tests pass a stream of their own. */
  destination?: DestinationStream;
}

/**
 * The process's JSON logger (pino): one object per line, ISO timestamps, `LOG_LEVEL` (default `info`; off under
 * jest unless set). Each server takes a child with its `service` name.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const env = options.env ?? process.env;
  // Under jest (NODE_ENV=test, whatever env a test hands in) lines would drown the report; a test that reads them passes a destination.
  const level = env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' && !options.destination ? 'silent' : 'info');
  if (!(LEVELS as readonly string[]).includes(level) && level !== 'silent') throw new ConfigError(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${level}"`);
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? (level === 'silent' ? undefined : pino.destination({ fd: 1, sync: false })),
  );
}

/** The upstream HTTP policy's events (retries, failures, breaker changes, stale answers) as log lines. */
export function upstreamLogger(logger: Logger): UpstreamLogger {
  const log = logger.child({ component: 'upstream' });
  return (event) => {
    const { event: name, ...fields } = event;
    if (name === 'breakerClosed') log.info(fields, name);
    else log.warn(fields, name);
  };
}

/** What a subgraph's request log reads from its context: who asked (set by the auth layer). */
interface CallerContext extends BaseContext {
  caller?: Caller;
}

/**
 * One line per GraphQL request a subgraph serves: request id (the gateway's), operation name, caller subject,
 * duration, error codes and how many upstream requests it caused. An error that is not a GraphQLError (masked
 * as "Unexpected error" for the client) is logged here with its stack, under the same request id.
 */
export function requestLogPlugin<TContext extends CallerContext>(logger: Logger): ApolloServerPlugin<TContext> {
  const log = logger;
  return {
    async requestDidStart({ request, contextValue }) {
      const started = performance.now();
      const scope = currentOperation();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = error.originalError;
            if (original && !(original instanceof GraphQLError) && !toGraphQLError(original)) {
              log.error({ requestId: scope?.requestId, err: original, path: error.path }, 'unexpected error');
            }
          }
        },
        async willSendResponse({ response, operationName }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          // Without a request id the request came from no client through the gateway (its readiness probes):
          // debug, so that probes every few seconds do not fill the log.
          log[scope?.requestId ? 'info' : 'debug'](
            {
              requestId: scope?.requestId,
              operationName: operationName ?? request.operationName ?? request.http?.headers.get(OPERATION_NAME_HEADER) ?? null,
              subject: contextValue.caller?.subject,
              durationMs: Math.round(performance.now() - started),
              errors: errors.length ? errors.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : undefined,
              upstreamRequests: scope?.upstreamRequests ?? 0,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
