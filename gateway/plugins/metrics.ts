import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, type ExecutionResult } from 'graphql';
import { Counter, Histogram } from 'prom-client';
import { BoundedLabel, DURATION_BUCKETS_SECONDS, sharedMetric, type Registry } from '../../subgraphs/common/metrics';

interface Timing {
  started: number;
  operation?: string;
}

/**
 * Prometheus series of the gateway: per operation name (requests, errors by extensions.code, duration) and per
 * subgraph (fetches, errors by code, duration). Operation names are a bounded label (the first 200 seen, then
 * `other`); the query text never becomes a label.
 */
export function useMetrics(options: { registry: Registry }): GatewayPlugin {
  const registry = options.registry;
  const requests = sharedMetric(
    registry,
    'pmo_gateway_requests_total',
    () => new Counter({ name: 'pmo_gateway_requests_total', help: 'GraphQL requests the gateway answered, by operation name', labelNames: ['operation'], registers: [registry] }),
  );
  const errors = sharedMetric(
    registry,
    'pmo_gateway_errors_total',
    () =>
      new Counter({ name: 'pmo_gateway_errors_total', help: 'GraphQL errors in gateway responses, by operation name and extensions.code', labelNames: ['operation', 'code'], registers: [registry] }),
  );
  const duration = sharedMetric(
    registry,
    'pmo_gateway_request_duration_seconds',
    () =>
      new Histogram({
        name: 'pmo_gateway_request_duration_seconds',
        help: 'Time the gateway took to answer a GraphQL request, by operation name',
        labelNames: ['operation'],
        buckets: DURATION_BUCKETS_SECONDS,
        registers: [registry],
      }),
  );
  const fetches = sharedMetric(
    registry,
    'pmo_gateway_subgraph_requests_total',
    () => new Counter({ name: 'pmo_gateway_subgraph_requests_total', help: 'Fetches the gateway sent to each subgraph', labelNames: ['subgraph'], registers: [registry] }),
  );
  const fetchErrors = sharedMetric(
    registry,
    'pmo_gateway_subgraph_errors_total',
    () =>
      new Counter({
        name: 'pmo_gateway_subgraph_errors_total',
        help: 'Errors in subgraph answers (or failed fetches), by subgraph and extensions.code',
        labelNames: ['subgraph', 'code'],
        registers: [registry],
      }),
  );
  const fetchDuration = sharedMetric(
    registry,
    'pmo_gateway_subgraph_duration_seconds',
    () =>
      new Histogram({
        name: 'pmo_gateway_subgraph_duration_seconds',
        help: 'Time each subgraph fetch took, seen from the gateway',
        labelNames: ['subgraph'],
        buckets: DURATION_BUCKETS_SECONDS,
        registers: [registry],
      }),
  );
  const operations = new BoundedLabel();
  const timings = new WeakMap<Request, Timing>();
  return {
    onRequest({ request }) {
      timings.set(request, { started: performance.now() });
    },
    onParams({ request, params }) {
      const timing = timings.get(request);
      if (timing) timing.operation = operations.value(params.operationName);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      const timing = request && timings.get(request);
      if (timing) timing.operation = operations.value(getOperationAST(args.document, args.operationName)?.name?.value);
    },
    onSubgraphExecute({ subgraphName }) {
      const started = performance.now();
      fetches.inc({ subgraph: subgraphName });
      return ({ result }) => {
        fetchDuration.observe({ subgraph: subgraphName }, (performance.now() - started) / 1000);
        if (!result || Symbol.asyncIterator in result) return;
        for (const error of (result as ExecutionResult).errors ?? []) {
          fetchErrors.inc({ subgraph: subgraphName, code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        }
      };
    },
    onResultProcess({ request, result }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      const operation = timings.get(request)?.operation ?? 'anonymous';
      for (const error of (result as ExecutionResult).errors ?? []) errors.inc({ operation, code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
    },
    onResponse({ request }) {
      const timing = timings.get(request);
      if (!timing) return;
      const operation = timing.operation ?? 'anonymous';
      requests.inc({ operation });
      duration.observe({ operation }, (performance.now() - timing.started) / 1000);
    },
  };
}
