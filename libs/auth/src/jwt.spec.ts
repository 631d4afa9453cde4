import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { InvalidTokenError, signToken, verifyToken } from './index.js';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const principal = { sub: '10000000001', role: 'pharmacist' as const, org: 'PH-1' };
const now = new Date('2026-06-01T12:00:00Z');

function forge(header: object, claims: object, key = secret): string {
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${h}.${p}.${createHmac('sha256', key).update(`${h}.${p}`).digest('base64url')}`;
}
const exp = now.getTime() / 1000 + 60;

describe('JWT', () => {
  it('round-trips a principal', () => {
    expect(verifyToken(secret, signToken(secret, principal, 60, now), now)).toEqual(principal);
  });

  it.each([
    [
      'alg none',
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...principal, exp })).toString('base64url')}.`,
      /algorithm none/,
    ],
    ['alg HS512', forge({ alg: 'HS512' }, { ...principal, exp }), /algorithm HS512/],
    ['another secret', forge({ alg: 'HS256' }, { ...principal, exp }, 'another-secret'), /bad signature/],
    ['expired', signToken(secret, principal, 60, new Date(now.getTime() - 61_000)), /expired/],
    ['no exp', forge({ alg: 'HS256' }, principal), /exp is required/],
    ['no sub', forge({ alg: 'HS256' }, { role: 'ansm', org: 'ANSM', exp }), /sub is required/],
    ['no org', forge({ alg: 'HS256' }, { sub: 'x', role: 'ansm', exp }), /org is required/],
    ['unknown role', forge({ alg: 'HS256' }, { ...principal, role: 'admin', exp }), /unknown role/],
    ['not yet valid', forge({ alg: 'HS256' }, { ...principal, exp, nbf: exp - 1 }), /not yet valid/],
    ['garbage', 'abc.def', /not a JWT/],
    ['bad header', 'e30x.e30.e30', /header is not a JSON object/],
  ])('refuses %s', (_name, token, reason) => {
    expect(() => verifyToken(secret, token, now)).toThrow(InvalidTokenError);
    expect(() => verifyToken(secret, token, now)).toThrow(reason);
  });
});
