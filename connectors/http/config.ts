import type { CacheStoreOptions } from './cache';
import type { ResiliencePolicy } from './policy';
import type { HttpRuntime } from './runtime';

export type AuthConfig =
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | { type: 'none' };

export interface UpstreamConfig {
  /** Short name used in errors, logs and cache keys: `jira`, `servicenow`, `scim`. */
  name: string;
  baseUrl: string;
  auth: AuthConfig;
  /** Per-request timeout. */
  timeoutMs: number;
  /**
   * Retry, pacing, circuit breaker and cache policy. Without it the client only applies `timeoutMs`: one
   * attempt, nothing cached (what a connector's own unit tests want).
   */
  resilience?: ResiliencePolicy;
  /** The clock, cache store and metrics this client shares with others; a process-wide one when omitted. */
  runtime?: HttpRuntime;
  /** The cache store of the process-wide runtime (used only without `runtime`); null: no cache. */
  cacheStore?: CacheStoreOptions | null;
}

export function authorizationHeader(auth: AuthConfig): string | undefined {
  switch (auth.type) {
    case 'basic':
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    case 'bearer':
      return `Bearer ${auth.token}`;
    case 'none':
      return undefined;
  }
}
