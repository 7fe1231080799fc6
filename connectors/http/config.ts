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
