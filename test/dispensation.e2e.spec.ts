import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parisDate } from '../libs/domain/src/index.js';
import { encodePackCode } from '../libs/gs1/src/index.js';
import { analysis, batch, flowerProduct, GTIN } from './catalogue.fixtures.js';
import { Api, BACKENDS, token } from './harness.js';

const TODAY = parisDate(new Date());
const scan = (serial: string, lot = 'L1') => encodePackCode({ gtin: GTIN, expiryYymmdd: '990131', lot, serial }, { symbologyPrefix: true });
const PRESCRIBER = '10000000001';
const PHARMACIST = '10000000002';

/** From the registry to six serialised packs of lot L1 at PH-1, and one included patient. */
async function seedToPharmacy(api: Api): Promise<void> {
  const organisations = [
    { id: 'SUP-1', kind: 'supplier', name: 'Supplier', country: 'PT' },
    { id: 'EXP-1', kind: 'exploitant', name: 'Exploitant', country: 'FR' },
    { id: 'PH-1', kind: 'community_pharmacy', name: 'Pharmacie du Centre', country: 'FR' },
    { id: 'PH-2', kind: 'community_pharmacy', name: 'Pharmacie de la Gare', country: 'FR' },
    { id: 'CHU-1', kind: 'reference_centre', name: 'CHU', country: 'FR' },
  ];
  for (const organisation of organisations) await api.post('/v1/organisations', 'ansm', 'ANSM', organisation).expect(201);
  const professionals = [
    { rpps: PRESCRIBER, kind: 'prescriber', organisationId: 'CHU-1', trainedOn: '2026-01-05' },
    { rpps: '10000000004', kind: 'prescriber', organisationId: 'CHU-1', trainedOn: null },
    { rpps: PHARMACIST, kind: 'pharmacist', organisationId: 'PH-1', trainedOn: '2026-01-05' },
    { rpps: '10000000005', kind: 'pharmacist', organisationId: 'PH-2', trainedOn: '2026-01-05' },
    { rpps: '10000000006', kind: 'pharmacist', organisationId: 'PH-1', trainedOn: null },
  ];
  for (const professional of professionals) await api.post('/v1/professionals', 'ansm', 'ANSM', { ...professional, name: `Professional ${professional.rpps}` }).expect(201);
  await api.post('/v1/products', 'ansm', 'ANSM', flowerProduct(GTIN, 'SUP-1')).expect(201);
  await api.post('/v1/batches', 'supplier', 'SUP-1', { ...batch('L1'), quantity: 20 }).expect(201);
  await api.post(`/v1/batches/${GTIN}/L1/analyses`, 'supplier', 'SUP-1', analysis()).expect(201);
  await api.post(`/v1/batches/${GTIN}/L1/release`, 'supplier', 'SUP-1', { qualifiedPerson: 'QP' }).expect(201);
  const toExploitant = (await api.post('/v1/shipments', 'supplier', 'SUP-1', { to: 'EXP-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 10 }] }).expect(201)).body.shipmentId;
  await api.post(`/v1/shipments/${toExploitant}/receipt`, 'exploitant', 'EXP-1', { lines: [{ gtin: GTIN, lot: 'L1', quantity: 10 }] }).expect(201);
  const toPharmacy = (await api.post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 6 }] }).expect(201)).body.shipmentId;
  await asPharmacist(api, `/v1/shipments/${toPharmacy}/receipt`, { scans: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'].map((s) => scan(s)) }).expect(201);
  await asPrescriber(api, '/v1/patients', { patientId: 'PSN-ALPHA-01', indication: 'EPILEPSY', includedOn: TODAY, consent: true }).expect(201);
}

const asPrescriber = (api: Api, path: string, body: unknown, rpps = PRESCRIBER, org = 'CHU-1') =>
  api.http.post(path).set('Authorization', `Bearer ${token('prescriber', org, rpps)}`).send(body as object);
const asPharmacist = (api: Api, path: string, body: unknown, rpps = PHARMACIST, org = 'PH-1') =>
  api.http.post(path).set('Authorization', `Bearer ${token('pharmacist', org, rpps)}`).send(body as object);

const prescription = (number: string, overrides: object = {}) => ({
  securePrescriptionNumber: number,
  patientId: 'PSN-ALPHA-01',
  indication: 'EPILEPSY',
  gtin: GTIN,
  dailyDose: 0.5,
  durationDays: 28,
  quantity: 4,
  pharmacyId: 'PH-1',
  issuedOn: TODAY,
  ...overrides,
});

describe.each(BACKENDS)('prescriptions and dispensations over HTTP (%s)', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start(backend);
    await seedToPharmacy(api);
  });
  afterAll(() => api.close());

  async function refused(send: () => Promise<{ status: number; body: Record<string, unknown> }>, status: number, rule?: string) {
    let response!: { status: number; body: Record<string, unknown> };
    expect(await api.eventsWrittenBy(async () => (response = await send()))).toBe(0);
    expect(response.status).toBe(status);
    expect(typeof response.body.detail).toBe('string');
    if (rule) expect(response.body.rule).toBe(rule);
    return response.body;
  }

  it('includes patients up to the cap ANSM sets, each with an attestation', async () => {
    const included = await asPrescriber(api, '/v1/patients', { patientId: 'PSN-PALL-01', indication: 'PALLIATIVE_CARE', includedOn: TODAY, consent: true }).expect(201);
    expect(included.body).toMatchObject({ patientId: 'PSN-PALL-01', attestationNumber: 'ATT-PAL-000001', stream: 'indication-PALLIATIVE_CARE' });
    await api.http.put('/v1/indications/PALLIATIVE_CARE/cap').set('Authorization', `Bearer ${token('ansm', 'ANSM')}`).send({ cap: 1 }).expect(200);
    await refused(() => asPrescriber(api, '/v1/patients', { patientId: 'PSN-PALL-02', indication: 'PALLIATIVE_CARE', includedOn: TODAY, consent: true }), 422, 'indication_cap_reached');
    await refused(() => asPrescriber(api, '/v1/patients', { patientId: 'PSN-EPI-02', indication: 'EPILEPSY', includedOn: TODAY, consent: false }), 422, 'consent_required');
    await refused(() => asPrescriber(api, '/v1/patients', { patientId: '185057800608436', indication: 'EPILEPSY', includedOn: TODAY, consent: true }), 400);
    await refused(() => asPrescriber(api, '/v1/patients', { patientId: 'PSN-EPI-03', indication: 'EPILEPSY', includedOn: TODAY, consent: true }, '10000000004'), 403, 'prescriber_not_trained');
    const indications = (await api.get('/v1/indications', 'pharmacist', 'PH-1').expect(200)).body;
    expect(indications).toContainEqual({ indication: 'PALLIATIVE_CARE', cap: 1, included: 1 });
    expect(indications).toContainEqual({ indication: 'EPILEPSY', cap: 500, included: 1 });
    await api.http.put('/v1/indications/HEADACHE/cap').set('Authorization', `Bearer ${token('ansm', 'ANSM')}`).send({ cap: 1 }).expect(404);
  });

  it('issues a prescription, refusing each broken rule', async () => {
    const issued = await asPrescriber(api, '/v1/prescriptions', prescription('RX-0001')).expect(201);
    expect(issued.body).toMatchObject({ prescriptionId: 'RX-0001', stream: 'prescription-RX-0001', revision: 0 });
    await refused(() => asPrescriber(api, '/v1/prescriptions', prescription('RX-0001')), 409, 'prescription_number_used');
    await refused(() => asPrescriber(api, '/v1/prescriptions', prescription('RX-0090', { durationDays: 29 })), 422, 'duration_out_of_range');
    await refused(() => asPrescriber(api, '/v1/prescriptions', prescription('RX-0091', { patientId: 'PSN-NOBODY' })), 422, 'patient_not_included');
    await refused(() => asPrescriber(api, '/v1/prescriptions', prescription('RX-0092', { pharmacyId: 'EXP-1' })), 422, 'pharmacy_unknown');
    await refused(() => asPrescriber(api, '/v1/prescriptions', prescription('RX-0093'), '10000000004'), 403, 'prescriber_not_trained');
    await refused(() => asPrescriber(api, '/v1/prescriptions', prescription('RX-0094', { indication: 'MIGRAINE' })), 400);
    await refused(() => api.post('/v1/prescriptions', 'pharmacist', 'PH-1', prescription('RX-0095')), 403);
  });

  it('dispenses two fractions, by scan and by gtin and lot, and answers them with the prescription', async () => {
    const first = await asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0001', quantity: 1, scan: scan('S1') }).expect(201);
    expect(first.body).toMatchObject({ dispensationId: expect.any(String), stream: 'register-PH-1' });
    await asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0001', quantity: 2, gtin: GTIN, lot: 'L1' }).expect(201);
    const view = (await api.get('/v1/prescriptions/RX-0001', 'ansm', 'ANSM').expect(200)).body;
    expect(view).toMatchObject({ prescriptionId: 'RX-0001', status: 'issued', quantity: 4, dispensedQuantity: 3, remainingQuantity: 1 });
    expect(view.dispensations.map((d: { quantity: number; serial: string | null }) => [d.quantity, d.serial])).toEqual([
      [1, 'S1'],
      [2, null],
    ]);
    expect((await api.get('/v1/sites/PH-1/stock', 'ansm', 'ANSM')).body).toEqual([{ gtin: GTIN, lot: 'L1', quantity: 3 }]);
    const register = (await api.get('/v1/sites/PH-1/register', 'ansm', 'ANSM')).body as { movement: string; counterparty: string }[];
    expect(register.filter((e) => e.movement === 'dispensation').map((e) => e.counterparty)).toEqual(['PSN-ALPHA-01', 'PSN-ALPHA-01']);
    await api.http.get('/v1/prescriptions/RX-0001').set('Authorization', `Bearer ${token('pharmacist', 'PH-2', '10000000005')}`).expect(403);
    await api.http.get('/v1/prescriptions/RX-0001').set('Authorization', `Bearer ${token('prescriber', 'CHU-1', PRESCRIBER)}`).expect(200);
  });

  it('refuses each dispensation the rules forbid, writing nothing', async () => {
    await refused(() => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0001', quantity: 2, gtin: GTIN, lot: 'L1' }), 422, 'exceeds_prescription');
    await refused(() => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0001', quantity: 1, scan: scan('S1') }), 422, 'serial_already_dispensed');
    await refused(() => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0001', quantity: 1, scan: scan('S2') }, '10000000005', 'PH-2'), 403, 'prescription_for_another_pharmacy');
    await refused(() => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0001', quantity: 1, scan: scan('S2') }, '10000000006'), 403, 'pharmacist_not_trained');
    await refused(() => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0001', quantity: 1, scan: scan('S2') }, PHARMACIST, 'PH-2'), 403, 'pharmacist_not_of_pharmacy');
    await refused(() => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-NONE', quantity: 1, scan: scan('S2') }), 404, 'prescription_unknown');
    const unreadable = await refused(() => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0001', quantity: 1, scan: `]d201${GTIN.slice(0, 13)}9` }), 400, undefined);
    expect(unreadable.type).toBe('urn:cannatrace:problem:unreadable_scan');
    await refused(() => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0001', quantity: 1, scan: scan('S2'), gtin: GTIN }), 400);
    await refused(() => api.post('/v1/dispensations', 'prescriber', 'CHU-1', { prescriptionId: 'RX-0001', quantity: 1, scan: scan('S2') }), 403);
  });

  it('refuses a cancelled prescription, cancelled by its prescriber only', async () => {
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-0002')).expect(201);
    await refused(() => asPrescriber(api, '/v1/prescriptions/RX-0002/cancel', { reason: 'x' }, '10000000004'), 403, 'not_prescription_author');
    await asPrescriber(api, '/v1/prescriptions/RX-0002/cancel', { reason: 'treatment changed' }).expect(201);
    await refused(() => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0002', quantity: 1, scan: scan('S2') }), 422, 'prescription_cancelled');
  });

  it('renews a prescription for the same patient', async () => {
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-0003', { renewalOf: 'RX-0001' })).expect(201);
    await refused(() => asPrescriber(api, '/v1/prescriptions', prescription('RX-0004', { renewalOf: 'RX-NONE' })), 422, 'renewed_prescription_unknown');
  });

  it('refuses at once to dispense a recalled batch', async () => {
    await api.post(`/v1/batches/${GTIN}/L1/recall`, 'ansm', 'ANSM', { reason: 'defect' }).expect(201);
    await refused(() => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0003', quantity: 1, scan: scan('S3') }), 422, 'batch_recalled');
  });
});

describe('concurrent dispensations on real PostgreSQL', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('postgres');
    await seedToPharmacy(api);
  });
  afterAll(() => api.close());

  it('of two dispensations that together exceed the prescription, one succeeds', async () => {
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-RACE', { quantity: 3 })).expect(201);
    const responses = await Promise.all([2, 2].map((quantity) => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-RACE', quantity, gtin: GTIN, lot: 'L1' })));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(responses.find((r) => r.status === 422)?.body.rule).toBe('exceeds_prescription');
    expect((await api.get('/v1/prescriptions/RX-RACE', 'ansm', 'ANSM')).body.dispensedQuantity).toBe(2);
  });

  it('of two dispensations of the last packs, one succeeds and stock never goes below zero', async () => {
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-LAST-1', { quantity: 4 })).expect(201);
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-LAST-2', { quantity: 4 })).expect(201);
    const responses = await Promise.all(
      ['RX-LAST-1', 'RX-LAST-2'].map((prescriptionId) => asPharmacist(api, '/v1/dispensations', { prescriptionId, quantity: 3, gtin: GTIN, lot: 'L1' })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(responses.find((r) => r.status === 422)?.body.rule).toBe('insufficient_stock');
    expect((await api.get('/v1/sites/PH-1/stock', 'ansm', 'ANSM')).body).toEqual([{ gtin: GTIN, lot: 'L1', quantity: 1 }]);
  });
});
