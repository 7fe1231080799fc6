import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { ConfigError } from '../../connectors/config';

/**
 * Operation limits, checked before anything is planned or fetched: GraphQL Armor's depth, alias, token and
 * directive limits (the packages Hive Gateway's CLI ships), and the engine's demand control (`@cost` and
 * `@listSize` in the schema: a connection costs as many items as its `first` asks for). Each refusal has its own
 * code (`LIMIT_CODES`).
 */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Demand control's ceiling on an operation's estimated cost (0 = off). */
  maxCost: number;
  /** Requests per minute per caller (token subject, API key, or address); 0 = off. */
  rateLimitPerMinute: number;
  /** Introspection allowed (`INTROSPECTION`); on in the demo, off with NODE_ENV=production. */
  introspection: boolean;
}

function whole(env: NodeJS.ProcessEnv, variable: string, fallback: number, min = 0): number {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${variable} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}

export function loadOperationLimits(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  const production = env.NODE_ENV === 'production';
  const rawIntrospection = env.INTROSPECTION?.trim();
  if (rawIntrospection && !/^(true|false)$/.test(rawIntrospection)) throw new ConfigError(`INTROSPECTION must be true or false, got "${rawIntrospection}"`);
  return {
    maxDepth: whole(env, 'MAX_DEPTH', 15, 1),
    maxAliases: whole(env, 'MAX_ALIASES', 30, 0),
    maxTokens: whole(env, 'MAX_TOKENS', 5000, 100),
    maxDirectives: whole(env, 'MAX_DIRECTIVES', 50, 0),
    maxCost: whole(env, 'MAX_COST', 50_000, 0),
    rateLimitPerMinute: whole(env, 'RATE_LIMIT_PER_MINUTE', production ? 600 : 3000, 0),
    introspection: rawIntrospection ? rawIntrospection === 'true' : !production,
  };
}

/** Our code for each limit's refusal, found by the message the limit plugin writes. */
const LIMIT_MESSAGES: Array<[RegExp, string]> = [
  [/Query depth limit of \d+ exceeded/, 'DEPTH_LIMIT_EXCEEDED'],
  [/Aliases limit of \d+ exceeded/, 'ALIAS_LIMIT_EXCEEDED'],
  [/Token limit of \d+ exceeded/, 'TOKEN_LIMIT_EXCEEDED'],
  [/Directives limit of \d+ exceeded/, 'DIRECTIVE_LIMIT_EXCEEDED'],
  [/GraphQL introspection (has been disabled|is not allowed)/i, 'INTROSPECTION_DISABLED'],
];

export function limitCodeFor(message: string): string | undefined {
  return LIMIT_MESSAGES.find(([pattern]) => pattern.test(message))?.[1];
}

export function useOperationLimits(limits: OperationLimits): GatewayPlugin[] {
  const common = { exposeLimits: true, propagateOnRejection: true } as const;
  return [
    maxTokensPlugin({ ...common, n: limits.maxTokens }),
    maxDepthPlugin({ ...common, n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true }),
    maxAliasesPlugin({ ...common, n: limits.maxAliases }),
    maxDirectivesPlugin({ ...common, n: limits.maxDirectives }),
  ] as unknown as GatewayPlugin[];
}
