import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Api } from './harness.js';

/** By default (WEBHOOK_ALLOW_PRIVATE off) a webhook may not point inside the operator's network. */
describe('webhook receivers must be public addresses (pglite)', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
  });
  afterAll(() => api.close());

  it('refuses loopback, private, link-local and unspecified receivers with 400 webhook_url_not_public, writing nothing', async () => {
    for (const url of [
      'http://127.0.0.1:4900/hook',
      'http://localhost:4900/hook',
      'http://192.168.1.20/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[fd00::1]/hook',
      'http://0.0.0.0/hook',
    ]) {
      const refused = await api.post('/v1/subscriptions', 'ansm', 'ANSM', { url });
      expect([url, refused.status, refused.body.rule]).toEqual([url, 400, 'webhook_url_not_public']);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await api.get('/v1/subscriptions', 'ansm', 'ANSM').expect(200)).body).toEqual([]);
  });
});
