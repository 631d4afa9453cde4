import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { InvalidTokenError, signToken, TokenKeysUnavailableError, TokenVerifier } from './index.js';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const principal = { sub: '10000000001', role: 'pharmacist' as const, org: 'PH-1' };
const now = new Date('2026-06-01T12:00:00Z');
const seconds = now.getTime() / 1000;
const HOUR = 3600;

function forge(header: object, claims: object, key = secret): string {
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${h}.${p}.${createHmac('sha256', key).update(`${h}.${p}`).digest('base64url')}`;
}
const iat = seconds - 10;
const exp = seconds + 60;

describe('JWT (HS256)', () => {
  const verifier = new TokenVerifier({ secret, maxLifetimeSeconds: 12 * HOUR });

  it('round-trips a principal', async () => {
    await expect(verifier.verify(signToken(secret, principal, 60, now), now)).resolves.toEqual(principal);
  });

  it.each([
    [
      'alg none',
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...principal, iat, exp })).toString('base64url')}.`,
      /algorithm none/,
    ],
    ['alg HS512', forge({ alg: 'HS512' }, { ...principal, iat, exp }), /algorithm HS512/],
    ['alg RS256 without a JWKS', forge({ alg: 'RS256' }, { ...principal, iat, exp }), /algorithm RS256/],
    ['another secret', forge({ alg: 'HS256' }, { ...principal, iat, exp }, 'another-secret'), /signature/],
    ['expired', signToken(secret, principal, 60, new Date(now.getTime() - 120_000)), /"exp"/],
    ['no exp', forge({ alg: 'HS256' }, { ...principal, iat }), /"exp"/],
    ['no iat', forge({ alg: 'HS256' }, { ...principal, exp }), /"iat"/],
    ['iat in the future', forge({ alg: 'HS256' }, { ...principal, iat: seconds + 600, exp }), /"iat"/],
    [
      'iat older than the longest lifetime',
      forge({ alg: 'HS256' }, { ...principal, iat: seconds - 13 * HOUR, exp }),
      /"iat"/,
    ],
    ['exp of 1e308', forge({ alg: 'HS256' }, { ...principal, iat, exp: 1e308 }), /lives longer than 43200 s/],
    ['a lifetime of 13 hours', signToken(secret, principal, 13 * HOUR, now), /lives longer than 43200 s/],
    ['no sub', forge({ alg: 'HS256' }, { role: 'ansm', org: 'ANSM', iat, exp }), /"sub"/],
    ['no org', forge({ alg: 'HS256' }, { sub: 'x', role: 'ansm', iat, exp }), /org is required/],
    ['an org no registry accepts', forge({ alg: 'HS256' }, { ...principal, org: 'PH 1\u0000', iat, exp }), /org/],
    ['unknown role', forge({ alg: 'HS256' }, { ...principal, role: 'admin', iat, exp }), /unknown role/],
    ['not yet valid', forge({ alg: 'HS256' }, { ...principal, iat, exp, nbf: exp - 1 }), /"nbf"/],
    ['garbage', 'abc.def', /not a JWT/],
    ['bad header', 'e30x.e30.e30', /not a JWT|algorithm/],
  ])('refuses %s', async (_name, token, reason) => {
    const refusal = verifier.verify(token, now);
    await expect(refusal).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(token, now)).rejects.toThrow(reason);
  });

  it('remembers a token it verified by its exact text, and still refuses another text of it', async () => {
    const token = signToken(secret, principal, 60);
    await expect(verifier.verify(token)).resolves.toEqual(principal);
    await expect(verifier.verify(token)).resolves.toEqual(principal);
    const [header, payload] = token.split('.');
    await expect(verifier.verify(`${header}.${payload}.${'A'.repeat(43)}`)).rejects.toThrow(/signature/);
  });

  it('checks the issuer and the audience when they are configured', async () => {
    const strict = new TokenVerifier({
      secret,
      issuer: 'https://idp.example',
      audience: 'cannatrace',
      maxLifetimeSeconds: HOUR,
    });
    const good = signToken(secret, principal, 60, now, { iss: 'https://idp.example', aud: 'cannatrace' });
    await expect(strict.verify(good, now)).resolves.toEqual(principal);
    await expect(strict.verify(signToken(secret, principal, 60, now), now)).rejects.toThrow(/"iss"/);
    const otherAudience = signToken(secret, principal, 60, now, { iss: 'https://idp.example', aud: 'another-api' });
    await expect(strict.verify(otherAudience, now)).rejects.toThrow(/"aud"/);
  });
});

describe('JWT from an OpenID Connect provider (JWKS by kid)', () => {
  let server: Server;
  let jwksUrl: string;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  let requests = 0;
  let answering = true;

  beforeAll(async () => {
    const [current, other, rsa] = await Promise.all([
      generateKeyPair('ES256'),
      generateKeyPair('ES256'),
      generateKeyPair('RS256'),
    ]);
    key = current.privateKey;
    otherKey = other.privateKey;
    const jwks = {
      keys: [
        { ...(await exportJWK(current.publicKey)), kid: 'current', alg: 'ES256', use: 'sig' },
        { ...(await exportJWK(other.publicKey)), kid: 'other', alg: 'ES256', use: 'sig' },
        { ...(await exportJWK(rsa.publicKey)), kid: 'rsa', alg: 'RS256', use: 'sig' },
      ],
    };
    server = createServer((_request, response) => {
      requests += 1;
      if (!answering) return void response.writeHead(503).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sign = (kid: string, privateKey: CryptoKey, claims: object = {}, issuedAt = new Date()) =>
    new SignJWT({ role: 'prescriber', org: 'CHU-1', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject('10000000001')
      .setIssuer('https://auth.esante.gouv.fr/auth/realms/esante-wallet')
      .setAudience('cannatrace')
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(issuedAt.getTime() / 1000) + 600)
      .sign(privateKey);

  const verifier = () =>
    new TokenVerifier({
      jwksUrl,
      secret,
      issuer: 'https://auth.esante.gouv.fr/auth/realms/esante-wallet',
      audience: 'cannatrace',
      maxLifetimeSeconds: HOUR,
    });

  it('accepts a token signed by the key its kid names, and still the HS256 secret beside it', async () => {
    const v = verifier();
    await expect(v.verify(await sign('current', key))).resolves.toEqual({
      sub: '10000000001',
      role: 'prescriber',
      org: 'CHU-1',
    });
    const local = signToken(secret, principal, 60, new Date(), {
      iss: 'https://auth.esante.gouv.fr/auth/realms/esante-wallet',
      aud: 'cannatrace',
    });
    await expect(v.verify(local)).resolves.toEqual(principal);
  });

  it('refuses a token whose kid names another published key, and one whose kid is unknown', async () => {
    const v = verifier();
    await expect(v.verify(await sign('other', key))).rejects.toThrow(/signature/);
    await expect(v.verify(await sign('nobody', otherKey))).rejects.toThrow(InvalidTokenError);
  });

  it('refuses an HS256 token made with the RSA public key as secret (algorithm confusion)', async () => {
    const jwks = (await (await fetch(jwksUrl)).json()) as { keys: { kid: string; n?: string }[] };
    const rsa = jwks.keys.find((k) => k.kid === 'rsa');
    const forged = forge(
      { alg: 'HS256', kid: 'rsa' },
      { ...principal, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60 },
      JSON.stringify(rsa),
    );
    await expect(verifier().verify(forged)).rejects.toThrow(InvalidTokenError);
  });

  it('answers "keys unavailable", not "invalid token", when the JWKS URL fails', async () => {
    answering = false;
    try {
      const before = requests;
      await expect(verifier().verify(await sign('current', key))).rejects.toThrow(TokenKeysUnavailableError);
      expect(requests).toBeGreaterThan(before);
    } finally {
      answering = true;
    }
  });
});
