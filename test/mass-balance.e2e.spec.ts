import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { monthOf, parisDate, registerBookStream } from '#domain';
import { Projector } from '#read-models';
import { GTIN } from './catalogue.fixtures.js';
import { asPharmacist, seedToPharmacy } from './circuit.fixtures.js';
import { Api } from './harness.js';
import { AlertSweep } from '../apps/api/src/processes/alerts/alert-sweep.js';

const BALANCE = `/v1/audit/batches/${GTIN}/L1/balance`;

/** The circuit every test starts from, in balance: released 20, shipped on to PH-1 and PH-2, one pack missing. */
async function circuit(api: Api): Promise<void> {
  // SUP-1 releases 20 and ships 10 to EXP-1, which ships 6 to PH-1 (seedToPharmacy).
  await seedToPharmacy(api);
  await api.post('/v1/organisations', 'ansm', 'ANSM', {
    id: 'SUP-2',
    kind: 'supplier',
    name: 'Other',
    country: 'FR',
  });
  // 3 packs to PH-2, which counts 2: one declared missing at receipt.
  const toPh2 = (
    await api
      .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-2', lines: [{ gtin: GTIN, lot: 'L1', quantity: 3 }] })
      .expect(201)
  ).body.shipmentId;
  await asPharmacist(
    api,
    `/v1/shipments/${toPh2}/receipt`,
    { lines: [{ gtin: GTIN, lot: 'L1', quantity: 2 }] },
    '10000000005',
    'PH-2',
  ).expect(201);
  // 1 pack on its way to PH-1.
  await api
    .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 1 }] })
    .expect(201);
  await api.app.get(Projector).caughtUp();
}

describe('mass balance over HTTP', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
    await circuit(api);
  }, 120_000);
  afterAll(() => api.close());

  it('answers the terms of the equation and every site’s figures, in balance', async () => {
    const { body } = await api.get(BALANCE, 'ansm', 'ANSM').expect(200);
    expect(body.terms).toEqual({
      released: 20,
      awaitingEntry: 0,
      onHand: 10 + 0 + 6 + 2,
      inTransit: 1,
      missingAtReceipt: 1,
      dispensed: 0,
      lost: 0,
      destroyed: 0,
      adjusted: 0,
    });
    expect([body.difference, body.balanced, body.sites, body.disagreements]).toEqual([0, true, [], []]);
    expect(
      (body.siteFigures as { organisationId: string; onHand: number; agrees: boolean }[]).map((s) => [
        s.organisationId,
        s.onHand,
        s.agrees,
      ]),
    ).toEqual([
      ['EXP-1', 0, true],
      ['PH-1', 6, true],
      ['PH-2', 2, true],
      ['SUP-1', 10, true],
    ]);
    expect((await api.get('/v1/audit/balances?imbalanced=true', 'ansm', 'ANSM').expect(200)).body).toEqual([]);
    const all = (await api.get('/v1/audit/balances', 'ansm', 'ANSM').expect(200)).body as { lot: string }[];
    expect(all.map((b) => b.lot)).toEqual(['L1']);
    // In balance, the sweep finds no mass imbalance to raise.
    await api.app.get(AlertSweep).sweep();
    await api.app.get(Projector).caughtUp();
    expect((await api.get('/v1/audit/alerts?kind=mass_imbalance', 'ansm', 'ANSM').expect(200)).body).toEqual([]);
  });

  it('follows the batch’s confidentiality rule: its supplier and exploitant see it, no one else', async () => {
    await api.get(BALANCE, 'supplier', 'SUP-1').expect(200);
    await api.get(BALANCE, 'exploitant', 'EXP-1').expect(200);
    const stranger = await api.get(BALANCE, 'supplier', 'SUP-2').expect(404);
    expect(stranger.body.rule).toBe('batch_unknown');
    const pharmacy = await api.get(BALANCE, 'pharmacist', 'PH-1').expect(403);
    expect(pharmacy.body.type).toBe('urn:cannatrace:problem:role_not_allowed');
    expect((await api.get('/v1/audit/balances', 'supplier', 'SUP-1').expect(403)).body.type).toBe(
      'urn:cannatrace:problem:role_not_allowed',
    );
    const unknown = await api.get(`/v1/audit/batches/${GTIN}/NOPE/balance`, 'ansm', 'ANSM').expect(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.body.rule).toBe('batch_unknown');
    await api.get('/v1/audit/balances?imbalanced=maybe', 'ansm', 'ANSM').expect(400);
  });
});

describe('a batch out of balance (its own api: it writes a faulty receipt)', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
    await circuit(api);
  }, 120_000);
  afterAll(() => api.close());

  it('lists the batch out of balance once a register records packs never dispatched, naming the sites', async () => {
    // The deciders refuse such a receipt: it is written straight to the store, as a faulty client of an older
    // release or a restored backup could have left it.
    const ghost = randomUUID();
    await api.store.append(registerBookStream('PH-2', monthOf(parisDate(api.now()))), [
      {
        id: ghost,
        type: 'ShipmentReceived',
        data: {
          shipmentId: 'EXP-1~2026-01~000000000000',
          from: 'EXP-1',
          accepted: [{ gtin: GTIN, lot: 'L1', quantity: 4 }],
          discrepancies: [],
          serials: [],
        },
        metadata: {
          actor: '10000000005',
          role: 'pharmacist',
          organisation: 'PH-2',
          occurredAt: api.now().toISOString(),
          commandId: 'ghost-receipt',
          correlationId: 'ghost-receipt',
        },
      },
    ]);
    await api.app.get(Projector).caughtUp();
    const listed = (await api.get('/v1/audit/balances?imbalanced=true', 'ansm', 'ANSM').expect(200)).body;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      gtin: GTIN,
      lot: 'L1',
      balanced: false,
      difference: -4,
      sites: ['EXP-1', 'PH-2'],
      evidence: [ghost],
    });
    const { body } = await api.get(BALANCE, 'ansm', 'ANSM').expect(200);
    expect(body.disagreements).toEqual([
      {
        site: 'EXP-1',
        reason: 'shipment_differs',
        expected: 0,
        recorded: 4,
        shipmentId: 'EXP-1~2026-01~000000000000',
        evidence: [ghost],
      },
      {
        site: 'PH-2',
        reason: 'shipment_differs',
        expected: 0,
        recorded: 4,
        shipmentId: 'EXP-1~2026-01~000000000000',
        evidence: [ghost],
      },
    ]);
    expect(
      (body.siteFigures as { organisationId: string; agrees: boolean }[])
        .filter((s) => !s.agrees)
        .map((s) => s.organisationId),
    ).toEqual(['EXP-1', 'PH-2']);

    // The alert sweep raises it for ANSM, once, naming the batch, the sites and the faulty event.
    expect(await api.app.get(AlertSweep).sweep()).toBe(1);
    await api.app.get(Projector).caughtUp();
    const alerts = (await api.get('/v1/audit/alerts?kind=mass_imbalance', 'ansm', 'ANSM').expect(200)).body;
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'mass_imbalance',
        state: 'open',
        gtin: GTIN,
        lot: 'L1',
        site: null,
        evidence: [ghost],
        details: { sites: ['EXP-1', 'PH-2'], difference: -4, released: 20 },
      }),
    ]);
    expect(await api.app.get(AlertSweep).sweep()).toBe(0);
  });
});
