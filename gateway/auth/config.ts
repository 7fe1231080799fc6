import { randomBytes } from 'node:crypto';
import { booleanSetting, ConfigError } from '../../connectors/config';
import { parseApiKeys, type ApiKeyEntry } from './api-keys';
import { DEMO_AUDIENCE, DEMO_ISSUER } from './demo-issuer';

export type AuthMode = 'off' | 'required';

/** Who may call the gateway, and how the gateway tells the subgraphs who is calling. */
export interface AuthConfig {
  /** `off`: a request without credentials runs as the anonymous demo caller (every scope). `required`: 401. */
  mode: AuthMode;
  /** The identity provider whose bearer tokens are accepted, or null (API keys only). */
  jwt: JwtSettings | null;
  /** Service accounts (BI tools): keys stored as SHA-256 hashes. */
  apiKeys: ApiKeyEntry[];
  /** The local demo issuer (its JWKS served by the gateway; `npm run token` mints for it). */
  demoIssuer: boolean;
  /**
   * Shared with the subgraphs (`GATEWAY_IDENTITY_SECRET`): the gateway signs the caller with it
   * (subgraphs/common/identity.ts). `npm start` makes one up for its one process when unset; separate processes
   * need it set in each, and without it the gateway vouches for no one.
   */
  identitySecret?: string;
}

export interface JwtSettings {
  issuer: string;
  audience: string;
  /** Where the issuer publishes its signing keys. */
  jwksUrl: string;
  /** Signature algorithms accepted; never `none`, never HS* (a public key is not a shared secret). */
  algorithms: string[];
  /** Claim that carries the scopes: `scope` (space-separated, OAuth 2), `scp` (Entra ID), or `roles`. */
  scopeClaim: string;
  /** Clock skew tolerated on exp/nbf, seconds. */
  clockToleranceSeconds: number;
}

const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** AUTH_MODE and the IdP settings, validated at start-up with messages that say what to set. */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const production = env.NODE_ENV === 'production';
  const rawMode = env.AUTH_MODE?.trim() || (production ? 'required' : 'off');
  if (rawMode !== 'off' && rawMode !== 'required') throw new ConfigError(`AUTH_MODE must be off or required, got "${env.AUTH_MODE}"`);
  const mode: AuthMode = rawMode;
  const demoIssuer = booleanSetting('DEMO_ISSUER', env, !production);
  const apiKeys = parseApiKeys(env);

  let jwt: JwtSettings | null = null;
  const issuer = env.JWT_ISSUER?.trim();
  if (issuer) {
    const audience = env.JWT_AUDIENCE?.trim();
    if (!audience) throw new ConfigError('JWT_AUDIENCE must be set with JWT_ISSUER: the audience (client id or API URI) the tokens are minted for');
    const jwksUrl = env.JWT_JWKS_URL?.trim() || `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`;
    if (!/^https?:\/\/\S+$/.test(jwksUrl)) throw new ConfigError(`JWT_JWKS_URL must be an http(s) URL, got "${jwksUrl}"`);
    const algorithms = (env.JWT_ALGORITHMS?.trim() || 'RS256,ES256').split(',').map((a) => a.trim()).filter(Boolean);
    const bad = algorithms.filter((a) => !ALLOWED_ALGORITHMS.includes(a));
    if (bad.length) throw new ConfigError(`JWT_ALGORITHMS may list only ${ALLOWED_ALGORITHMS.join(', ')}; not ${bad.join(', ')}`);
    const scopeClaim = env.JWT_SCOPE_CLAIM?.trim() || 'scope';
    const tolerance = Number(env.JWT_CLOCK_TOLERANCE_SECONDS ?? 30);
    if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 300) throw new ConfigError(`JWT_CLOCK_TOLERANCE_SECONDS must be 0-300, got "${env.JWT_CLOCK_TOLERANCE_SECONDS}"`);
    jwt = { issuer, audience, jwksUrl, algorithms, scopeClaim, clockToleranceSeconds: tolerance };
  }

  if (mode === 'required' && !jwt && !apiKeys.length && !demoIssuer) {
    throw new ConfigError('AUTH_MODE=required needs a way to authenticate: JWT_ISSUER + JWT_AUDIENCE (your IdP), API_KEYS, or DEMO_ISSUER=true');
  }
  const secret = env.GATEWAY_IDENTITY_SECRET?.trim();
  if (secret && secret.length < 32) throw new ConfigError('GATEWAY_IDENTITY_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)');
  return {
    mode,
    jwt,
    apiKeys,
    demoIssuer,
    ...(secret ? { identitySecret: secret } : {}),
  };
}

/** The issuer settings of the demo issuer, served by the gateway at `base`. */
export function demoJwtSettings(base: string): JwtSettings {
  return {
    issuer: DEMO_ISSUER,
    audience: DEMO_AUDIENCE,
    jwksUrl: `${base}/auth/demo/jwks.json`,
    algorithms: ['ES256'],
    scopeClaim: 'scope',
    clockToleranceSeconds: 30,
  };
}

/** A secret for one process that runs the gateway and the subgraphs together (`npm start`, tests). */
export function withInProcessSecret(config: AuthConfig): AuthConfig {
  return config.identitySecret ? config : { ...config, identitySecret: randomBytes(32).toString('hex') };
}

/** Separate processes with `AUTH_MODE=required` cannot work without the shared secret: say so at start-up. */
export function requireSharedSecret(config: AuthConfig, role: string): void {
  if (config.mode === 'required' && !config.identitySecret) {
    throw new ConfigError(`AUTH_MODE=required: set GATEWAY_IDENTITY_SECRET (the same value for the gateway and every subgraph) before starting the ${role}`);
  }
}
