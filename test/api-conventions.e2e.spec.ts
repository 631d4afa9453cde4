import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { batch, GTIN, seedCatalogue } from './catalogue.fixtures.js';
import { Api, BACKENDS, JWT_SECRET, token } from './harness.js';

function forged(header: object, claims: object, secret = JWT_SECRET): string {
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${h}.${p}.${createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`;
}

describe.each(BACKENDS)('API conventions (%s)', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start(backend);
    await seedCatalogue(api);
  });
  afterAll(() => api.close());

  describe('authentication', () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const claims = { sub: 'u', role: 'supplier', org: 'SUP-1', exp };
    const tokens: [string, string | undefined][] = [
      ['no token', undefined],
      ['a forged token (another secret)', forged({ alg: 'HS256' }, claims, 'not-the-secret-not-the-secret-not')],
      [
        'alg none',
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`,
      ],
      ['an expired token', forged({ alg: 'HS256' }, { ...claims, exp: exp - 1200 })],
      ['a token without org', forged({ alg: 'HS256' }, { sub: 'u', role: 'supplier', exp })],
      ['an unknown role', forged({ alg: 'HS256' }, { ...claims, role: 'admin' })],
      ['garbage', 'not-a-jwt'],
    ];
    for (const [name, bearer] of tokens) {
      it(`answers 401 problem+json to ${name}, and writes nothing`, async () => {
        const written = await api.eventsWrittenBy(async () => {
          const call = api.http.post('/v1/batches').send(batch(`AUTH-${name.length}`));
          const response = await (bearer ? call.set('Authorization', `Bearer ${bearer}`) : call);
          expect(response.status).toBe(401);
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(response.headers['www-authenticate']).toBe('Bearer');
          expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized' });
        });
        expect(written).toBe(0);
      });
    }

    it('keeps /health and the docs public', async () => {
      await api.http.get('/health').expect(200);
      await api.http.get('/docs-json').expect(200);
    });

    it('answers 403 to a role the endpoint does not allow', async () => {
      const response = await api
        .post('/v1/organisations', 'supplier', 'SUP-1', { id: 'X', kind: 'supplier', name: 'X', country: 'FR' })
        .expect(403);
      expect(response.body).toMatchObject({ status: 403, type: 'urn:cannatrace:problem:role_not_allowed' });
    });
  });

  describe('bodies', () => {
    it('answers malformed JSON with a 400 problem', async () => {
      const response = await api.http
        .post('/v1/batches')
        .set('Authorization', `Bearer ${token('supplier', 'SUP-1')}`)
        .set('Content-Type', 'application/json')
        .send('{"gtin": ');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, type: 'urn:cannatrace:problem:malformed_json' });
    });

    it('refuses a JSON array or a non-JSON body as a 400 problem', async () => {
      const array = await api.post('/v1/batches', 'supplier', 'SUP-1', [batch('ARRAY')]);
      expect(array.status).toBe(400);
      const text = await api.http
        .post('/v1/batches')
        .set('Authorization', `Bearer ${token('supplier', 'SUP-1')}`)
        .set('Content-Type', 'text/plain')
        .send('gtin=1');
      expect(text.status).toBe(400);
      expect(text.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the first response and writes nothing more', async () => {
      const key = { 'Idempotency-Key': `register-${backend}-1` };
      let first!: { status: number; body: unknown };
      const writtenFirst = await api.eventsWrittenBy(async () => {
        first = await api.post('/v1/batches', 'supplier', 'SUP-1', batch('IDEM-1'), key);
      });
      expect(first.status).toBe(201);
      expect(writtenFirst).toBe(1);
      const writtenRetry = await api.eventsWrittenBy(async () => {
        const retry = await api.post('/v1/batches', 'supplier', 'SUP-1', batch('IDEM-1'), key);
        expect(retry.status).toBe(201);
        expect(retry.body).toEqual(first.body);
        expect(retry.headers['idempotent-replayed']).toBe('true');
      });
      expect(writtenRetry).toBe(0);
    });

    it('refuses the same key with another body (409), and keeps keys apart per caller', async () => {
      const key = { 'Idempotency-Key': `register-${backend}-2` };
      await api.post('/v1/batches', 'supplier', 'SUP-1', batch('IDEM-2'), key).expect(201);
      const reused = await api.post('/v1/batches', 'supplier', 'SUP-1', batch('IDEM-3'), key);
      expect(reused.status).toBe(409);
      expect(reused.body.type).toBe('urn:cannatrace:problem:idempotency_key_reused');
      // Another caller's key of the same name is another request.
      const other = await api.post(
        '/v1/batches',
        'supplier',
        'SUP-2',
        { ...batch('IDEM-2'), gtin: '03400930000021' },
        key,
      );
      expect(other.status).toBe(201);
    });

    it('answers a retried refusal with the same problem', async () => {
      const key = { 'Idempotency-Key': `release-${backend}` };
      await api.post('/v1/batches', 'supplier', 'SUP-1', batch('IDEM-4')).expect(201);
      const first = await api
        .post(`/v1/batches/${GTIN}/IDEM-4/release`, 'supplier', 'SUP-1', { qualifiedPerson: 'QP' }, key)
        .expect(422);
      const retry = await api
        .post(`/v1/batches/${GTIN}/IDEM-4/release`, 'supplier', 'SUP-1', { qualifiedPerson: 'QP' }, key)
        .expect(422);
      expect(retry.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(retry.body).toEqual(first.body);
    });

    it('lets only one of two simultaneous requests with one key run', async () => {
      const key = { 'Idempotency-Key': `register-${backend}-race` };
      let statuses: number[] = [];
      const written = await api.eventsWrittenBy(async () => {
        const responses = await Promise.all([
          api.post('/v1/batches', 'supplier', 'SUP-1', batch('IDEM-RACE'), key),
          api.post('/v1/batches', 'supplier', 'SUP-1', batch('IDEM-RACE'), key),
        ]);
        statuses = responses.map((r) => r.status);
      });
      expect(written).toBe(1);
      expect(statuses).toContain(201);
      for (const status of statuses) expect([201, 409]).toContain(status);
    });

    it('refuses a malformed key', async () => {
      const response = await api.post('/v1/batches', 'supplier', 'SUP-1', batch('IDEM-5'), {
        'Idempotency-Key': 'x'.repeat(201),
      });
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('urn:cannatrace:problem:bad_idempotency_key');
    });
  });
});
