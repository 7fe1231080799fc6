import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { RequestHandler } from 'express';

export interface TracingOptions {
  /** `service.name` of the spans: `pmo-graph` for `npm start`, `pmo-gateway` / `pmo-subgraph-<name>` per process. */
  serviceName: string;
  env?: NodeJS.ProcessEnv;
  /** Exporter to send every span to at once (tests: an InMemorySpanExporter); otherwise OTLP when configured. */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Flushes what is buffered and stops exporting. */
  shutdown: () => Promise<void>;
}

/**
 * Registers the process's tracer provider when tracing is configured: `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`; the exporter reads the standard OTEL_* variables, headers included) or an
 * exporter handed in. Without either, nothing is registered and every span below is a no-op costing nothing.
 * The provider carries W3C `traceparent` propagation and the AsyncLocalStorage context manager, so a span started
 * around a request is the parent of whatever that request causes (subgraph fetches, upstream calls).
 */
export function startTracing(options: TracingOptions): Tracing | undefined {
  const env = options.env ?? process.env;
  const otlp = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!options.exporter && !otlp) return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || options.serviceName }),
    spanProcessors: [options.exporter ? new SimpleSpanProcessor(options.exporter) : new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return {
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

const tracer = () => trace.getTracer('pmo-graph/subgraph');

/**
 * The server span of a subgraph request, child of the gateway's subgraph span when the request carries a
 * `traceparent`; the rest of the request (resolvers, connectors) runs in its context.
 */
export function tracingMiddleware(subgraph: string): RequestHandler {
  return (req, res, next) => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer().startSpan(
      `${req.method} /graphql`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, 'url.path': req.originalUrl.split('?')[0], 'pmo.subgraph': subgraph },
      },
      parent,
    );
    res.once('finish', () => {
      const operationName = (req.body as { operationName?: unknown } | undefined)?.operationName;
      if (typeof operationName === 'string') span.setAttribute('graphql.operation.name', operationName);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
