/**
 * Who is asking. The gateway authenticates the client (JWT or API key) and vouches for the caller to each
 * subgraph; resolvers read it from their context and check only what the schema's directives cannot say
 * (for example "a PM of this project").
 */

/** Every scope the graph knows; the schema's `@requiresScopes` and the README's table use these names. */
export const SCOPES = ['people:sensitive', 'status:write', 'intake:review', 'portfolio:admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Caller {
  /** Stable subject: the token's `sub`, `apikey:<name>` for a service account, `anonymous` when auth is off. */
  subject: string;
  /** Lower-cased work email when the caller is a person. */
  email?: string;
  /** Display name, when the identity provider gives one. */
  name?: string;
  scopes: readonly string[];
  kind: 'user' | 'service' | 'anonymous';
}

/** With `AUTH_MODE=off` (the demo) every request runs as this caller, holding every scope. */
export const ANONYMOUS_DEMO_CALLER: Caller = Object.freeze({ subject: 'anonymous', kind: 'anonymous', scopes: SCOPES });

/** The scope names in a comma- or space-separated list, and those the graph does not know. */
export function parseScopes(list: string): { scopes: string[]; unknown: string[] } {
  const scopes = list.split(/[,\s]+/).filter(Boolean);
  return { scopes, unknown: scopes.filter((s) => !(SCOPES as readonly string[]).includes(s)) };
}

export function hasScope(caller: Caller, scope: Scope): boolean {
  return caller.scopes.includes(scope);
}

/** What the subgraph server knows of a request when it builds the per-request context. */
export interface SubgraphRequest {
  caller: Caller;
  requestId?: string;
}
