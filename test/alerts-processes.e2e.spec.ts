import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Projector } from '#read-models';
import { AlertSweep } from '../apps/api/src/processes/alerts/alert-sweep.js';
import { EventAlerts } from '../apps/api/src/processes/alerts/event-alerts.js';
import { analysis, batch, GTIN } from './catalogue.fixtures.js';
import { asPharmacist, seedToPharmacy } from './circuit.fixtures.js';
import { Api, TEST_DAY } from './harness.js';

/** Two api processes on one PostgreSQL both follow the store and both sweep: each alert is raised once. */
describe('alerts raised by two api processes', () => {
  let apis: Api[];
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const raised = async () => (await apis[0].allEvents()).filter((e) => e.type === 'AlertRaised');

  beforeAll(async () => {
    const first = await Api.start('postgres');
    await seedToPharmacy(first);
    const second = await Api.start('postgres', {
      runProjections: false,
      database: { kind: 'postgres', url, schema: first.schema as string },
    });
    apis = [first, second];
  }, 120_000);

  afterAll(async () => {
    await apis[1].close();
    await apis[0].close();
  });

  it('raises a loss above the threshold once, though both processes follow the store', async () => {
    await asPharmacist(apis[0], '/v1/sites/PH-1/register/losses', {
      gtin: GTIN,
      lot: 'L1',
      quantity: 6,
      kind: 'theft',
      occurredOn: TEST_DAY,
      declarations: { police: 'PV-1', ars: 'ARS-1', ansm: 'ANSM-1' },
    }).expect(201);
    await Promise.all(apis.map((api) => api.app.get(EventAlerts).caughtUp()));
    expect((await raised()).map((e) => e.data.kind)).toEqual(['loss_above_threshold']);
  });

  it('raises stock near expiry once when both processes sweep at once', async () => {
    const soon = new Date(Date.parse(`${TEST_DAY}T12:00:00Z`) + 20 * 86_400_000).toISOString().slice(0, 10);
    const [api] = apis;
    await api.post('/v1/batches', 'supplier', 'SUP-1', { ...batch('SOON'), expiresOn: soon }).expect(201);
    await api.post(`/v1/batches/${GTIN}/SOON/analyses`, 'supplier', 'SUP-1', analysis()).expect(201);
    await api.post(`/v1/batches/${GTIN}/SOON/release`, 'supplier', 'SUP-1', { qualifiedPerson: 'QP' }).expect(201);
    for (let held = false; !held;) {
      await api.app.get(Projector).caughtUp();
      const stock = (await api.get('/v1/sites/SUP-1/stock', 'ansm', 'ANSM').expect(200)).body as { lot: string }[];
      held = stock.some((line) => line.lot === 'SOON');
    }
    // Both may answer it raised, when the second append is recognised as a retry of the first: the store holds one.
    await Promise.all(apis.map((a) => a.app.get(AlertSweep).sweep()));
    expect((await raised()).filter((e) => e.data.kind === 'stock_near_expiry')).toHaveLength(1);
    await Promise.all(apis.map((a) => a.app.get(EventAlerts).caughtUp()));
    expect(await raised()).toHaveLength(2);
  });
});
