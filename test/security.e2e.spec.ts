import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signToken } from '#auth';
import { Api, JWT_SECRET, token } from './harness.js';

/** Counts live in minutes of the clock: a test of the limit starts well inside one. */
async function awayFromMinuteBoundary(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
}

describe('hardening', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite', {
      rateLimitPerMinute: 5,
      rateLimitUnauthenticatedPerMinute: 3,
      corsOrigins: ['https://desk.pharmacie.example'],
    });
  });
  afterAll(() => api.close());

  it('limits requests per token subject: the sixth in a minute is a 429 problem, another subject goes on', async () => {
    await awayFromMinuteBoundary();
    const first = token('ansm', 'ANSM', 'auditor-1');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await api.http.get('/v1/indications').set('Authorization', `Bearer ${first}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await api.http.get('/v1/indications').set('Authorization', `Bearer ${first}`);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests', rule: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await api.http
      .get('/v1/indications')
      .set('Authorization', `Bearer ${token('ansm', 'ANSM', 'auditor-2')}`)
      .expect(200);
  });

  it('counts the subject, not the way its token is written: spacing, case and a token signed anew share one count', async () => {
    await awayFromMinuteBoundary();
    const now = new Date();
    const variants = [
      `Bearer ${token('ansm', 'ANSM', 'auditor-3')}`,
      `bearer   ${token('ansm', 'ANSM', 'auditor-3')}`,
      `BEARER ${signToken(JWT_SECRET, { sub: 'auditor-3', role: 'ansm', org: 'ANSM' }, 60, new Date(now.getTime() - 1000))}`,
      `Bearer ${signToken(JWT_SECRET, { sub: 'auditor-3', role: 'ansm', org: 'ANSM' }, 120, new Date(now.getTime() - 2000))}`,
      `Bearer ${signToken(JWT_SECRET, { sub: 'auditor-3', role: 'ansm', org: 'ANSM' }, 180, new Date(now.getTime() - 3000))}`,
      `Bearer  ${signToken(JWT_SECRET, { sub: 'auditor-3', role: 'ansm', org: 'ANSM' }, 240, new Date(now.getTime() - 4000))} `,
    ];
    const statuses: number[] = [];
    for (const authorization of variants)
      statuses.push((await api.http.get('/v1/indications').set('Authorization', authorization)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('limits requests without a valid token per address (3 here), /health aside', async () => {
    await awayFromMinuteBoundary();
    // The tests before this one sent tokens only: nothing was counted against the address yet.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await api.http.get('/v1/indications').set('Authorization', 'Bearer not.a.token')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await api.http.post('/v1/organisations').send({});
    expect([limited.status, limited.body.rule]).toEqual([429, 'rate_limited']);
    for (let i = 0; i < 5; i++) await api.http.get('/health').expect(200);
  });

  it('sends headers that keep browsers from sniffing, framing or caching answers', async () => {
    const response = await api.http.get('/health');
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'cache-control': 'no-store',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
    const page = await api.http.get('/');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self';img-src 'self' data:;style-src 'self' 'unsafe-inline';frame-ancestors 'none'",
    );
  });

  it('answers CORS only to the configured origins', async () => {
    const allowed = await api.http
      .options('/v1/indications')
      .set('Origin', 'https://desk.pharmacie.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://desk.pharmacie.example');
    const other = await api.http
      .options('/v1/indications')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS closed by default', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
  });
  afterAll(() => api.close());

  it('offers no demo tokens outside the embedded default', async () => {
    const response = await api.http.get('/v1/demo/actors');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('reads 8 kB at most without a valid token (refused by its Content-Length), 1 MB with one', async () => {
    const big = { id: 'ORG-BIG', kind: 'supplier', name: 'x'.repeat(600_000), country: 'FR' };
    for (const authorization of [undefined, 'Bearer not.a.token']) {
      const post = api.http.post('/v1/organisations');
      if (authorization) post.set('Authorization', authorization);
      const response = await post.send(big);
      expect([response.status, response.body.rule]).toEqual([413, 'body_too_large']);
      expect(response.body.detail).toMatch(/8 kB/);
    }
    const small = await api.http.post('/v1/organisations').send({ id: 'ORG-SMALL' });
    expect([small.status, small.body.type]).toEqual([401, 'urn:cannatrace:problem:unauthenticated']);
    const authenticated = await api.post('/v1/organisations', 'ansm', 'ANSM', big);
    expect([authenticated.status, authenticated.body.type]).toEqual([400, 'urn:cannatrace:problem:validation']);
  });

  it("echoes the caller's X-Request-Id, or gives one", async () => {
    const given = await api.http.get('/health').set('X-Request-Id', 'desk-42.req-7');
    expect(given.headers['x-request-id']).toBe('desk-42.req-7');
    const made = await api.http.get('/health').set('X-Request-Id', 'not acceptable: spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await api.http.get('/v1/indications');
    expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives no origin the right to call the api from a browser', async () => {
    const response = await api.http.get('/health').set('Origin', 'https://desk.pharmacie.example');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('request logs', () => {
  it('log each request as one JSON line with its request id, without its token, body or query', async () => {
    const { createApp } = await import('../apps/api/src/create-app.js');
    const lines: string[] = [];
    const app = await createApp(
      {
        port: 0,
        host: '127.0.0.1',
        dataDir: '/nonexistent',
        database: { kind: 'pglite' },
        eventStore: { kind: 'database' },
        jwt: { secret: JWT_SECRET },
        rateLimitPerMinute: 1000,
        corsOrigins: [],
        runProjections: true,
      },
      { logger: false, requestLog: { write: (line: string) => void lines.push(line) } },
    );
    await app.init();
    try {
      const bearer = token('prescriber', 'CHU-1', '10000000001');
      await request(app.getHttpServer())
        .post('/v1/patients?patient=PSN-SECRET-QUERY')
        .set('Authorization', `Bearer ${bearer}`)
        .set('X-Request-Id', 'desk-42.req-8')
        .send({ patientId: 'PSN-SECRET-BODY', indication: 'EPILEPSY', includedOn: '2026-01-01', consent: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({
        requestId: 'desk-42.req-8',
        method: 'POST',
        path: '/v1/patients',
        role: 'prescriber',
        org: 'CHU-1',
        status: expect.any(Number),
      });
      const text = lines.join('\n');
      for (const secret of [bearer, 'PSN-SECRET-BODY', 'PSN-SECRET-QUERY', 'Bearer'])
        expect(text).not.toContain(secret);
    } finally {
      await app.close();
    }
  }, 120_000);
});
