import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../connectors/config';
import type { Caller } from '../../subgraphs/common/caller';

/**
 * API keys for service accounts (Power BI, Tableau, scripts). The configuration holds only each key's SHA-256
 * (a key is 32 random bytes, so a fast hash is enough: there is nothing to brute-force), its name and its scopes.
 * `npm run api-key -- --name powerbi --scopes people:sensitive` makes a key and prints the entry to configure.
 */
export interface ApiKeyEntry {
  /** Short name; the caller's subject is `apikey:<name>` in logs, audit lines and rate limits. */
  name: string;
  /** Hex SHA-256 of the key. */
  sha256: string;
  scopes: string[];
}

/** What a key's name may be: it becomes the subject `apikey:<name>`. */
export const API_KEY_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function newApiKey(): string {
  return `pmo_${randomBytes(32).toString('base64url')}`;
}

/** API_KEYS (JSON) or API_KEYS_FILE (a file of the same JSON): `[{"name", "sha256", "scopes"}]`. */
export function parseApiKeys(env: NodeJS.ProcessEnv): ApiKeyEntry[] {
  let raw = env.API_KEYS?.trim();
  const file = env.API_KEYS_FILE?.trim();
  if (raw && file) throw new ConfigError('Set API_KEYS or API_KEYS_FILE, not both');
  if (file) {
    try {
      raw = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`API_KEYS_FILE ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('API_KEYS must be JSON: [{"name":"powerbi","sha256":"<hex>","scopes":["people:sensitive"]}] (npm run api-key prints one)');
  }
  if (!Array.isArray(parsed)) throw new ConfigError('API_KEYS must be a JSON array of {name, sha256, scopes}');
  const seen = new Set<string>();
  return parsed.map((entry, index) => {
    const { name, sha256, scopes } = (entry ?? {}) as Partial<ApiKeyEntry>;
    if (typeof name !== 'string' || !API_KEY_NAME.test(name)) throw new ConfigError(`API_KEYS[${index}].name must be letters, digits, . _ - (at most 64)`);
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256)) throw new ConfigError(`API_KEYS[${index}].sha256 must be 64 hex digits (the SHA-256 of the key, not the key)`);
    if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string')) throw new ConfigError(`API_KEYS[${index}].scopes must be an array of scope names`);
    if (seen.has(name)) throw new ConfigError(`API_KEYS has two keys named ${name}`);
    seen.add(name);
    return { name, sha256: sha256.toLowerCase(), scopes };
  });
}

/** Looks a presented key up by its hash; the caller it stands for, or null. */
export function apiKeyVerifier(entries: ApiKeyEntry[]): (key: string) => Caller | null {
  const byHash = new Map(entries.map((e) => [e.sha256, e]));
  return (key) => {
    if (!key || key.length > 256) return null;
    const entry = byHash.get(hashApiKey(key));
    return entry ? Object.freeze({ subject: `apikey:${entry.name}`, name: entry.name, scopes: Object.freeze([...entry.scopes]), kind: 'service' as const }) : null;
  };
}
