import { ConfigError } from '../connectors/config';

export interface GatewayConfig {
  port: number;
  host: string;
  /** Overrides of supergraph.graphql's routing URLs, by subgraph name. */
  subgraphUrls: Record<string, string>;
  /** Timeout of one readiness probe to a subgraph. */
  readinessTimeoutMs: number;
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
  return { port, host: env.HOST || '0.0.0.0', subgraphUrls, readinessTimeoutMs: 2000 };
}

export function parsePort(variable: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${variable} must be a port number (0-65535), got "${raw}"`);
  return port;
}
