import { ConfigError } from '../connectors/config';

export interface GatewayConfig {
  port: number;
  host: string;
  /** Overrides of supergraph.graphql's routing URLs, by subgraph name. */
  subgraphUrls: Record<string, string>;
  /** Timeout of one readiness probe to a subgraph. */
  readinessTimeoutMs: number;
  /** Longest a GraphQL operation may take (`OPERATION_DEADLINE_MS`); subgraphs get the remaining budget. */
  operationDeadlineMs: number;
}

const SUBGRAPH_URL_VARIABLES: Record<string, string> = { projects: 'PROJECTS_URL', people: 'PEOPLE_URL', tickets: 'TICKETS_URL' };

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const port = parsePort('PORT', env.PORT, 4000);
  const subgraphUrls: Record<string, string> = {};
  for (const [name, variable] of Object.entries(SUBGRAPH_URL_VARIABLES)) {
    const value = env[variable];
    if (!value) continue;
    if (!/^https?:\/\/\S+$/.test(value)) throw new ConfigError(`${variable} must be an http(s) URL of the ${name} subgraph, got "${value}"`);
    subgraphUrls[name] = value;
  }
  const rawDeadline = env.OPERATION_DEADLINE_MS;
  const operationDeadlineMs = rawDeadline ? Number(rawDeadline) : 15_000;
  if (!Number.isInteger(operationDeadlineMs) || operationDeadlineMs < 1) {
    throw new ConfigError(`OPERATION_DEADLINE_MS must be a whole number of milliseconds at least 1, got "${rawDeadline}"`);
  }
  return { port, host: env.HOST || '0.0.0.0', subgraphUrls, readinessTimeoutMs: 2000, operationDeadlineMs };
}

export function parsePort(variable: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${variable} must be a port number (0-65535), got "${raw}"`);
  return port;
}
