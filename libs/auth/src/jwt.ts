import { createHmac } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { ROLES, type Principal, type Role } from './roles.js';

/** Why a token is refused; never shown in detail to the caller beyond "invalid token". */
export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** The keys of the configured JWKS URL could not be fetched: the token may be good, so not a 401. */
export class TokenKeysUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TokenKeysUnavailableError';
  }
}

/** Where tokens come from and what they must say. */
export interface TokenPolicy {
  /** The HS256 secret (the embedded default, the CLI's `token`, the demo sign-in); absent with a JWKS alone. */
  secret?: string;
  /** An OpenID Connect provider's keys (RS256, PS256, ES256, EdDSA), picked by the token's `kid`. */
  jwksUrl?: string;
  /** `iss` every token must carry, when set. */
  issuer?: string;
  /** `aud` every token must carry, when set. */
  audience?: string;
  /** The longest a token may live: `exp - iat`, and the age of `iat`. */
  maxLifetimeSeconds: number;
}

/** Clocks of the issuer and of this process may differ by this much. */
const CLOCK_TOLERANCE_SECONDS = 30;
const ASYMMETRIC = ['RS256', 'PS256', 'ES256', 'EdDSA'];
/** An organisation id, as the registry accepts it. */
const ORGANISATION_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_SUBJECT_LENGTH = 128;
const VERIFIED_CACHE_MS = 30_000;
const VERIFIED_CACHE_SIZE = 10_000;

const base64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

/** An HS256 JWT for these claims, valid for `ttlSeconds` (the CLI's `token`, the demo sign-in, the tests). */
export function signToken(
  secret: string,
  principal: Principal,
  ttlSeconds: number,
  now = new Date(),
  claims: { iss?: string; aud?: string } = {},
): string {
  const iat = Math.floor(now.getTime() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      ...claims,
      sub: principal.sub,
      role: principal.role,
      org: principal.org,
      iat,
      exp: iat + ttlSeconds,
    }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * Verifies tokens with `jose`: HS256 with the secret, or the JWKS keys named by `kid` for the asymmetric
 * algorithms; never `none`, never a key of one kind used for another algorithm. `exp`, `iat` and `sub` are
 * required; `iat` may not be in the future nor older than the longest lifetime, and `exp - iat` not longer than it;
 * `iss` and `aud` are checked when configured; `role` must be a known role and `org` an organisation id.
 */
export class TokenVerifier {
  private readonly secret?: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  /** Tokens verified lately, by their exact text, until their `exp` or 30 s at most: a caller's next requests skip the HMAC or signature check. */
  private verified = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly policy: TokenPolicy) {
    if (!policy.secret && !policy.jwksUrl) throw new Error('a token policy needs a secret or a JWKS URL');
    if (policy.secret) this.secret = new TextEncoder().encode(policy.secret);
    if (policy.jwksUrl) {
      this.jwks = createRemoteJWKSet(new URL(policy.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    }
  }

  async verify(token: string, now?: Date): Promise<Principal> {
    if (now !== undefined) return (await this.check(token, now)).principal;
    const at = Date.now();
    const known = this.verified.get(token);
    if (known && known.until > at) return known.principal;
    const { principal, exp } = await this.check(token, new Date(at));
    // Dropped whole when full: no scan, and a caller only pays one verification more.
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified = new Map();
    this.verified.set(token, { principal, until: Math.min(exp * 1000, at + VERIFIED_CACHE_MS) });
    return principal;
  }

  private async check(token: string, now: Date): Promise<{ principal: Principal; exp: number }> {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new InvalidTokenError('not a JWT');
    }
    const options = {
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: this.policy.maxLifetimeSeconds,
      requiredClaims: ['exp', 'iat', 'sub'],
      issuer: this.policy.issuer,
      audience: this.policy.audience,
    };
    let payload: JWTPayload;
    try {
      if (alg === 'HS256' && this.secret) {
        payload = (await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })).payload;
      } else if (typeof alg === 'string' && ASYMMETRIC.includes(alg) && this.jwks) {
        payload = (await jwtVerify(token, this.jwks, { ...options, algorithms: ASYMMETRIC })).payload;
      } else {
        throw new InvalidTokenError(`algorithm ${String(alg)} is not accepted`);
      }
    } catch (error) {
      throw translate(error);
    }
    return { principal: principalOf(payload, this.policy.maxLifetimeSeconds), exp: payload.exp as number };
  }
}

function translate(error: unknown): Error {
  if (error instanceof InvalidTokenError) return error;
  if (error instanceof errors.JWKSTimeout) return new TokenKeysUnavailableError('the JWKS URL did not answer');
  if (error instanceof errors.JOSEError) {
    // A JWKS that cannot be fetched or read is the provider's fault, not the token's.
    if (error.code === 'ERR_JOSE_GENERIC' || error.code === 'ERR_JWKS_INVALID')
      return new TokenKeysUnavailableError(error.message);
    return new InvalidTokenError(error.message);
  }
  // Fetch failures (DNS, refused connection) surface as plain errors from the JWKS fetch.
  if (error instanceof TypeError && /fetch/i.test(error.message)) return new TokenKeysUnavailableError(error.message);
  return new InvalidTokenError(error instanceof Error ? error.message : String(error));
}

function principalOf(claims: JWTPayload, maxLifetimeSeconds: number): Principal {
  const { exp, iat, sub, role, org } = claims as JWTPayload & { role?: unknown; org?: unknown };
  if ((exp as number) - (iat as number) > maxLifetimeSeconds)
    throw new InvalidTokenError(`lives longer than ${maxLifetimeSeconds} s`);
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUBJECT_LENGTH)
    throw new InvalidTokenError('sub is required');
  if (typeof org !== 'string' || !ORGANISATION_ID.test(org)) throw new InvalidTokenError('org is required');
  if (!ROLES.includes(role as Role)) throw new InvalidTokenError('unknown role');
  return { sub, role: role as Role, org };
}
