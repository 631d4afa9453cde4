import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GTIN } from './catalogue.fixtures.js';
import { asPharmacist, scan, seedToPharmacy } from './circuit.fixtures.js';
import { Api } from './harness.js';

describe('races on real PostgreSQL', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('postgres');
    await seedToPharmacy(api);
  });
  afterAll(() => api.close());

  it('receives a shipment once when two receipts arrive together', async () => {
    const shipmentId = (
      await api
        .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 2 }] })
        .expect(201)
    ).body.shipmentId;
    const responses = await Promise.all([
      asPharmacist(api, `/v1/shipments/${shipmentId}/receipt`, { scans: [scan('R1'), scan('R2')] }),
      asPharmacist(api, `/v1/shipments/${shipmentId}/receipt`, { lines: [{ gtin: GTIN, lot: 'L1', quantity: 2 }] }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(responses.find((r) => r.status === 409)?.body.rule).toBe('shipment_already_received');
    const receipts = (await api.registerEvents('PH-1')).filter(
      (e) => e.type === 'ShipmentReceived' && e.data.shipmentId === shipmentId,
    );
    expect(receipts).toHaveLength(1);
  });

  it('races a hold and a dispatch: the dispatch is refused, or was decided before the hold; once held, nothing ships', async () => {
    const restock = (
      await api
        .post('/v1/shipments', 'supplier', 'SUP-1', { to: 'EXP-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 10 }] })
        .expect(201)
    ).body.shipmentId;
    await api
      .post(`/v1/shipments/${restock}/receipt`, 'exploitant', 'EXP-1', {
        lines: [{ gtin: GTIN, lot: 'L1', quantity: 10 }],
      })
      .expect(201);
    for (let round = 0; round < 5; round++) {
      const [hold, dispatch] = await Promise.all([
        api.post(`/v1/batches/${GTIN}/L1/hold`, 'ansm', 'ANSM', { reason: `round ${round}` }),
        api.post('/v1/shipments', 'exploitant', 'EXP-1', {
          to: 'PH-2',
          lines: [{ gtin: GTIN, lot: 'L1', quantity: 1 }],
        }),
      ]);
      expect(hold.status).toBe(201);
      expect([201, 422]).toContain(dispatch.status);
      if (dispatch.status === 422) expect(dispatch.body.rule).toBe('batch_on_hold');
      // A dispatch decides on the batch as it read it: one that read it before the hold may still be recorded, as
      // a command decided before the hold. Every dispatch that reads the hold is refused.
      const after = await api.post('/v1/shipments', 'exploitant', 'EXP-1', {
        to: 'PH-2',
        lines: [{ gtin: GTIN, lot: 'L1', quantity: 1 }],
      });
      expect([after.status, after.body.rule]).toEqual([422, 'batch_on_hold']);
      await api.post(`/v1/batches/${GTIN}/L1/lift-hold`, 'ansm', 'ANSM', { reason: 'cleared' }).expect(201);
    }
  });
});
