import { z } from 'zod';
import type { CacheStoreOptions } from './http/cache';
import type { AuthConfig, UpstreamConfig } from './http/config';
import { JIRA_DEPLOYMENTS, type JiraDeployment } from './jira/deployment';
import { defaultPolicy, RESOURCE_CLASSES, type ResiliencePolicy, type ResourceClass } from './http/policy';

/**
 * Upstream settings, read and validated once at start-up. An upstream whose URL is unset is "not
 * configured": `npm start` then runs its simulator instead. A partly configured upstream (URL without
 * credentials, a non-URL) stops start-up with a message naming the variable.
 */

export interface UpstreamConfigs {
  jira: (UpstreamConfig & { deployment: JiraDeployment }) | null;
  servicenow: UpstreamConfig | null;
  scim: UpstreamConfig | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A true/false setting (`true|1|yes`, `false|0|no`, any case); unset or blank is the fallback. */
export function booleanSetting(variable: string, env: NodeJS.ProcessEnv, fallback: boolean): boolean {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (/^(true|1|yes)$/i.test(raw.trim())) return true;
  if (/^(false|0|no)$/i.test(raw.trim())) return false;
  throw new ConfigError(`${variable} must be true or false, got "${raw}"`);
}

const url = (variable: string) =>
  z.string().url({ message: `${variable} must be an absolute http(s) URL` }).refine((v) => /^https?:\/\//.test(v), {
    message: `${variable} must be an absolute http(s) URL`,
  });

const timeout = (variable: string, env: NodeJS.ProcessEnv, fallback: number): number => {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${variable} must be a positive whole number of milliseconds, got "${raw}"`);
  return value;
};

function parseUrl(variable: string, env: NodeJS.ProcessEnv): string | null {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return null;
  const parsed = url(variable).safeParse(raw.trim());
  if (!parsed.success) throw new ConfigError(parsed.error.issues[0].message);
  return parsed.data.replace(/\/+$/, '');
}

const present = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
};

export function loadUpstreamConfigs(env: NodeJS.ProcessEnv = process.env): UpstreamConfigs {
  const http = loadHttpSettings(env);
  const withPolicy = <C extends UpstreamConfig>(config: C | null): C | null =>
    config && { ...config, resilience: http.policies[config.name as UpstreamName], cacheStore: http.cacheStore };
  return {
    jira: withPolicy(jiraConfig(env)),
    servicenow: withPolicy(serviceNowConfig(env)),
    // The people subgraph's directory: SCIM, or Microsoft Graph when DIRECTORY_SOURCE=msgraph (policy in the scim slot).
    scim: loadDirectorySource(env) === 'msgraph' ? { ...msGraphConfig(env), resilience: http.policies.scim, cacheStore: http.cacheStore } : withPolicy(scimConfig(env)),
  };
}

type UpstreamName = keyof UpstreamConfigs;
const UPSTREAM_PREFIX: Record<UpstreamName, string> = { jira: 'JIRA', servicenow: 'SERVICENOW', scim: 'SCIM' };

/** The shared HTTP policy's settings: what happens when an upstream is slow, rate-limited or down. */
export interface HttpSettings {
  policies: Record<UpstreamName, ResiliencePolicy>;
  /** Where cached answers live; null when `CACHE_ENABLED=false`. */
  cacheStore: CacheStoreOptions | null;
  /** Per-request timeout of each upstream (`<UPSTREAM>_TIMEOUT_MS`), simulated ones included. */
  timeoutMs: Record<UpstreamName, number>;
  /** Longest one GraphQL operation may take, upstream calls and retries included. */
  operationDeadlineMs: number;
}

const numberSetting = (
  variable: string,
  env: NodeJS.ProcessEnv,
  fallback: number,
  rule: { min: number; max?: number; integer?: boolean; unit: string },
): number => {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  const ok = Number.isFinite(value) && value >= rule.min && (rule.max === undefined || value <= rule.max) && (!rule.integer || Number.isInteger(value));
  if (!ok) {
    const range = rule.max === undefined ? `at least ${rule.min}` : `from ${rule.min} to ${rule.max}`;
    throw new ConfigError(`${variable} must be ${rule.integer ? 'a whole number' : 'a number'} of ${rule.unit} ${range}, got "${raw}"`);
  }
  return value;
};

export function loadHttpSettings(env: NodeJS.ProcessEnv = process.env): HttpSettings {
  const ms = (variable: string, fallback: number, min = 1) => numberSetting(variable, env, fallback, { min, integer: true, unit: 'milliseconds' });
  const seconds = (variable: string, fallback: number) => numberSetting(variable, env, fallback, { min: 0, integer: true, unit: 'seconds' });
  const ttlSeconds = Object.fromEntries(
    RESOURCE_CLASSES.map((resource) => [resource, seconds(`CACHE_TTL_${resource.toUpperCase()}_SECONDS`, defaultPolicy('jira').cache.ttlSeconds[resource])]),
  ) as Record<ResourceClass, number>;
  const cache = {
    ttlSeconds,
    staleWhileRevalidateSeconds: seconds('CACHE_STALE_WHILE_REVALIDATE_SECONDS', 60),
    staleIfErrorSeconds: seconds('CACHE_STALE_IF_ERROR_SECONDS', 3_600),
  };
  const retryShared = {
    baseDelayMs: ms('HTTP_RETRY_BASE_DELAY_MS', 200),
    maxDelayMs: ms('HTTP_RETRY_MAX_DELAY_MS', 5_000),
    maxRetryAfterMs: seconds('HTTP_MAX_RETRY_AFTER_SECONDS', 30) * 1000,
    budgetRatio: numberSetting('HTTP_RETRY_BUDGET_RATIO', env, 0.2, { min: 0, max: 1, unit: 'retries per request' }),
  };

  const policy = (name: UpstreamName | 'msgraph', prefix: string = UPSTREAM_PREFIX[name as UpstreamName]): ResiliencePolicy => {
    const base = defaultPolicy(name);
    const count = (suffix: string, fallback: number, min: number, max?: number) =>
      numberSetting(`${prefix}_${suffix}`, env, fallback, { min, max, integer: true, unit: suffix.endsWith('RETRIES') ? 'retries' : 'requests' });
    return {
      ...base,
      retry: { ...base.retry, ...retryShared, maxRetries: count('MAX_RETRIES', base.retry.maxRetries, 0, 10) },
      pacing: {
        ...base.pacing,
        maxConcurrency: count('MAX_CONCURRENCY', base.pacing.maxConcurrency, 1),
        requestsPerSecond: numberSetting(`${prefix}_REQUESTS_PER_SECOND`, env, base.pacing.requestsPerSecond, { min: 0.01, unit: 'requests per second' }),
      },
      breaker: {
        failureThreshold: count('BREAKER_FAILURES', base.breaker.failureThreshold, 1),
        cooldownMs: ms(`${prefix}_BREAKER_COOLDOWN_MS`, base.breaker.cooldownMs),
      },
      cache,
    };
  };

  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\/\S+$/.test(redisUrl)) throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, got "${redisUrl}"`);
  const namespace = env.CACHE_NAMESPACE?.trim() || 'pmo-graph';
  if (!/^[\w.-]+$/.test(namespace)) throw new ConfigError(`CACHE_NAMESPACE may hold only letters, digits, '.', '_' and '-', got "${namespace}"`);
  const rawEnabled = env.CACHE_ENABLED?.trim() ?? '';
  if (rawEnabled && !/^(true|false)$/i.test(rawEnabled)) throw new ConfigError(`CACHE_ENABLED must be true or false, got "${rawEnabled}"`);
  const maxEntries = numberSetting('CACHE_MAX_ENTRIES', env, 10_000, { min: 1, integer: true, unit: 'entries' });
  const directory = loadDirectorySource(env);
  return {
    policies: { jira: policy('jira'), servicenow: policy('servicenow'), scim: directory === 'msgraph' ? policy('msgraph', 'MSGRAPH') : policy('scim') },
    cacheStore: /^false$/i.test(rawEnabled) ? null : { redisUrl, namespace, maxEntries },
    timeoutMs: { jira: timeout('JIRA_TIMEOUT_MS', env, 10_000), servicenow: timeout('SERVICENOW_TIMEOUT_MS', env, 10_000), scim: timeout(directory === 'msgraph' ? 'MSGRAPH_TIMEOUT_MS' : 'SCIM_TIMEOUT_MS', env, 10_000) },
    operationDeadlineMs: ms('OPERATION_DEADLINE_MS', 15_000),
  };
}

function jiraConfig(env: NodeJS.ProcessEnv): UpstreamConfigs['jira'] {
  const baseUrl = parseUrl('JIRA_BASE_URL', env);
  if (!baseUrl) return null;
  const email = present(env, 'JIRA_EMAIL');
  const token = present(env, 'JIRA_API_TOKEN');
  const pat = present(env, 'JIRA_PAT');
  let auth: AuthConfig;
  if (pat) auth = { type: 'bearer', token: pat };
  else if (email && token) auth = { type: 'basic', username: email, password: token };
  else throw new ConfigError('JIRA_BASE_URL is set: also set JIRA_EMAIL and JIRA_API_TOKEN (Jira Cloud) or JIRA_PAT (Data Center)');
  // A PAT is how Data Center authenticates; Cloud API tokens go with an email. Either can be overridden.
  const rawDeployment = present(env, 'JIRA_DEPLOYMENT')?.trim().toLowerCase();
  const deployment = (rawDeployment ?? (pat ? 'datacenter' : 'cloud')) as JiraDeployment;
  if (!JIRA_DEPLOYMENTS.includes(deployment)) {
    throw new ConfigError(`JIRA_DEPLOYMENT must be ${JIRA_DEPLOYMENTS.join(' or ')}, got "${env.JIRA_DEPLOYMENT}"`);
  }
  return { name: 'jira', baseUrl, auth, timeoutMs: timeout('JIRA_TIMEOUT_MS', env, 10_000), deployment };
}

function serviceNowConfig(env: NodeJS.ProcessEnv): UpstreamConfig | null {
  const baseUrl = parseUrl('SERVICENOW_URL', env);
  if (!baseUrl) return null;
  const token = present(env, 'SERVICENOW_TOKEN');
  const username = present(env, 'SERVICENOW_USERNAME');
  const password = present(env, 'SERVICENOW_PASSWORD');
  let auth: AuthConfig;
  if (token) auth = { type: 'bearer', token };
  else if (username && password) auth = { type: 'basic', username, password };
  else throw new ConfigError('SERVICENOW_URL is set: also set SERVICENOW_USERNAME and SERVICENOW_PASSWORD, or SERVICENOW_TOKEN');
  return { name: 'servicenow', baseUrl, auth, timeoutMs: timeout('SERVICENOW_TIMEOUT_MS', env, 10_000) };
}

function scimConfig(env: NodeJS.ProcessEnv): UpstreamConfig | null {
  const baseUrl = parseUrl('SCIM_BASE_URL', env);
  if (!baseUrl) return null;
  const token = present(env, 'SCIM_TOKEN');
  if (!token) throw new ConfigError('SCIM_BASE_URL is set: also set SCIM_TOKEN');
  return { name: 'scim', baseUrl, auth: { type: 'bearer', token }, timeoutMs: timeout('SCIM_TIMEOUT_MS', env, 10_000) };
}

export type DirectorySource = 'scim' | 'msgraph';

/** `DIRECTORY_SOURCE`: which directory the people subgraph reads (default scim). */
export function loadDirectorySource(env: NodeJS.ProcessEnv): DirectorySource {
  const raw = env.DIRECTORY_SOURCE?.trim() ?? '';
  if (raw === '') return 'scim';
  if (raw === 'scim' || raw === 'msgraph') return raw;
  throw new ConfigError(`DIRECTORY_SOURCE must be scim or msgraph, got "${raw}"`);
}

/** Microsoft Graph is always "configured" (its URL has a default), so it always needs a token. */
function msGraphConfig(env: NodeJS.ProcessEnv): UpstreamConfig {
  const baseUrl = parseUrl('MSGRAPH_BASE_URL', env) ?? 'https://graph.microsoft.com/v1.0';
  const token = present(env, 'MSGRAPH_TOKEN');
  if (!token) throw new ConfigError('DIRECTORY_SOURCE=msgraph: set MSGRAPH_TOKEN (a bearer token for Microsoft Graph with User.Read.All)');
  return { name: 'msgraph', baseUrl, auth: { type: 'bearer', token }, timeoutMs: timeout('MSGRAPH_TIMEOUT_MS', env, 10_000) };
}
