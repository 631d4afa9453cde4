import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROLES, type Principal, type Role } from './roles.js';

/** Why a token is refused; never shown in detail to the caller beyond "invalid token". */
export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

const base64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

function signature(secret: string, signingInput: string): Buffer {
  return createHmac('sha256', secret).update(signingInput).digest();
}

/** An HS256 JWT for these claims, valid for `ttlSeconds`. */
export function signToken(secret: string, principal: Principal, ttlSeconds: number, now = new Date()): string {
  const iat = Math.floor(now.getTime() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ sub: principal.sub, role: principal.role, org: principal.org, iat, exp: iat + ttlSeconds }),
  );
  return `${header}.${payload}.${signature(secret, `${header}.${payload}`).toString('base64url')}`;
}

/**
 * Checks an HS256 JWT and answers its principal. Only HS256 is accepted (never `none`, never what the header
 * asks for); `exp` is required; `sub`, `role` (a known role) and `org` are required.
 */
export function verifyToken(secret: string, token: string, now = new Date()): Principal {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('not a JWT');
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodeJson(headerPart, 'header');
  if (header.alg !== 'HS256') throw new InvalidTokenError(`algorithm ${String(header.alg)} is not accepted`);
  const expected = signature(secret, `${headerPart}.${payloadPart}`);
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new InvalidTokenError('bad signature');

  const claims = decodeJson(payloadPart, 'payload');
  const seconds = now.getTime() / 1000;
  if (typeof claims.exp !== 'number') throw new InvalidTokenError('exp is required');
  if (claims.exp <= seconds) throw new InvalidTokenError('expired');
  if (typeof claims.nbf === 'number' && claims.nbf > seconds) throw new InvalidTokenError('not yet valid');
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new InvalidTokenError('sub is required');
  if (typeof claims.org !== 'string' || claims.org.length === 0) throw new InvalidTokenError('org is required');
  if (!ROLES.includes(claims.role as Role)) throw new InvalidTokenError('unknown role');
  return { sub: claims.sub, role: claims.role as Role, org: claims.org };
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new InvalidTokenError(`${what} is not a JSON object`);
}
