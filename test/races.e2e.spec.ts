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

  /**
   * Holds the first read that a dispatch from EXP-1 makes of the batch (its register and the batch in one
   * statement) until `release` is called: the hold is recorded between the dispatch's read and its append.
   */
  function pauseDispatchAfterRead(): { read: Promise<void>; release: () => void } {
    const store = api.store;
    const original = store.readStreams.bind(store);
    let reached!: () => void;
    let release!: () => void;
    const read = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    store.readStreams = async (reads) => {
      const answers = await original(reads);
      const streams = reads.map((r) => r.stream);
      if (streams.some((s) => s.startsWith('register-EXP-1')) && streams.includes(`batch-${GTIN}-L1`)) {
        store.readStreams = original;
        reached();
        await released;
      }
      return answers;
    };
    return { read, release };
  }

  const dispatchOne = () =>
    api.post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-2', lines: [{ gtin: GTIN, lot: 'L1', quantity: 1 }] });
  const held = (round: string) => api.post(`/v1/batches/${GTIN}/L1/hold`, 'ansm', 'ANSM', { reason: round });
  const lift = () => api.post(`/v1/batches/${GTIN}/L1/lift-hold`, 'ansm', 'ANSM', { reason: 'cleared' }).expect(201);
  const shippedToPh2 = async () =>
    (await api.registerEvents('EXP-1'))
      .filter((e) => e.type === 'ShipmentDispatched' && (e.data as { to: string }).to === 'PH-2')
      .map((e) => e.data.shipmentId);

  describe('a hold and a dispatch of the same batch', () => {
    beforeAll(async () => {
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
    });

    it('refuses the dispatch that reads the batch after the hold is recorded: the hold wins', async () => {
      const before = await shippedToPh2();
      expect((await held('hold first')).status).toBe(201);
      const dispatch = await dispatchOne();
      expect([dispatch.status, dispatch.body.rule]).toEqual([422, 'batch_on_hold']);
      expect(await shippedToPh2()).toEqual(before);
      await lift();
    });

    it('records the dispatch decided on the batch as read before the hold: the dispatch wins, the next one is refused', async () => {
      const before = await shippedToPh2();
      const paused = pauseDispatchAfterRead();
      const dispatch = dispatchOne().then((answer) => answer); // sent now, not when awaited
      await paused.read;
      expect((await held('hold during the dispatch')).status).toBe(201);
      paused.release();
      const decidedBefore = await dispatch;
      expect(decidedBefore.status).toBe(201);
      expect(await shippedToPh2()).toEqual([...before, decidedBefore.body.shipmentId]);
      const after = await dispatchOne();
      expect([after.status, after.body.rule]).toEqual([422, 'batch_on_hold']);
      expect(await shippedToPh2()).toEqual([...before, decidedBefore.body.shipmentId]);
      await lift();
    });
  });
});
