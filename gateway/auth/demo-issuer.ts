import { createPrivateKey, createPublicKey, generateKeyPairSync, createHash, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';

/**
 * The demo's local token issuer, so a newcomer can try every role without an IdP: an ES256 key pair kept in
 * `.demo-issuer/key.pem` at the repository root (git-ignored; made on first use by `npm start` or `npm run token`),
 * its public half served by the gateway as a JWKS at `/auth/demo/jwks.json`. The gateway verifies these tokens
 * exactly as it verifies the university IdP's: JWKS, issuer, audience, expiry, algorithm allow-list.
 * Off by default with NODE_ENV=production (`DEMO_ISSUER`).
 */
export const DEMO_ISSUER = 'urn:pmo-graph:demo-issuer';
export const DEMO_AUDIENCE = 'pmo-graph';

export function demoKeyFile(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.DEMO_ISSUER_KEY_FILE || path.join(root, '.demo-issuer', 'key.pem');
}

/** The demo private key, made (mode 0600) when missing. */
export function demoPrivateKey(file: string): KeyObject {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  return createPrivateKey(readFileSync(file, 'utf8'));
}

/** RFC 7638 thumbprint: the key id. */
function keyId(publicKey: KeyObject): string {
  const { crv, kty, x, y } = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  return createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest('base64url');
}

export function demoJwks(privateKey: KeyObject): { keys: object[] } {
  const publicKey = createPublicKey(privateKey);
  return { keys: [{ ...(publicKey.export({ format: 'jwk' }) as object), kid: keyId(publicKey), use: 'sig', alg: 'ES256' }] };
}

export interface DemoTokenClaims {
  email: string;
  name?: string;
  scopes: string[];
  /** Lifetime, e.g. 8h, 30m (jsonwebtoken's format). */
  expiresIn?: string;
  audience?: string;
}

export function mintDemoToken(privateKey: KeyObject, claims: DemoTokenClaims): string {
  const publicKey = createPublicKey(privateKey);
  return jwt.sign(
    { email: claims.email.toLowerCase(), ...(claims.name ? { name: claims.name } : {}), scope: claims.scopes.join(' ') },
    privateKey.export({ type: 'pkcs8', format: 'pem' }),
    {
      algorithm: 'ES256',
      keyid: keyId(publicKey),
      issuer: DEMO_ISSUER,
      audience: claims.audience ?? DEMO_AUDIENCE,
      subject: claims.email.toLowerCase(),
      expiresIn: (claims.expiresIn ?? '8h') as jwt.SignOptions['expiresIn'],
    },
  );
}
