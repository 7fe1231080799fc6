import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startStack, type Stack } from '../../bin/stack';
import { HttpClient } from '../../connectors/http/client';
import { startTracing, type Tracing } from '../../subgraphs/common/tracing';
import { post } from './support';

/**
 * The portfolio query's trace, from an in-memory exporter: the gateway's HTTP server span → the operation span
 * (`query Portfolio`) → one client span per subgraph fetch → that subgraph's server span (joined through the
 * W3C `traceparent` header) → its upstream HTTP calls, each of which sent a `traceparent` of its own.
 */

const PORTFOLIO = /* GraphQL */ `
  query Portfolio {
    portfolio {
      projectCount
      byHealth { rag overall }
      bySponsor { sponsor { email displayName } count }
      operations { projectKey openP1Incidents { number } }
    }
  }
`;

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let stack: Stack;

beforeAll(async () => {
  tracing = startTracing({ serviceName: 'pmo-graph-test', exporter })!;
  stack = await startStack({ ports: 'random' });
});

afterAll(async () => {
  await stack?.close();
  await tracing?.shutdown();
});

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

test('the portfolio query is one trace: operation → subgraph fetches → subgraph servers → upstream calls', async () => {
  exporter.reset();
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const { status, body } = await post(stack.gateway.url, PORTFOLIO, {}, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
  expect([status, body.errors]).toEqual([200, undefined]);

  const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const children = (span: ReadableSpan) => spans.filter((s) => parentOf(s) === span.spanContext().spanId);

  const server = spans.find((s) => s.name === 'POST /graphql' && s.instrumentationScope.name === 'pmo-graph/gateway')!;
  expect(server).toBeDefined();
  expect(parentOf(server)).toBe('00f067aa0ba902b7');

  const operation = spans.find((s) => s.name === 'query Portfolio')!;
  expect(operation).toBeDefined();
  expect(operation.attributes['graphql.operation.name']).toBe('Portfolio');
  // The operation hangs under the request span (directly or through the engine's own phases).
  let up: ReadableSpan | undefined = operation;
  while (up && up !== server) up = byId.get(parentOf(up) ?? '');
  expect(up).toBe(server);

  const fetches = children(operation).filter((s) => s.name.startsWith('subgraph '));
  expect(new Set(fetches.map((s) => s.name))).toEqual(new Set(['subgraph projects', 'subgraph tickets', 'subgraph people']));

  for (const fetch of fetches) {
    const subgraph = String(fetch.attributes['graphql.subgraph.name']);
    const served = children(fetch).filter((s) => s.instrumentationScope.name === 'pmo-graph/subgraph');
    expect([subgraph, served.length]).toEqual([subgraph, 1]);
    expect(served[0].attributes['pmo.subgraph']).toBe(subgraph);
    const upstream = children(served[0]).filter((s) => s.instrumentationScope.name === 'pmo-graph/connectors');
    expect([subgraph, upstream.length > 0]).toEqual([subgraph, true]);
    for (const call of upstream) expect(call.attributes['http.response.status_code']).toBe(200);
  }
});

test('an upstream request carries the traceparent of its own client span', async () => {
  const seen: Array<string | undefined> = [];
  const upstream = http.createServer((req, res) => {
    seen.push(req.headers.traceparent as string | undefined);
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  try {
    const client = new HttpClient({ name: 'jira', baseUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, auth: { type: 'none' }, timeoutMs: 2000 });
    exporter.reset();
    await trace.getTracer('test').startActiveSpan('parent', async (parent) => {
      await client.get('/rest/api/3/myself');
      parent.end();
    });
    const call = exporter.getFinishedSpans().find((s) => s.instrumentationScope.name === 'pmo-graph/connectors')!;
    expect(call.name).toBe('GET jira');
    expect(seen).toEqual([`00-${call.spanContext().traceId}-${call.spanContext().spanId}-01`]);
  } finally {
    upstream.close();
  }
});
