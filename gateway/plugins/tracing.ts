import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, type ExecutionResult } from 'graphql';

const tracer = () => trace.getTracer('pmo-graph/gateway');

/** Runs `wrapped` as the span's context and ends the span when it settles. */
function within(span: Span, wrapped: () => unknown, parent = context.active()): unknown {
  const end = (error?: unknown) => {
    if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span.end();
  };
  try {
    const result = context.with(trace.setSpan(parent, span), wrapped);
    if (result instanceof Promise) return result.then(() => end(), (error: unknown) => (end(error), Promise.reject(error)));
    end();
    return result;
  } catch (error) {
    end(error);
    throw error;
  }
}

/**
 * OpenTelemetry spans through the gateway, following the HTTP and GraphQL semantic conventions: the HTTP server
 * span (child of the client's `traceparent` when it sends one) → the GraphQL operation (`query Portfolio`) →
 * one client span per subgraph fetch, whose context goes to the subgraph as `traceparent`. The subgraph's spans
 * and its upstream HTTP calls hang under it (subgraphs/common/tracing.ts, connectors/http). Without a registered
 * tracer provider (tracing not configured) every span is a no-op.
 */
export function useTracing(): GatewayPlugin {
  const operationSpans = new WeakMap<object, Span>();
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const headers = Object.fromEntries(request.headers as unknown as Iterable<[string, string]>);
        const parent = propagation.extract(context.active(), headers);
        const url = new URL(request.url);
        const span = tracer().startSpan(
          `${request.method} ${url.pathname}`,
          { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': url.pathname } },
          parent,
        );
        return within(span, wrapped, parent) as ReturnType<typeof wrapped>;
      },
      operation({ context: ctx }, wrapped) {
        const span = tracer().startSpan('graphql.operation', { kind: SpanKind.INTERNAL });
        operationSpans.set(ctx, span);
        return within(span, wrapped) as ReturnType<typeof wrapped>;
      },
      subgraphExecute({ subgraphName }, wrapped) {
        const span = tracer().startSpan(`subgraph ${subgraphName}`, { kind: SpanKind.CLIENT, attributes: { 'graphql.subgraph.name': subgraphName } });
        return within(span, wrapped) as ReturnType<typeof wrapped>;
      },
    },
    onExecute({ args }) {
      const span = operationSpans.get(args.contextValue as object);
      if (!span) return;
      const operation = getOperationAST(args.document, args.operationName);
      const type = operation?.operation ?? 'query';
      const name = operation?.name?.value;
      span.updateName(name ? `${type} ${name}` : type);
      span.setAttribute('graphql.operation.type', type);
      if (name) span.setAttribute('graphql.operation.name', name);
      return {
        onExecuteDone({ result }) {
          const errors = (result as ExecutionResult).errors;
          if (errors?.length) span.setStatus({ code: SpanStatusCode.ERROR, message: `${errors.length} GraphQL error(s)` });
        },
      };
    },
    onFetch({ options, setOptions }) {
      const headers: Record<string, string> = Object.fromEntries(new Headers(options.headers as HeadersInit | undefined));
      propagation.inject(context.active(), headers);
      if (headers.traceparent) setOptions({ ...options, headers });
    },
  };
}
