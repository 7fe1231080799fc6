import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadHttpSettings, loadUpstreamConfigs, type UpstreamConfigs } from '../connectors/config';
import { HttpRuntime, sharedHttpRuntime, type HttpRuntimeOptions } from '../connectors/http/runtime';
import type { UpstreamConfig } from '../connectors/http/config';
import { JiraClient } from '../connectors/jira';
import { MsGraphClient } from '../connectors/msgraph';
import { ScimClient } from '../connectors/scim';
import { ServiceNowClient } from '../connectors/servicenow';
import { loadAuthConfig, withInProcessSecret } from '../gateway/auth/config';
import { demoKeyFile } from '../gateway/auth/demo-issuer';
import { parsePort } from '../gateway/config';
import { loadAuditConfig } from '../gateway/plugins/audit';
import { loadOperationLimits } from '../gateway/plugins/limits';
import { startGateway, type RunningGateway } from '../gateway/server';
import { startSubgraph, type RunningSubgraph, type SubgraphServerOptions } from '../subgraphs/common/server';
import { drainFromEnv } from '../subgraphs/common/lifecycle';
import { createLogger, upstreamLogger, type Logger } from '../subgraphs/common/logging';
import { createMetricsRegistry, type Registry } from '../subgraphs/common/metrics';
import { webhookRoutes } from '../subgraphs/common/webhooks';
import { createPeopleSubgraph } from '../subgraphs/people';
import { loadPeopleOptions, type PeopleOptions } from '../subgraphs/people/config';
import { createProjectsSubgraph } from '../subgraphs/projects';
import { loadProjectsOptions, type ProjectsOptions } from '../subgraphs/projects/config';
import { createTicketsSubgraph } from '../subgraphs/tickets';
import { loadTicketsOptions, type TicketsConfig } from '../subgraphs/tickets/config';
import { faultsFromEnv, startSimulator, type RunningSimulator } from '../simulators/common/server';
import { SIMULATOR_CREDENTIALS } from '../simulators/credentials';
import { generateDataset, type Dataset } from '../simulators/data/dataset';
import { jiraSimulator } from '../simulators/jira';
import { scimSimulator } from '../simulators/scim';
import { serviceNowSimulator } from '../simulators/servicenow';

/**
 * Wires the product together: upstream configs (real or simulated) → connectors → subgraphs → gateway.
 * `npm start` runs all of it in one process; bin/gateway.ts and bin/subgraph.ts run one part each.
 */

/** The repository root, from source (bin/) or from the build (dist/bin/). */
export const ROOT = findRoot(__dirname);

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'supergraph.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`supergraph.yaml not found above ${from}`);
  }
}
/** The named operations the apps run and the persisted-operations manifest holds. */
export const OPERATIONS_DIR = path.join(ROOT, 'operations');

export type UpstreamName = 'jira' | 'servicenow' | 'scim';
export type SubgraphName = 'projects' | 'people' | 'tickets';
export const SUBGRAPHS: readonly SubgraphName[] = ['projects', 'people', 'tickets'];

export const DEFAULT_PORTS = {
  gateway: 4000,
  projects: 4001,
  people: 4002,
  tickets: 4003,
  jira: 4101,
  servicenow: 4102,
  scim: 4103,
} as const;

export const PORT_VARIABLES = {
  gateway: 'PORT',
  projects: 'PROJECTS_PORT',
  people: 'PEOPLE_PORT',
  tickets: 'TICKETS_PORT',
  jira: 'JIRA_SIMULATOR_PORT',
  servicenow: 'SERVICENOW_SIMULATOR_PORT',
  scim: 'SCIM_SIMULATOR_PORT',
} as const;

export function portOf(part: keyof typeof DEFAULT_PORTS, env: NodeJS.ProcessEnv): number {
  return parsePort(PORT_VARIABLES[part], env[PORT_VARIABLES[part]], DEFAULT_PORTS[part]);
}

export function datasetFromEnv(env: NodeJS.ProcessEnv): Dataset {
  const rawScale = env.DEMO_SCALE ?? '1';
  const scale = Number(rawScale);
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000) throw new ConfigError(`DEMO_SCALE must be a whole number from 1 to 1000, got "${rawScale}"`);
  const rawAnchor = env.DEMO_ANCHOR_DATE;
  let anchor: Date | undefined;
  if (rawAnchor) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(rawAnchor) || Number.isNaN(Date.parse(rawAnchor))) {
      throw new ConfigError(`DEMO_ANCHOR_DATE must be a date like 2026-11-26, got "${rawAnchor}"`);
    }
    anchor = new Date(`${rawAnchor}T00:00:00Z`);
  }
  return generateDataset({ scale, anchor });
}

const SIMULATORS = {
  jira: jiraSimulator,
  servicenow: serviceNowSimulator,
  scim: scimSimulator,
} as const;

const FAULT_PREFIX: Record<UpstreamName, string> = { jira: 'JIRA_SIMULATOR', servicenow: 'SERVICENOW_SIMULATOR', scim: 'SCIM_SIMULATOR' };

/** The connector settings that reach a running simulator, with the credentials it accepts. */
export function simulatorConfig(name: UpstreamName, url: string, timeoutMs = 10_000): UpstreamConfig {
  switch (name) {
    case 'jira': {
      const { email, apiToken } = SIMULATOR_CREDENTIALS.jira;
      return { name, baseUrl: url, auth: { type: 'basic', username: email, password: apiToken }, timeoutMs };
    }
    case 'servicenow': {
      const { username, password } = SIMULATOR_CREDENTIALS.servicenow;
      return { name, baseUrl: url, auth: { type: 'basic', username, password }, timeoutMs };
    }
    case 'scim':
      return { name, baseUrl: `${url}/scim/v2`, auth: { type: 'bearer', token: SIMULATOR_CREDENTIALS.scim.token }, timeoutMs };
  }
}

export async function startSimulators(
  names: readonly UpstreamName[],
  options: { dataset: Dataset; env: NodeJS.ProcessEnv; ports?: Partial<Record<UpstreamName, number>>; host?: string },
): Promise<Record<UpstreamName, RunningSimulator | undefined>> {
  const running: Record<UpstreamName, RunningSimulator | undefined> = { jira: undefined, servicenow: undefined, scim: undefined };
  for (const name of names) {
    running[name] = await startSimulator(SIMULATORS[name](options.dataset), {
      port: options.ports?.[name] ?? 0,
      host: options.host,
      faults: faultsFromEnv(FAULT_PREFIX[name], options.env),
    });
  }
  return running;
}

export interface SubgraphSettings {
  people: PeopleOptions;
  projects: ProjectsOptions;
  maxTicketRowsPerBatch: number;
  tickets: TicketsConfig;
  /** The shared secrets of the upstreams' change events; an upstream without one gets no webhook route. */
  webhookSecrets: Partial<Record<'jira' | 'servicenow', string>>;
}

/**
 * `JIRA_WEBHOOK_SECRET` (the secret of the Jira webhook) and `SERVICENOW_WEBHOOK_SECRET` (the business rule's);
 * a simulated upstream uses the simulator's own.
 */
export function webhookSecrets(env: NodeJS.ProcessEnv, simulated: readonly UpstreamName[]): SubgraphSettings['webhookSecrets'] {
  const secrets: SubgraphSettings['webhookSecrets'] = {};
  for (const [name, variable] of [['jira', 'JIRA_WEBHOOK_SECRET'], ['servicenow', 'SERVICENOW_WEBHOOK_SECRET']] as const) {
    const value = env[variable]?.trim() || (simulated.includes(name) ? SIMULATOR_CREDENTIALS[name].webhookSecret : undefined);
    if (value !== undefined && value.length < 16) throw new ConfigError(`${variable} must be at least 16 characters`);
    if (value) secrets[name] = value;
  }
  return secrets;
}

export function subgraphSettings(env: NodeJS.ProcessEnv, demo: boolean, simulated: readonly UpstreamName[] = []): SubgraphSettings {
  const rawRows = env.TICKETS_MAX_ROWS_PER_BATCH ?? '5000';
  const rows = Number(rawRows);
  if (!Number.isInteger(rows) || rows < 1) throw new ConfigError(`TICKETS_MAX_ROWS_PER_BATCH must be a positive whole number, got "${rawRows}"`);
  return {
    people: loadPeopleOptions(env, { demo }),
    projects: loadProjectsOptions(env),
    maxTicketRowsPerBatch: rows,
    tickets: loadTicketsOptions(env),
    webhookSecrets: webhookSecrets(env, simulated),
  };
}

/** The upstream's change events, served by the subgraph that owns it, evicting from the cache its connector uses. */
function webhooksFor(name: SubgraphName, upstream: UpstreamConfig, settings: SubgraphSettings): SubgraphServerOptions['routes'] {
  const runtime = upstream.runtime ?? (upstream.resilience ? sharedHttpRuntime(upstream.cacheStore) : undefined);
  const source = name === 'projects' ? 'jira' : name === 'tickets' ? 'servicenow' : undefined;
  const secret = source && settings.webhookSecrets[source];
  return runtime && source && secret ? webhookRoutes({ [source]: { secret, runtime } }) : undefined;
}

export async function startSubgraphByName(
  name: SubgraphName,
  upstream: UpstreamConfig,
  settings: SubgraphSettings,
  options: SubgraphServerOptions,
): Promise<RunningSubgraph> {
  const listen = { ...options, routes: webhooksFor(name, upstream, settings) };
  switch (name) {
    case 'projects':
      return startSubgraph(await createProjectsSubgraph(new JiraClient(upstream), settings.projects), listen);
    case 'people':
      // DIRECTORY_SOURCE=msgraph puts a Graph config in the directory's slot (connectors/config.ts).
      return startSubgraph(
        await createPeopleSubgraph(upstream.name === 'msgraph' ? new MsGraphClient(upstream) : new ScimClient(upstream), settings.people),
        listen,
      );
    case 'tickets':
      return startSubgraph(
        await createTicketsSubgraph(new ServiceNowClient(upstream, { projectLinkField: settings.tickets.projectLink.field }), {
          ...settings.tickets,
          maxRowsPerBatch: settings.maxTicketRowsPerBatch,
        }),
        listen,
      );
  }
}

export const UPSTREAM_OF: Record<SubgraphName, UpstreamName> = { projects: 'jira', people: 'scim', tickets: 'servicenow' };

export function readSupergraph(): Promise<string> {
  return readFile(path.join(ROOT, 'supergraph.graphql'), 'utf8');
}

export interface Stack {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  simulators: Record<UpstreamName, RunningSimulator | undefined>;
  upstreams: Record<UpstreamName, UpstreamConfig>;
  /** The upstream HTTP policy's shared state; `http.metrics.snapshot()` is the per-upstream metrics. */
  http: HttpRuntime;
  /** The process's Prometheus registry: every /metrics of the stack serves it. */
  metrics: Registry;
  logger: Logger;
  close: () => Promise<void>;
}

export interface StackOptions {
  env?: NodeJS.ProcessEnv;
  /** Fixed ports from the environment (npm start) or free ports chosen by the OS (tests, benchmarks). */
  ports?: 'env' | 'random';
  dataset?: Dataset;
  /** Injected clock, jitter and logger for the upstream HTTP policy (tests). */
  http?: Pick<HttpRuntimeOptions, 'clock' | 'random' | 'log'>;
  /** The JSON logger every part writes to (default: stdout at LOG_LEVEL; tests pass one on a stream). */
  logger?: Logger;
}

/**
 * A simulated Jira or ServiceNow posts a signed event for each change of its data (registered with the gateway
 * below), so their reads may live as long as the README advises once events flow (15 minutes; the TTL stays
 * the bound should an event be lost). At 30 s a mixed load re-reads ServiceNow close to its 20 requests/s pacing
 * (bench:soak), queueing requests for seconds. Settings given explicitly win; real upstreams keep the defaults,
 * since whether their webhooks are registered is not known here.
 */
const EVENT_DRIVEN_TTLS: Partial<Record<UpstreamName, Record<string, string>>> = {
  jira: { CACHE_TTL_ISSUES_SECONDS: '900' },
  servicenow: { CACHE_TTL_TICKETS_SECONDS: '900' },
};

export function withEventDrivenTtls(env: NodeJS.ProcessEnv, simulated: readonly UpstreamName[]): NodeJS.ProcessEnv {
  const defaults = Object.assign({}, ...simulated.map((name) => EVENT_DRIVEN_TTLS[name] ?? {})) as Record<string, string>;
  const unset = Object.entries(defaults).filter(([variable]) => !env[variable]?.trim());
  return unset.length ? { ...env, ...Object.fromEntries(unset) } : env;
}

/** Simulators for every upstream not configured, the three subgraphs, and the gateway over them. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = options.env ?? process.env;
  const fixed = options.ports !== 'random';
  const configured: UpstreamConfigs = loadUpstreamConfigs(env);
  const missing = (Object.keys(configured) as UpstreamName[]).filter((name) => configured[name] === null);
  const httpSettings = loadHttpSettings(withEventDrivenTtls(env, missing));
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closeOne of closers.reverse()) await closeOne().catch(() => undefined);
  };
  const logger = options.logger ?? createLogger({ env });
  const metrics = createMetricsRegistry();
  const drain = drainFromEnv(env);
  const http = new HttpRuntime({ log: upstreamLogger(logger), ...options.http, cache: httpSettings.cacheStore });
  closers.push(() => http.close());
  if (httpSettings.cacheStore?.redisUrl) await http.cacheStatus();
  try {
    const simulators = missing.length
      ? await startSimulators(missing, {
          dataset: options.dataset ?? datasetFromEnv(env),
          env,
          ports: fixed ? Object.fromEntries(missing.map((name) => [name, portOf(name, env)])) : undefined,
        })
      : { jira: undefined, servicenow: undefined, scim: undefined };
    for (const sim of Object.values(simulators)) if (sim) closers.push(sim.close);
    const upstreams = Object.fromEntries(
      (Object.keys(configured) as UpstreamName[]).map((name) => [
        name,
        {
          ...(configured[name] ?? simulatorConfig(name, simulators[name]!.url)),
          timeoutMs: httpSettings.timeoutMs[name],
          resilience: httpSettings.policies[name],
          runtime: http,
        },
      ]),
    ) as Record<UpstreamName, UpstreamConfig>;
    const settings = subgraphSettings(env, missing.includes('scim'), missing);
    const auth = withInProcessSecret(loadAuthConfig(env));
    const limits = loadOperationLimits(env);

    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    for (const name of SUBGRAPHS) {
      subgraphs[name] = await startSubgraphByName(name, upstreams[UPSTREAM_OF[name]], settings, {
        port: fixed ? portOf(name, env) : 0,
        deadlineMs: httpSettings.operationDeadlineMs,
        clock: http.clock,
        identity: { secret: auth.identitySecret, required: auth.mode === 'required' },
        logger,
        metrics,
        http,
        drain,
      });
      closers.push(subgraphs[name].close);
    }
    const gateway = await startGateway({
      supergraphSdl: await readSupergraph(),
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphs[name].url])),
      port: fixed ? portOf('gateway', env) : 0,
      host: fixed ? env.HOST || '0.0.0.0' : '127.0.0.1',
      operationDeadlineMs: httpSettings.operationDeadlineMs,
      operationsDir: OPERATIONS_DIR,
      auth,
      limits,
      demoIssuerKeyFile: demoKeyFile(ROOT, env),
      redisUrl: env.REDIS_URL?.trim() || undefined,
      audit: loadAuditConfig(env),
      logger,
      metrics,
      drain,
    });
    closers.push(gateway.close);
    // Each simulator posts its change events to the gateway, as the real system would be told to.
    for (const source of ['jira', 'servicenow'] as const) {
      const secret = settings.webhookSecrets[source];
      if (secret) simulators[source]?.webhooks?.register({ url: gateway.url.replace(/\/graphql$/, `/webhooks/${source}`), secret });
    }
    return { gateway, subgraphs, simulators, upstreams, http, metrics, logger, close };
  } catch (error) {
    await close();
    throw error;
  }
}
