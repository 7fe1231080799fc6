import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Logger as EngineLogger } from '@graphql-hive/logger';
import type { RequestHandler } from 'express';
import { getOperationAST, type ExecutionResult } from 'graphql';
import { OPERATION_NAME_HEADER, type Logger } from '../../subgraphs/common/logging';

/** Longest `x-request-id` a client may send; a longer (or empty) one is replaced. */
const MAX_REQUEST_ID = 200;

/**
 * Every /graphql request carries an `x-request-id`: the client's, or a fresh UUID. It goes to every subgraph
 * fetch (useSubgraphContract), into each log line, and back to the client in the response header, so a support
 * question can quote it.
 */
export function assignRequestId(): RequestHandler {
  return (req, res, next) => {
    const sent = req.headers['x-request-id'];
    const id = typeof sent === 'string' && sent.length > 0 && sent.length <= MAX_REQUEST_ID && /^[\x21-\x7e]+$/.test(sent) ? sent : randomUUID();
    req.headers['x-request-id'] = id;
    res.setHeader('x-request-id', id);
    next();
  };
}

/** The engine's own log (Hive Gateway's logger: errors only), written as JSON lines of ours. */
export function engineLogger(logger: Logger): EngineLogger {
  const log = logger.child({ component: 'engine' });
  return new EngineLogger({
    level: 'error',
    writers: [{ write: (level, attrs, msg) => log[level]({ ...(attrs && typeof attrs === 'object' && !Array.isArray(attrs) ? attrs : { attrs }) }, msg ?? '') }],
  });
}

/**
 * Who asked, for the log: the subject the auth layer puts on the context (`context.caller.subject`, see
 * subgraphs/common/caller.ts). Until the gateway authenticates, the field is absent from the line.
 */
export function subjectOf(context: unknown): string | undefined {
  const caller = (context as { caller?: { subject?: unknown } } | undefined)?.caller;
  return typeof caller?.subject === 'string' ? caller.subject : undefined;
}

interface RequestLog {
  started: number;
  operationName?: string;
  operationType?: string;
  subject?: string;
  /** Subgraph fetches by subgraph name. */
  subgraphs: Record<string, number>;
  errors: string[];
}

/**
 * One JSON line per GraphQL request at the gateway: request id, operation name and type, caller subject,
 * status, duration, the subgraph fetches it made (by subgraph) and the error codes it answered with.
 * Never the query text, variables or headers. Each subgraph fetch carries the operation name (`x-pmo-operation-name`)
 * so the subgraphs' logs and metrics name it too.
 */
export function useRequestLog(options: { logger: Logger }): GatewayPlugin {
  const log = options.logger;
  const requests = new WeakMap<Request, RequestLog>();
  const stateOf = (context: unknown) => {
    const request = (context as { request?: Request } | undefined)?.request;
    return request ? requests.get(request) : undefined;
  };
  return {
    onRequest({ request }) {
      requests.set(request, { started: performance.now(), subgraphs: {}, errors: [] });
    },
    onParams({ request, params }) {
      const state = requests.get(request);
      if (state && typeof params.operationName === 'string') state.operationName = params.operationName;
    },
    onExecute({ args }) {
      const state = stateOf(args.contextValue);
      if (!state) return;
      const operation = getOperationAST(args.document, args.operationName);
      state.operationName = operation?.name?.value ?? args.operationName ?? undefined;
      state.operationType = operation?.operation;
      state.subject = subjectOf(args.contextValue);
    },
    onSubgraphExecute({ subgraphName, executionRequest }) {
      const state = stateOf(executionRequest.context);
      if (state) state.subgraphs[subgraphName] = (state.subgraphs[subgraphName] ?? 0) + 1;
    },
    onFetch({ context, options: fetchOptions, setOptions }) {
      const state = stateOf(context);
      if (!state?.operationName || !/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(state.operationName)) return;
      const headers = Object.fromEntries(new Headers(fetchOptions.headers as HeadersInit | undefined));
      setOptions({ ...fetchOptions, headers: { ...headers, [OPERATION_NAME_HEADER]: state.operationName } });
    },
    onResultProcess({ request, result }) {
      const state = requests.get(request);
      if (!state || Array.isArray(result) || !result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      for (const error of (result as ExecutionResult).errors ?? []) state.errors.push(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
    },
    onResponse({ request, response }) {
      const state = requests.get(request);
      if (!state) return;
      log.info(
        {
          requestId: request.headers.get('x-request-id') ?? undefined,
          operationName: state.operationName ?? null,
          operationType: state.operationType,
          subject: state.subject,
          status: response.status,
          durationMs: Math.round(performance.now() - state.started),
          subgraphFetches: state.subgraphs,
          errors: state.errors.length ? state.errors : undefined,
        },
        'graphql request',
      );
    },
  };
}
