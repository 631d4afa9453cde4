import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DATABASE_URL } from '../libs/event-store/test/scratch-schema.js';
import { batch, GTIN, seedCatalogue } from './catalogue.fixtures.js';
import { Api } from './harness.js';
import { TcpProxy } from './tcp-proxy.js';

/** The api reaches PostgreSQL through a proxy the test cuts: an outage of the store, without stopping the server. */
describe('the event store goes away and comes back (PostgreSQL behind a proxy)', () => {
  let proxy: TcpProxy;
  let api: Api;
  beforeAll(async () => {
    const target = new URL(DATABASE_URL);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(DATABASE_URL);
    viaProxy.port = String(proxy.port);
    api = await Api.start('postgres', {}, { url: viaProxy.toString(), timeoutMs: 1000 });
    await seedCatalogue(api);
  });
  afterAll(async () => {
    proxy.restore();
    await api.close();
    await proxy.close();
  });

  it('answers 503 problem+json quickly, says why in /health, and recovers by itself', async () => {
    proxy.cut();
    const started = Date.now();
    const refused = await api.post('/v1/batches', 'supplier', 'SUP-1', batch('OUTAGE-1'));
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.type).toBe('urn:cannatrace:problem:event_store_unavailable');
    const health = await api.http.get('/health');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(health.status).toBe(503);
    expect(health.body.eventStore).toMatchObject({ status: 'down', detail: expect.any(String) });

    proxy.restore();
    let status = 0;
    for (let i = 0; i < 50 && status !== 201; i++) {
      status = (await api.post('/v1/batches', 'supplier', 'SUP-1', batch('OUTAGE-2'))).status;
      if (status !== 201) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(201);
    await api.http.get('/health').expect(200);
  });

  it('loses nothing and writes nothing twice when clients retry with their Idempotency-Key through an outage', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `outage-${i}`);
    const outcomes = new Map<string, number>();
    let transientAnswers = 0;
    const send = async (key: string, i: number) => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const response = await api
          .post('/v1/batches', 'supplier', 'SUP-1', batch(`RETRY-${i}`), { 'Idempotency-Key': key })
          .catch(() => ({ status: 0, body: {} as Record<string, unknown> }));
        const transient =
          response.status === 0 ||
          response.status >= 500 ||
          response.body.type === 'urn:cannatrace:problem:idempotency_in_progress';
        if (!transient) return outcomes.set(key, response.status);
        transientAnswers += 1;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      outcomes.set(key, -1);
    };
    const clients = Promise.all(
      keys.map((key, i) => new Promise((resolve) => setTimeout(resolve, i * 20)).then(() => send(key, i))),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    proxy.restore();
    await clients;

    expect(transientAnswers).toBeGreaterThan(0);
    for (const key of keys) expect([key, outcomes.get(key)]).toEqual([key, expect.any(Number)]);
    // Each batch stream read directly: the global order may still hide commits behind an open transaction.
    for (const [key, status] of outcomes) {
      const events = await api.store.readStream(`batch-${GTIN}-RETRY-${keys.indexOf(key)}`);
      // Accepted (201), or accepted by an attempt whose answer was lost, then refused as a duplicate lot (409):
      // either way the batch is registered exactly once.
      expect([key, status === 201 || status === 409, events.map((e) => e.type)]).toEqual([
        key,
        true,
        ['BatchRegistered'],
      ]);
    }
  }, 60_000);
});
