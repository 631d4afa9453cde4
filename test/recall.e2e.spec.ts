import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GTIN } from './catalogue.fixtures.js';
import { asPharmacist, asPrescriber, prescription, seedToPharmacy } from './circuit.fixtures.js';
import { Api } from './harness.js';

/**
 * A recall driven to completion: the supplier, the exploitant and two pharmacies hold packs of lot L1; each
 * acknowledges, quarantines and returns its packs (pharmacies to the exploitant, the exploitant to the supplier).
 */
describe('recall follow-through over HTTP (postgres)', () => {
  let api: Api;
  const BATCH = `/v1/batches/${GTIN}/L1`;
  const asPharmacistOf = (org: string, rpps: string) => (path: string, body: unknown) =>
    asPharmacist(api, path, body, rpps, org);
  const ph1 = asPharmacistOf('PH-1', '10000000002');
  const ph2 = asPharmacistOf('PH-2', '10000000005');
  const progress = async () => (await api.get(`${BATCH}/recall`, 'ansm', 'ANSM').expect(200)).body;
  const siteRows = async () =>
    Object.fromEntries(
      (
        (await progress()).sites as {
          organisationId: string;
          notified: number | null;
          acknowledgedAt: string | null;
          quarantined: number | null;
          returned: number;
          returnsInTransit: number;
          onHand: number;
          complete: boolean;
        }[]
      ).map((s) => [
        s.organisationId,
        [s.notified, s.acknowledgedAt !== null, s.quarantined, s.returned, s.returnsInTransit, s.onHand, s.complete],
      ]),
    );
  async function refused(send: () => Promise<{ status: number; body: Record<string, unknown> }>, rule: string) {
    let response!: { status: number; body: Record<string, unknown> };
    expect(await api.eventsWrittenBy(async () => (response = await send()))).toBe(0);
    expect(response.status).toBe(422);
    expect(response.body.rule).toBe(rule);
  }
  const ship = (role: 'exploitant' | 'supplier', org: string, to: string, quantity: number, back = false) =>
    api.post('/v1/shipments', role, org, {
      to,
      lines: [{ gtin: GTIN, lot: 'L1', quantity }],
      ...(back ? { return: true } : {}),
    });
  const receive = (role: 'exploitant' | 'supplier', org: string, shipmentId: string, quantity: number) =>
    api
      .post(`/v1/shipments/${shipmentId}/receipt`, role, org, { lines: [{ gtin: GTIN, lot: 'L1', quantity }] })
      .expect(201);

  /** ANSM recalls lot L1. */
  const recall = () => api.post(`${BATCH}/recall`, 'ansm', 'ANSM', { reason: 'contamination' }).expect(201);

  // Each test starts from the circuit below, before the recall, in a store of its own.
  beforeEach(async () => {
    api = await Api.start('postgres');
    // SUP-1 10 packs, EXP-1 4, PH-1 6; then EXP-1 sends 2 to PH-2.
    await seedToPharmacy(api);
    const toPh2 = (await ship('exploitant', 'EXP-1', 'PH-2', 2).expect(201)).body.shipmentId;
    await ph2(`/v1/shipments/${toPh2}/receipt`, { lines: [{ gtin: GTIN, lot: 'L1', quantity: 2 }] }).expect(201);
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-RECALL')).expect(201);
  }, 120_000);
  afterEach(() => api.close());

  it('notifies every site holding packs when ANSM recalls the batch', async () => {
    await recall();
    expect(await progress()).toMatchObject({ recalled: true, reason: 'contamination', complete: false });
    expect(await siteRows()).toEqual({
      'SUP-1': [10, false, null, 0, 0, 10, false],
      'EXP-1': [2, false, null, 0, 0, 2, false],
      'PH-1': [6, false, null, 0, 0, 6, false],
      'PH-2': [2, false, null, 0, 0, 2, false],
    });
  });

  it('refuses an ordinary dispatch of recalled packs, and a return to anyone but the supplier of the packs', async () => {
    await recall();
    await refused(
      () => ph1('/v1/shipments', { to: 'EXP-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 6 }] }),
      'batch_recalled',
    );
    await refused(
      () => ph1('/v1/shipments', { to: 'SUP-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 6 }], return: true }),
      'return_to_wrong_organisation',
    );
  });

  it('makes the packs unusable at a site once it acknowledges: dispensing refuses batch_quarantined', async () => {
    await recall();
    await refused(() => ph1(`${BATCH}/recall/quarantine`, { quantity: 6 }), 'recall_not_acknowledged');
    await ph1(`${BATCH}/recall/acknowledgement`, {}).expect(201);
    await refused(
      () => ph1('/v1/dispensations', { prescriptionId: 'RX-RECALL', quantity: 1, gtin: GTIN, lot: 'L1' }),
      'batch_quarantined',
    );
    const again = await ph1(`${BATCH}/recall/acknowledgement`, {}).expect(409);
    expect(again.body.rule).toBe('recall_already_acknowledged');
    await refused(() => ph1(`${BATCH}/recall/quarantine`, { quantity: 5 }), 'quarantine_count_differs');
    await ph1(`${BATCH}/recall/quarantine`, { quantity: 6 }).expect(201);
  });

  it('drives the recall to completion: every site acknowledges, quarantines and returns its packs', async () => {
    await recall();
    await ph1(`${BATCH}/recall/acknowledgement`, {}).expect(201);
    await ph1(`${BATCH}/recall/quarantine`, { quantity: 6 }).expect(201);
    const fromPh1 = (
      await ph1('/v1/shipments', { to: 'EXP-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 6 }], return: true }).expect(
        201,
      )
    ).body.shipmentId;
    const register = (await api.get('/v1/sites/PH-1/register', 'ansm', 'ANSM').expect(200)).body;
    const entries = (Array.isArray(register) ? register : register.entries) as { movement: string; quantity: number }[];
    expect(entries.at(-1)).toMatchObject({ movement: 'return', quantity: 6 });

    await ph2(`${BATCH}/recall/acknowledgement`, {}).expect(201);
    await ph2(`${BATCH}/recall/quarantine`, { quantity: 2 }).expect(201);
    const fromPh2 = (
      await ph2('/v1/shipments', { to: 'EXP-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 2 }], return: true }).expect(
        201,
      )
    ).body.shipmentId;
    expect((await siteRows())['PH-2']).toEqual([2, true, 2, 2, 2, 0, false]);

    await api.post(`${BATCH}/recall/acknowledgement`, 'exploitant', 'EXP-1', {}).expect(201);
    await api.post(`${BATCH}/recall/quarantine`, 'exploitant', 'EXP-1', { quantity: 2 }).expect(201);
    await receive('exploitant', 'EXP-1', fromPh1, 6);
    await receive('exploitant', 'EXP-1', fromPh2, 2);
    await refused(() => ship('exploitant', 'EXP-1', 'PH-1', 1), 'batch_quarantined');
    const toSupplier = (await ship('exploitant', 'EXP-1', 'SUP-1', 10, true).expect(201)).body.shipmentId;
    await receive('supplier', 'SUP-1', toSupplier, 10);
    expect((await progress()).complete).toBe(false);

    await api.post(`${BATCH}/recall/acknowledgement`, 'supplier', 'SUP-1', {}).expect(201);
    await api.post(`${BATCH}/recall/quarantine`, 'supplier', 'SUP-1', { quantity: 20 }).expect(201);
    expect(await siteRows()).toEqual({
      'SUP-1': [10, true, 20, 0, 0, 20, true],
      'EXP-1': [2, true, 2, 10, 0, 0, true],
      'PH-1': [6, true, 6, 6, 0, 0, true],
      'PH-2': [2, true, 2, 2, 0, 0, true],
    });
    expect((await progress()).complete).toBe(true);
  });

  it('shows a site only its own line; ANSM every site', async () => {
    await recall();
    const own = (await api.get(`${BATCH}/recall`, 'pharmacist', 'PH-1').expect(200)).body;
    expect(own.sites.map((s: { organisationId: string }) => s.organisationId)).toEqual(['PH-1']);
    expect((await progress()).sites).toHaveLength(4);
  });
});
