import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SQL_CLIENT } from '../apps/api/src/database/database.module.js';
import { traceBatch } from '#domain';
import type { SqlClient } from '#sql';
import { Projector } from '#read-models';
import { GTIN } from './catalogue.fixtures.js';
import {
  alphaPatient,
  asPharmacist,
  asPrescriber,
  includePatient,
  prescription,
  scan,
  seedToPharmacy,
} from './circuit.fixtures.js';
import { epcisProblems } from './epcis-structure.js';
import { Api, BACKENDS, token } from './harness.js';

const L1 = `/v1/batches/${GTIN}/L1`;

describe.each(BACKENDS)('trace, recall and audit over HTTP (%s)', (backend) => {
  let api: Api;
  let alpha: string;
  let beta: string;
  // Each test starts from this circuit in a store of its own (tests recall the batch and tamper with the store).
  beforeEach(async () => {
    api = await Api.start(backend);
    await seedToPharmacy(api);
    // Two more packs to a second pharmacy, a second patient there, and a dispensation at each pharmacy.
    const toPh2 = (
      await api
        .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-2', lines: [{ gtin: GTIN, lot: 'L1', quantity: 2 }] })
        .expect(201)
    ).body.shipmentId;
    await asPharmacist(
      api,
      `/v1/shipments/${toPh2}/receipt`,
      { lines: [{ gtin: GTIN, lot: 'L1', quantity: 2 }] },
      '10000000005',
      'PH-2',
    ).expect(201);
    alpha = alphaPatient();
    beta = await includePatient(api);
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-A')).expect(201);
    await asPrescriber(
      api,
      '/v1/prescriptions',
      prescription('RX-B', { patientId: beta, pharmacyId: 'PH-2', quantity: 2 }),
    ).expect(201);
    await asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-A', quantity: 1, scan: scan('S1') }).expect(201);
    await asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-A', quantity: 1, gtin: GTIN, lot: 'L1' }).expect(
      201,
    );
    await asPharmacist(
      api,
      '/v1/dispensations',
      { prescriptionId: 'RX-B', quantity: 1, gtin: GTIN, lot: 'L1' },
      '10000000005',
      'PH-2',
    ).expect(201);
  }, 120_000);
  afterEach(() => api.close());

  /** ANSM recalls lot L1: its answer, and an instant just before it. */
  async function recallL1() {
    const beforeRecall = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const recall = await api
      .post(`${L1}/recall`, 'ansm', 'ANSM', { reason: 'Aflatoxins above limit in retained sample' })
      .expect(201);
    return { recall, beforeRecall };
  }

  const expectedSites = [
    { organisationId: 'EXP-1', received: 10, shipped: 8, dispensed: 0, lost: 0, destroyed: 0, adjusted: 0, onHand: 2 },
    { organisationId: 'PH-1', received: 6, shipped: 0, dispensed: 2, lost: 0, destroyed: 0, adjusted: 0, onHand: 4 },
    { organisationId: 'PH-2', received: 2, shipped: 0, dispensed: 1, lost: 0, destroyed: 0, adjusted: 0, onHand: 1 },
    {
      organisationId: 'SUP-1',
      received: 20,
      shipped: 10,
      dispensed: 0,
      lost: 0,
      destroyed: 0,
      adjusted: 0,
      onHand: 10,
    },
  ];

  it('traces the batch from supplier to patients, from the read models', async () => {
    await api.app.get(Projector).caughtUp();
    const trace = (await api.get(`/v1/trace/batches/${GTIN}/L1`, 'ansm', 'ANSM').expect(200)).body;
    expect(trace.sites).toEqual(expectedSites);
    expect(
      trace.dispensations.map(
        (d: { prescriptionId: string; patientId: string; pharmacyId: string; quantity: number }) => [
          d.prescriptionId,
          d.patientId,
          d.pharmacyId,
          d.quantity,
        ],
      ),
    ).toEqual([
      ['RX-A', alpha, 'PH-1', 1],
      ['RX-A', alpha, 'PH-1', 1],
      ['RX-B', beta, 'PH-2', 1],
    ]);
    expect(trace.patients).toEqual([alpha, beta]);

    const fromEvents = traceBatch(GTIN, 'L1', await api.store.readByBatchKey(`${GTIN}-L1`));
    expect([...fromEvents.sites].sort((a, b) => a.organisationId.localeCompare(b.organisationId))).toEqual(
      expectedSites,
    );
    await api.get(`/v1/trace/batches/${GTIN}/NOSUCH`, 'ansm', 'ANSM').expect(404);
    await api.get(`/v1/trace/batches/${GTIN}/L1`, 'pharmacist', 'PH-1').expect(403);
  });

  it('lists shipments, batches and prescriptions from the read models, each caller its own', async () => {
    await api.app.get(Projector).caughtUp();
    const incoming = (
      await api.http
        .get('/v1/sites/PH-1/shipments?status=received')
        .set('Authorization', `Bearer ${token('pharmacist', 'PH-1', '10000000002')}`)
        .expect(200)
    ).body;
    expect(
      incoming.map((s: { from: string; to: string; status: string; accepted: unknown }) => [
        s.from,
        s.to,
        s.status,
        s.accepted,
      ]),
    ).toEqual([['EXP-1', 'PH-1', 'received', [{ gtin: GTIN, lot: 'L1', quantity: 6 }]]]);
    expect((await api.get('/v1/sites/PH-1/shipments?status=in_transit', 'ansm', 'ANSM').expect(200)).body).toEqual([]);
    const outgoing = (await api.get('/v1/sites/EXP-1/shipments?direction=outgoing', 'ansm', 'ANSM').expect(200)).body;
    expect(outgoing.map((s: { to: string }) => s.to).sort()).toEqual(['PH-1', 'PH-2']);

    expect((await api.get('/v1/batches', 'supplier', 'SUP-1').expect(200)).body).toEqual([
      expect.objectContaining({
        gtin: GTIN,
        lot: 'L1',
        supplierId: 'SUP-1',
        conformant: true,
        released: true,
        recalled: false,
      }),
    ]);
    // Another supplier, registered (tokens are checked against the registry), sees none of SUP-1's batches.
    await api
      .post('/v1/organisations', 'ansm', 'ANSM', { id: 'SUP-2', kind: 'supplier', name: 'S2', country: 'FR' })
      .expect(201);
    expect((await api.get('/v1/batches?supplierId=SUP-1', 'supplier', 'SUP-2').expect(200)).body).toEqual([]);

    const ph1 = (
      await api.http
        .get('/v1/prescriptions')
        .set('Authorization', `Bearer ${token('pharmacist', 'PH-1', '10000000002')}`)
        .expect(200)
    ).body;
    expect(
      ph1.map((p: { prescriptionId: string; dispensedQuantity: number }) => [p.prescriptionId, p.dispensedQuantity]),
    ).toEqual([['RX-A', 2]]);
    const ph2 = (
      await api.http
        .get('/v1/prescriptions?pharmacyId=PH-1')
        .set('Authorization', `Bearer ${token('pharmacist', 'PH-2', '10000000005')}`)
        .expect(200)
    ).body;
    expect(ph2.map((p: { prescriptionId: string }) => p.prescriptionId)).toEqual(['RX-B']);
    const all = (await api.get('/v1/prescriptions', 'ansm', 'ANSM').expect(200)).body;
    expect(all.map((p: { prescriptionId: string }) => p.prescriptionId).sort()).toEqual(['RX-A', 'RX-B']);
    await api.get('/v1/sites/PH-1/shipments?direction=sideways', 'ansm', 'ANSM').expect(400);
  });

  it('answers a recall with the sites still holding packs and the patients to contact', async () => {
    const { recall } = await recallL1();
    expect(recall.body.impact).toEqual({
      sitesHolding: expect.arrayContaining([
        { organisationId: 'SUP-1', onHand: 10 },
        { organisationId: 'EXP-1', onHand: 2 },
        { organisationId: 'PH-1', onHand: 4 },
        { organisationId: 'PH-2', onHand: 1 },
      ]),
      patients: [alpha, beta],
    });
    expect(recall.body.impact.sitesHolding).toHaveLength(4);
  });

  it("replays the batch's history from the event store, as it stood before the recall and now", async () => {
    const { beforeRecall } = await recallL1();
    const before = (
      await api
        .get(`/v1/audit/batches/${GTIN}/L1/history?asOf=${encodeURIComponent(beforeRecall)}`, 'ansm', 'ANSM')
        .expect(200)
    ).body;
    expect(before.state).toMatchObject({ released: true, recalled: false, quantity: 20 });
    expect(before.events.map((e: { type: string }) => e.type)).not.toContain('BatchRecalled');
    const now = (await api.get(`/v1/audit/batches/${GTIN}/L1/history`, 'ansm', 'ANSM').expect(200)).body;
    expect(now.state).toMatchObject({ recalled: true });
    const types = now.events.map((e: { type: string }) => e.type);
    expect(types.slice(0, 3)).toEqual(['BatchRegistered', 'AnalysisRecorded', 'BatchReleased']);
    expect(types).toEqual(
      expect.arrayContaining([
        'StockEntered',
        'ShipmentDispatched',
        'ShipmentReceived',
        'PrescriptionDispensed',
        'BatchRecalled',
      ]),
    );
    // The recall notifies each of the four sites holding packs, in the same append.
    expect(types.slice(-5)).toEqual(['BatchRecalled', ...Array<string>(4).fill('RecallSiteNotified')]);
    expect(now.events[0]).toMatchObject({
      stream: `batch-${GTIN}-L1`,
      revision: 0,
      actor: { role: 'supplier', organisation: 'SUP-1' },
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const beforeRegistration = await api
      .get(`/v1/audit/batches/${GTIN}/L1/history?asOf=2000-01-01T00:00:00Z`, 'ansm', 'ANSM')
      .expect(200);
    expect(beforeRegistration.body).toMatchObject({ events: [], state: null });
    await api.get(`/v1/audit/batches/${GTIN}/L1/history?asOf=yesterday`, 'ansm', 'ANSM').expect(400);
  });

  it('exports the history as an EPCIS 2.0 document that follows the standard', async () => {
    await recallL1();
    const response = await api.get(`/v1/audit/batches/${GTIN}/L1/epcis`, 'ansm', 'ANSM').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/ld\+json/);
    const document = JSON.parse(response.text);
    expect(epcisProblems(document)).toEqual([]);
    const steps = document.epcisBody.eventList.map(
      (e: { bizStep: string; disposition: string }) => `${e.bizStep}/${e.disposition}`,
    );
    expect(steps.slice(0, 3)).toEqual([
      'commissioning/active',
      'inspecting/conformant',
      'inspecting/sellable_accessible',
    ]);
    expect(steps).toEqual(
      expect.arrayContaining([
        'storing/sellable_not_accessible',
        'shipping/in_transit',
        'receiving/sellable_not_accessible',
        'dispensing/dispensed',
        'holding/recalled',
      ]),
    );
    const serialised = document.epcisBody.eventList.find((e: { epcList?: string[] }) => e.epcList);
    expect(serialised.epcList).toEqual([`https://id.gs1.org/01/${GTIN}/21/S1`]);
    expect(JSON.stringify(document)).not.toContain(alpha);
    expect(JSON.stringify(document)).not.toContain(beta);
    expect(
      epcisProblems({
        ...document,
        epcisBody: { eventList: [{ ...document.epcisBody.eventList[0], bizStep: 'teleporting' }] },
      }),
    ).toEqual(['event 0: bizStep teleporting is not in the CBV']);
  });

  it('verifies every hash chain, and names the event altered behind its back', async () => {
    await api.app.get(Projector).caughtUp();
    const untouched = (await api.get('/v1/audit/verify', 'ansm', 'ANSM').expect(200)).body;
    expect(untouched.ok).toBe(true);
    expect(untouched.checkedEvents).toBe((await api.allEvents()).length);
    expect(untouched.broken).toEqual([]);

    const [registered] = await api.store.readStream(`batch-${GTIN}-L1`);
    // As the table's owner would: the table refuses updates until its triggers are switched off.
    await api.app.get<SqlClient>(SQL_CLIENT).transaction(async (tx) => {
      await tx.exec('ALTER TABLE events DISABLE TRIGGER USER');
      await tx.query(`UPDATE events SET data = jsonb_set(data, '{quantity}', '200') WHERE event_id = $1`, [
        registered.id,
      ]);
      await tx.exec('ALTER TABLE events ENABLE TRIGGER USER');
    });
    const tampered = (await api.get('/v1/audit/verify', 'ansm', 'ANSM').expect(200)).body;
    expect(tampered.ok).toBe(false);
    expect(tampered.broken).toEqual([
      { stream: `batch-${GTIN}-L1`, revision: 0, eventId: registered.id, reason: 'hash_mismatch' },
    ]);
  });
});
