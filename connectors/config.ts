import { z } from 'zod';
import type { AuthConfig, UpstreamConfig } from './http/config';

/**
 * Upstream settings, read and validated once at start-up. An upstream whose URL is unset is "not
 * configured": `npm start` then runs its simulator instead. A partly configured upstream (URL without
 * credentials, a non-URL) stops start-up with a message naming the variable.
 */

export interface UpstreamConfigs {
  jira: UpstreamConfig | null;
  servicenow: UpstreamConfig | null;
  scim: UpstreamConfig | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
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
  return {
    jira: jiraConfig(env),
    servicenow: serviceNowConfig(env),
    scim: scimConfig(env),
  };
}

function jiraConfig(env: NodeJS.ProcessEnv): UpstreamConfig | null {
  const baseUrl = parseUrl('JIRA_BASE_URL', env);
  if (!baseUrl) return null;
  const email = present(env, 'JIRA_EMAIL');
  const token = present(env, 'JIRA_API_TOKEN');
  const pat = present(env, 'JIRA_PAT');
  let auth: AuthConfig;
  if (pat) auth = { type: 'bearer', token: pat };
  else if (email && token) auth = { type: 'basic', username: email, password: token };
  else throw new ConfigError('JIRA_BASE_URL is set: also set JIRA_EMAIL and JIRA_API_TOKEN (Jira Cloud) or JIRA_PAT (Data Center)');
  return { name: 'jira', baseUrl, auth, timeoutMs: timeout('JIRA_TIMEOUT_MS', env, 10_000) };
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
