import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Caller } from './caller';

/**
 * How the gateway vouches for the caller to a subgraph: `x-pmo-caller: <payload>.<signature>`, the payload the
 * caller (subject, email, name, scopes, kind) plus an expiry, base64url JSON, signed with HMAC-SHA256 under the
 * secret the gateway and the subgraphs share (`GATEWAY_IDENTITY_SECRET`). A subgraph believes only a header that
 * verifies and has not expired; a client cannot forge one without the secret, and a captured one is short-lived.
 */
export const IDENTITY_HEADER = 'x-pmo-caller';

/** How long a signed identity stays valid: one operation's budget and then some. */
const LIFETIME_SECONDS = 60;

interface SignedPayload {
  sub: string;
  email?: string;
  name?: string;
  scopes: string[];
  kind: Caller['kind'];
  exp: number;
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** The header value vouching for `caller`, valid for a minute from `now`. */
export function signCaller(caller: Caller, secret: string, now = Date.now()): string {
  const payload: SignedPayload = {
    sub: caller.subject,
    ...(caller.email ? { email: caller.email } : {}),
    ...(caller.name ? { name: caller.name } : {}),
    scopes: [...caller.scopes],
    kind: caller.kind,
    exp: Math.floor(now / 1000) + LIFETIME_SECONDS,
  };
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${encoded}.${sign(secret, encoded)}`;
}

export type VerifiedIdentity = { ok: true; caller: Caller } | { ok: false; reason: string };

/** The caller a header vouches for, or why it does not count. Never throws on hostile input. */
export function verifyCaller(header: string | undefined, secret: string, now = Date.now()): VerifiedIdentity {
  if (!header) return { ok: false, reason: 'no identity header' };
  if (header.length > 8192) return { ok: false, reason: 'identity header too long' };
  const [encoded, signature, extra] = header.split('.');
  if (!encoded || !signature || extra !== undefined) return { ok: false, reason: 'malformed identity header' };
  const expected = Buffer.from(sign(secret, encoded));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad identity signature' };
  let payload: Partial<SignedPayload>;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Partial<SignedPayload>;
  } catch {
    return { ok: false, reason: 'malformed identity payload' };
  }
  if (typeof payload.exp !== 'number' || payload.exp * 1000 < now) return { ok: false, reason: 'identity expired' };
  if (typeof payload.sub !== 'string' || !Array.isArray(payload.scopes) || !['user', 'service', 'anonymous'].includes(String(payload.kind))) {
    return { ok: false, reason: 'incomplete identity payload' };
  }
  return {
    ok: true,
    caller: Object.freeze({
      subject: payload.sub,
      ...(typeof payload.email === 'string' ? { email: payload.email } : {}),
      ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
      scopes: Object.freeze(payload.scopes.filter((s): s is string => typeof s === 'string')),
      kind: payload.kind as Caller['kind'],
    }),
  };
}

/** What a subgraph needs to know to trust the gateway. */
export interface SubgraphIdentityOptions {
  /** The shared secret; without it no header can verify (and with `required` every request is refused). */
  secret?: string;
  /** `AUTH_MODE=required`: a request without a valid identity gets 401 and nothing else. */
  required: boolean;
}
