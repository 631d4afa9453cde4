import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Api, token } from './harness.js';

describe('hardening', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite', { rateLimitPerMinute: 5, corsOrigins: ['https://desk.pharmacie.example'] });
  });
  afterAll(() => api.close());

  it('limits requests per token: the sixth in a minute is a 429 problem, another token goes on', async () => {
    const first = token('ansm', 'ANSM', 'auditor-1');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api.http.get('/v1/indications').set('Authorization', `Bearer ${first}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await api.http.get('/v1/indications').set('Authorization', `Bearer ${first}`);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    await api.http.get('/v1/indications').set('Authorization', `Bearer ${token('ansm', 'ANSM', 'auditor-2')}`).expect(200);
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
    const allowed = await api.http.options('/v1/indications').set('Origin', 'https://desk.pharmacie.example').set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://desk.pharmacie.example');
    const other = await api.http.options('/v1/indications').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS closed by default', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
  });
  afterAll(() => api.close());

  it('gives no origin the right to call the api from a browser', async () => {
    const response = await api.http.get('/health').set('Origin', 'https://desk.pharmacie.example');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
