import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookSender } from './webhooks';

/**
 * The shared skeleton of the three simulators: routing, the auth check, fault injection and request counting.
 * Each simulator supplies its routes and how its upstream renders an error body; everything here is
 * wire-format neutral.
 */

export interface SimRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** The base URL clients used to reach this server (for self links). */
  baseUrl: string;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  contentType?: string;
}

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path pattern with `:name` segments, e.g. `/rest/api/3/project/:key`. */
  pattern: string;
  handler: Handler;
}

export interface Faults {
  /** Added to every response. */
  latencyMs: number;
  /** Fraction (0..1) of requests answered with `errorStatus`. */
  errorRate: number;
  errorStatus: number;
  /** Fraction (0..1) of requests answered 429 with Retry-After: `retryAfterSeconds`. */
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** Fraction (0..1) of requests that never get an answer (the client must time out). */
  hangRate: number;
}

export const NO_FAULTS: Faults = { latencyMs: 0, errorRate: 0, errorStatus: 503, rateLimitRate: 0, retryAfterSeconds: 1, hangRate: 0 };

export interface SimulatorDefinition {
  name: string;
  routes: Route[];
  /** Returns null when the request is authorised, or the response to send when it is not. */
  authorize: (req: SimRequest) => SimResponse | null;
  /** The upstream's own error body for a status (used for injected faults and unknown routes). */
  errorBody: (status: number, message: string) => SimResponse;
  /** Change events the simulator posts when its data changes (Jira webhooks, the ServiceNow business rule). */
  webhooks?: WebhookSender;
}

export interface RunningSimulator {
  name: string;
  url: string;
  port: number;
  faults: Faults;
  /** Requests received since start or the last reset, by `METHOD pattern`. */
  requests: () => Record<string, number>;
  totalRequests: () => number;
  reset: () => void;
  setFaults: (faults: Partial<Faults>) => void;
  /** Where its change events go (`/__admin/webhooks` too), when the simulator sends any. */
  webhooks?: WebhookSender;
  close: () => Promise<void>;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { ...route, regex: new RegExp(`^${source}/?$`), names };
}

export function faultsFromEnv(prefix: string, env: NodeJS.ProcessEnv = process.env): Faults {
  const num = (name: string, fallback: number): number => {
    const raw = env[`${prefix}_${name}`];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${prefix}_${name} must be a non-negative number, got "${raw}"`);
    return value;
  };
  return {
    latencyMs: num('LATENCY_MS', NO_FAULTS.latencyMs),
    errorRate: num('ERROR_RATE', NO_FAULTS.errorRate),
    errorStatus: num('ERROR_STATUS', NO_FAULTS.errorStatus),
    rateLimitRate: num('RATE_LIMIT_RATE', NO_FAULTS.rateLimitRate),
    retryAfterSeconds: num('RETRY_AFTER_SECONDS', NO_FAULTS.retryAfterSeconds),
    hangRate: num('HANG_RATE', NO_FAULTS.hangRate),
  };
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (!chunks.length) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Starts a simulator. Besides its upstream routes it serves `/__admin/requests` (GET: counts, DELETE: reset)
 * and `/__admin/faults` (GET, PUT a partial Faults object), which tests and benchmarks use to count upstream
 * calls and to inject latency, errors, rate limiting and hangs, and, for a simulator that sends change events,
 * `/__admin/webhooks` (GET: receivers and recent deliveries, PUT `{url, secret}`: register, DELETE: clear).
 */
export async function startSimulator(
  definition: SimulatorDefinition,
  options: { port?: number; host?: string; faults?: Partial<Faults>; random?: () => number } = {},
): Promise<RunningSimulator> {
  const routes = definition.routes.map(compile);
  const faults: Faults = { ...NO_FAULTS, ...options.faults };
  const random = options.random ?? Math.random;
  let counts: Record<string, number> = {};
  const hanging = new Set<http.ServerResponse>();

  const send = (res: http.ServerResponse, out: SimResponse): void => {
    const headers: Record<string, string> = { ...out.headers };
    let payload: string | undefined;
    if (out.body !== undefined) {
      payload = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
      headers['content-type'] = out.contentType ?? headers['content-type'] ?? 'application/json;charset=UTF-8';
    }
    res.writeHead(out.status, headers);
    res.end(payload);
  };

  const server = http.createServer(async (req, res) => {
    try {
      const host = req.headers.host ?? `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const url = new URL(req.url ?? '/', `http://${host}`);
      const method = (req.method ?? 'GET').toUpperCase();
      const body = await readBody(req);

      if (url.pathname.startsWith('/__admin/')) {
        return send(res, admin(method, url.pathname, body));
      }

      const match = routes
        .filter((r) => r.method === method)
        .map((r) => ({ route: r, m: r.regex.exec(url.pathname) }))
        .find((x) => x.m);
      const label = match ? `${method} ${match.route.pattern}` : `${method} (unknown) ${url.pathname}`;
      counts[label] = (counts[label] ?? 0) + 1;

      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      if (faults.hangRate > 0 && random() < faults.hangRate) {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (faults.rateLimitRate > 0 && random() < faults.rateLimitRate) {
        const out = definition.errorBody(429, 'The request has been rate-limited. Please try again later.');
        return send(res, { ...out, headers: { ...out.headers, 'retry-after': String(faults.retryAfterSeconds) } });
      }
      if (faults.errorRate > 0 && random() < faults.errorRate) {
        return send(res, definition.errorBody(faults.errorStatus, 'Injected failure'));
      }

      const simReq: SimRequest = {
        method,
        path: url.pathname,
        params: {},
        query: url.searchParams,
        headers: req.headers,
        body,
        baseUrl: `http://${host}`,
      };
      const denied = definition.authorize(simReq);
      if (denied) return send(res, denied);
      if (!match) return send(res, definition.errorBody(404, `No route for ${method} ${url.pathname}`));
      match.route.names.forEach((name, i) => {
        simReq.params[name] = decodeURIComponent(match.m![i + 1]);
      });
      send(res, await match.route.handler(simReq));
    } catch (error) {
      send(res, definition.errorBody(500, error instanceof Error ? error.message : String(error)));
    }
  });
  // Idle connections outlive the client's (Node's agent frees sockets after ~5 s, the server default too): with
  // equal timeouts a request can go out on a socket the server is just closing, an ECONNRESET under load.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  const admin = (method: string, path: string, body: unknown): SimResponse => {
    if (path === '/__admin/requests') {
      if (method === 'DELETE') counts = {};
      return { status: 200, body: { total: Object.values(counts).reduce((a, b) => a + b, 0), byRoute: counts } };
    }
    if (path === '/__admin/faults') {
      if (method === 'PUT' && body && typeof body === 'object') Object.assign(faults, body);
      return { status: 200, body: faults };
    }
    const hooks = definition.webhooks;
    if (path === '/__admin/webhooks' && hooks) {
      const target = body as { url?: unknown; secret?: unknown } | undefined;
      if (method === 'PUT' && typeof target?.url === 'string' && typeof target.secret === 'string') hooks.register({ url: target.url, secret: target.secret });
      else if (method === 'PUT') return { status: 400, body: { error: 'expected {"url": "…", "secret": "…"}' } };
      if (method === 'DELETE') hooks.clear();
      return { status: 200, body: { registered: hooks.registered, deliveries: hooks.deliveries } };
    }
    return { status: 404, body: { error: 'unknown admin path' } };
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    name: definition.name,
    url: `http://127.0.0.1:${port}`,
    port,
    faults,
    requests: () => ({ ...counts }),
    totalRequests: () => Object.values(counts).reduce((a, b) => a + b, 0),
    reset: () => {
      counts = {};
    },
    setFaults: (next) => Object.assign(faults, next),
    webhooks: definition.webhooks,
    close: async () => {
      await definition.webhooks?.settled();
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
