import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { AddressInfo } from 'node:net';
import { GTIN } from './catalogue.fixtures.js';
import { PHARMACIST, PRESCRIBER, prescription, seedToPharmacy, TODAY } from './circuit.fixtures.js';
import { Api, JWT_SECRET, token } from './harness.js';

const PROBLEM = /^application\/problem\+json/;
const B = `/v1/batches/${GTIN}/L1`;

/** An HS256 token with exactly these claims, signed with the api's secret. */
function forged(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${input}.${createHmac('sha256', JWT_SECRET).update(input).digest('base64url')}`;
}

describe('hostile input over HTTP: a 4xx problem, nothing written', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
    await seedToPharmacy(api);
  }, 120_000);
  afterAll(() => api.close());

  const ansm = () => `Bearer ${token('ansm', 'ANSM')}`;

  /** Every path with a parameter, the parameter being `p`. */
  const parameterised = (p: string): ['get' | 'post', string][] => [
    ['get', `/v1/organisations/${p}`],
    ['get', `/v1/professionals/${p}`],
    ['get', `/v1/products/${p}`],
    ['get', `/v1/batches/${GTIN}/${p}`],
    ['get', `/v1/shipments/${p}`],
    ['get', `/v1/sites/${p}/stock`],
    ['get', `/v1/sites/${p}/register`],
    ['get', `/v1/sites/PH-1/register/balance?month=${p}`],
    ['get', `/v1/prescriptions/${p}`],
    ['get', `/v1/trace/batches/${GTIN}/${p}`],
    ['get', `/v1/audit/batches/${GTIN}/${p}/history?asOf=${p}`],
    ['get', `/v1/epcis/events/${p}`],
    ['get', `/v1/epcis/bizSteps/${p}/events`],
    ['post', `/v1/batches/${GTIN}/${p}/hold`],
    ['post', `/v1/prescriptions/${p}/cancel`],
  ];

  it.each([
    ['a NUL (%00)', 'L1%00x'],
    ['a lone surrogate (%ED%A0%80)', 'L%ED%A0%80'],
    ['a broken escape (%E0%A4%A)', 'L%E0%A4%A'],
  ])('refuses %s in any path or query parameter with 400 unreadable_url', async (_name, p) => {
    const written = await api.eventsWrittenBy(async () => {
      for (const [method, path] of parameterised(p)) {
        const response = await api.http[method](path).set('Authorization', ansm()).send({ reason: 'r' });
        expect([path, response.status, response.body.rule]).toEqual([path, 400, 'unreadable_url']);
        expect(response.headers['content-type']).toMatch(PROBLEM);
      }
    });
    expect(written).toBe(0);
  });

  const raw = (path: string, body: string, bearer = ansm(), headers: Record<string, string> = {}) =>
    api.http.post(path).set('Authorization', bearer).set('Content-Type', 'application/json').set(headers).send(body);

  it('refuses a lone surrogate or a NUL in a body string with 400 unstorable_text', async () => {
    const written = await api.eventsWrittenBy(async () => {
      for (const reason of ['"\\ud800"', '"x\\udfff"', '"a\\u0000b"']) {
        const response = await raw(`${B}/hold`, `{"reason":${reason}}`);
        expect([reason, response.status, response.body.rule]).toEqual([reason, 400, 'unstorable_text']);
        expect(response.body.errors).toEqual([{ field: 'reason', message: expect.stringMatching(/NUL|surrogate/) }]);
      }
    });
    expect(written).toBe(0);
  });

  it('refuses JSON nested 10,000 deep with 400 json_too_deep, with or without an Idempotency-Key', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const written = await api.eventsWrittenBy(async () => {
      for (const headers of [{}, { 'Idempotency-Key': 'deep-1' }] as Record<string, string>[]) {
        const response = await raw(`${B}/hold`, `{"reason":"r","x":${deep}}`, ansm(), headers);
        expect([response.status, response.body.rule]).toEqual([400, 'json_too_deep']);
        expect(response.headers['content-type']).toMatch(PROBLEM);
        const body = await raw('/v1/organisations', deep, ansm(), headers);
        expect([body.status, body.body.rule]).toEqual([400, 'json_too_deep']);
      }
    });
    expect(written).toBe(0);
  });

  it('refuses __proto__, constructor and prototype keys instead of dropping them', async () => {
    const written = await api.eventsWrittenBy(async () => {
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        const response = await raw(
          '/v1/organisations',
          `{"id":"ORG-P","kind":"supplier","name":"P","country":"FR","${key}":{"kind":"exploitant"}}`,
        );
        expect([key, response.status, response.body.rule]).toEqual([key, 400, 'validation']);
        expect(response.body.errors).toEqual([{ field: key, message: `property ${key} should not exist` }]);
      }
    });
    expect(written).toBe(0);
    await api.get('/v1/organisations/ORG-P', 'ansm', 'ANSM').expect(404);
  });

  it('refuses 120,000 keys in a body before parsing it, with 400 json_too_large', async () => {
    // Short keys: 120,000 of them fit in the 1 MB limit.
    const keys = Array.from({ length: 120_000 }, (_, i) => `"${i.toString(36)}":1`).join(',');
    const response = await raw(`${B}/hold`, `{"reason":"r",${keys}}`);
    expect([response.status, response.body.rule]).toEqual([400, 'json_too_large']);
    expect(response.body.detail).toBe('an object of the body has more than 100 keys');
  });

  it('refuses dates outside 2000-01-01 .. tomorrow (facts) and 2000-01-01 .. 2099-12-31 (expiry)', async () => {
    const prescriber = `Bearer ${token('prescriber', 'CHU-1', PRESCRIBER)}`;
    const pharmacist = `Bearer ${token('pharmacist', 'PH-1', PHARMACIST)}`;
    const supplier = `Bearer ${token('supplier', 'SUP-1')}`;
    const cases: [string, string, object, string][] = [
      ['/v1/patients', prescriber, { indication: 'EPILEPSY', includedOn: '9999-12-31', consent: true }, 'includedOn'],
      ['/v1/prescriptions', prescriber, prescription('RX-FAR', { issuedOn: '9999-12-31' }), 'issuedOn'],
      [
        '/v1/sites/PH-1/register/losses',
        pharmacist,
        { gtin: GTIN, lot: 'L1', quantity: 1, kind: 'loss', occurredOn: '9999-12-31', declarations: {} },
        'occurredOn',
      ],
      [
        '/v1/sites/PH-1/register/inventories',
        pharmacist,
        { countedOn: '1899-12-31', counts: [{ gtin: GTIN, lot: 'L1', quantity: 6 }] },
        'countedOn',
      ],
      [
        '/v1/batches',
        supplier,
        { gtin: GTIN, lot: 'FAR', quantity: 5, manufacturedOn: '2026-01-10', expiresOn: '9999-12-31' },
        'expiresOn',
      ],
    ];
    const written = await api.eventsWrittenBy(async () => {
      for (const [path, bearer, body, field] of cases) {
        const response = await api.http.post(path).set('Authorization', bearer).send(body);
        expect([path, response.status, response.body.type]).toEqual([path, 400, 'urn:cannatrace:problem:validation']);
        expect(response.body.errors).toContainEqual({
          field,
          message: expect.stringMatching(/must be from 2000-01-01 to/),
        });
      }
    });
    expect(written).toBe(0);
    await api.http
      .post('/v1/patients')
      .set('Authorization', prescriber)
      .send({ indication: 'EPILEPSY', includedOn: TODAY, consent: true })
      .expect(201);
  });

  it('answers a 60 kB token with a 431 problem, not an empty body', async () => {
    const server = api.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          port,
          host: '127.0.0.1',
          path: '/v1/indications',
          headers: { authorization: `Bearer ${'a'.repeat(60_000)}` },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(431);
    expect(answer.type).toMatch(PROBLEM);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, rule: 'headers_too_large' });
  });

  it('refuses tokens that live too long or were issued in the future or too long ago', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'auditor', role: 'ansm', org: 'ANSM' };
    for (const bad of [
      { ...claims, iat: now, exp: 1e308 },
      { ...claims, exp: now + 60 },
      { ...claims, iat: now + 3600, exp: now + 7200 },
      { ...claims, iat: now - 13 * 3600, exp: now + 60 },
    ]) {
      const response = await api.http.get('/v1/indications').set('Authorization', `Bearer ${forged(bad)}`);
      expect([JSON.stringify(bad), response.status, response.body.type]).toEqual([
        JSON.stringify(bad),
        401,
        'urn:cannatrace:problem:invalid_token',
      ]);
    }
    await api.http
      .get('/v1/indications')
      .set('Authorization', `Bearer ${forged({ ...claims, iat: now, exp: now + 60 })}`)
      .expect(200);
  });
});

describe("tokens checked against the registry: a token's role and organisation must be registered", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
    await seedToPharmacy(api);
    await api.post('/v1/prescriptions', 'prescriber', 'CHU-1', prescription('RX-REG-1')).expect(201);
  }, 120_000);
  afterAll(() => api.close());

  const as = (role: Parameters<typeof token>[0], org: string, sub?: string) => ({
    get: (path: string) => api.http.get(path).set('Authorization', `Bearer ${token(role, org, sub)}`),
  });

  it.each([
    [
      "a supplier token naming a pharmacy reads that pharmacy's register",
      'supplier',
      'PH-1',
      undefined,
      '/v1/sites/PH-1/register',
      'organisation_kind_mismatch',
    ],
    [
      'an exploitant token naming a supplier',
      'exploitant',
      'SUP-1',
      undefined,
      '/v1/sites/SUP-1/stock',
      'organisation_kind_mismatch',
    ],
    [
      'a supplier token naming an organisation nobody registered',
      'supplier',
      'SUP-GHOST',
      undefined,
      '/v1/batches',
      'organisation_not_registered',
    ],
    [
      "a token whose sub is a prescriber's RPPS, another organisation",
      'prescriber',
      'PH-1',
      PRESCRIBER,
      '/v1/prescriptions',
      'professional_organisation_mismatch',
    ],
    [
      "a pharmacist token whose sub is a prescriber's RPPS",
      'pharmacist',
      'CHU-1',
      PRESCRIBER,
      '/v1/prescriptions',
      'professional_role_mismatch',
    ],
    [
      'a pharmacist token of nobody registered',
      'pharmacist',
      'PH-1',
      '19999999999',
      '/v1/prescriptions',
      'professional_not_registered',
    ],
    [
      'a pharmacist of PH-1 naming PH-2',
      'pharmacist',
      'PH-2',
      PHARMACIST,
      '/v1/sites/PH-2/register',
      'professional_organisation_mismatch',
    ],
  ] as const)('refuses %s', async (_name, role, org, sub, path, rule) => {
    const response = await as(role, org, sub).get(path);
    expect([response.status, response.body.rule]).toEqual([403, rule]);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.detail).toMatch(/registered/);
  });

  it('lets the registered actors in, and a professional registered a moment ago at once', async () => {
    await as('prescriber', 'CHU-1', PRESCRIBER).get('/v1/prescriptions').expect(200);
    await as('pharmacist', 'PH-1', PHARMACIST).get('/v1/sites/PH-1/register').expect(200);
    await as('supplier', 'SUP-1').get('/v1/batches').expect(200);
    const newcomer = as('pharmacist', 'PH-2', '10000000077');
    expect((await newcomer.get('/v1/sites/PH-2/register')).body.rule).toBe('professional_not_registered');
    await api
      .post('/v1/professionals', 'ansm', 'ANSM', {
        rpps: '10000000077',
        kind: 'pharmacist',
        name: 'Newcomer',
        organisationId: 'PH-2',
        trainedOn: '2026-01-05',
      })
      .expect(201);
    await newcomer.get('/v1/sites/PH-2/register').expect(200);
  });
});

describe('a professional signed in by an OpenID Connect provider (keys from its JWKS URL, by kid)', () => {
  let api: Api;
  let provider: Server;
  let signingKey: CryptoKey;
  let unpublishedKey: CryptoKey;

  beforeAll(async () => {
    const [published, unpublished] = await Promise.all([generateKeyPair('ES256'), generateKeyPair('ES256')]);
    signingKey = published.privateKey;
    unpublishedKey = unpublished.privateKey;
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(published.publicKey)), kid: 'psc-1', alg: 'ES256' }] });
    provider = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks),
    );
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/certs`;
    api = await Api.start('pglite', { jwt: { secret: JWT_SECRET, jwksUrl } });
    await seedToPharmacy(api);
  }, 120_000);
  afterAll(async () => {
    await api.close();
    await new Promise<void>((resolve) => provider.close(() => resolve()));
  });

  const signIn = (sub: string, kid = 'psc-1', key = signingKey) =>
    new SignJWT({ role: 'prescriber', org: 'CHU-1' })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);

  it("accepts the provider's token of a registered prescriber, beside the HS256 tokens", async () => {
    const response = await api.http.get('/v1/prescriptions').set('Authorization', `Bearer ${await signIn(PRESCRIBER)}`);
    expect(response.status).toBe(200);
    await api.get('/v1/indications', 'ansm', 'ANSM').expect(200);
  });

  it("refuses the provider's token of someone the registry does not know (403), and a key it never published (401)", async () => {
    const stranger = await api.http
      .get('/v1/prescriptions')
      .set('Authorization', `Bearer ${await signIn('19999999999')}`);
    expect([stranger.status, stranger.body.rule]).toEqual([403, 'professional_not_registered']);
    const forgedKey = await api.http
      .get('/v1/prescriptions')
      .set('Authorization', `Bearer ${await signIn(PRESCRIBER, 'psc-1', unpublishedKey)}`);
    expect([forgedKey.status, forgedKey.body.type]).toEqual([401, 'urn:cannatrace:problem:invalid_token']);
  });
});
