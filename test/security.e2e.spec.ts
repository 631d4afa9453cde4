import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Api, JWT_SECRET, token } from './harness.js';

describe('hardening', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite', { rateLimitPerMinute: 5, corsOrigins: ['https://desk.pharmacie.example'] });
  });
  afterAll(() => api.close());

  it('limits requests per token: the sixth in a minute is a 429 problem, another token goes on', async () => {
    const first = token('ansm', 'ANSM', 'auditor-1');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await api.http.get('/v1/indications').set('Authorization', `Bearer ${first}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await api.http.get('/v1/indications').set('Authorization', `Bearer ${first}`);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    await api.http
      .get('/v1/indications')
      .set('Authorization', `Bearer ${token('ansm', 'ANSM', 'auditor-2')}`)
      .expect(200);
  });

  it('sends headers that keep browsers from sniffing, framing or caching answers', async () => {
    const response = await api.http.get('/health');
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
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

  it('gives no origin the right to call the api from a browser', async () => {
    const response = await api.http.get('/health').set('Origin', 'https://desk.pharmacie.example');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('request logs', () => {
  it('log each request as one JSON line, without its token, body or query', async () => {
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
        .send({ patientId: 'PSN-SECRET-BODY', indication: 'EPILEPSY', includedOn: '2026-01-01', consent: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({
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
  });
});
