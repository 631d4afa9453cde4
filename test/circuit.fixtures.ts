import { encodePackCode } from '#gs1';
import { analysis, batch, flowerProduct, GTIN } from './catalogue.fixtures.js';
import { TEST_DAY, token, type Api } from './harness.js';

/** The day the test apis live on (their clock is pinned: see testClock). */
export const TODAY = TEST_DAY;
/** A pack's DataMatrix content; its expiry is the catalogue batch's (2031-01-31). */
export const scan = (serial: string, lot = 'L1') =>
  encodePackCode({ gtin: GTIN, expiryYymmdd: '310131', lot, serial }, { symbologyPrefix: true });
export const PRESCRIBER = '10000000001';
export const PHARMACIST = '10000000002';

/** The pseudonym cannatrace issued to the patient `seedToPharmacy` included: the default of `prescription`. */
let alpha = '';
export const alphaPatient = () => alpha;

/** Includes a patient and answers the pseudonym cannatrace issued. */
export async function includePatient(api: Api, indication = 'EPILEPSY', rpps = PRESCRIBER): Promise<string> {
  const included = await asPrescriber(api, '/v1/patients', { indication, includedOn: TODAY, consent: true }, rpps);
  if (included.status !== 201) throw new Error(`inclusion refused: ${JSON.stringify(included.body)}`);
  return included.body.patientId as string;
}

/** From the registry to six serialised packs of lot L1 at PH-1, and one included patient (`alphaPatient()`). */
export async function seedToPharmacy(api: Api): Promise<void> {
  const organisations = [
    { id: 'SUP-1', kind: 'supplier', name: 'Supplier', country: 'PT' },
    { id: 'EXP-1', kind: 'exploitant', name: 'Exploitant', country: 'FR' },
    { id: 'PH-1', kind: 'community_pharmacy', name: 'Pharmacie du Centre', country: 'FR' },
    { id: 'PH-2', kind: 'community_pharmacy', name: 'Pharmacie de la Gare', country: 'FR' },
    { id: 'CHU-1', kind: 'reference_centre', name: 'CHU', country: 'FR' },
  ];
  for (const organisation of organisations)
    await api.post('/v1/organisations', 'ansm', 'ANSM', organisation).expect(201);
  const professionals = [
    { rpps: PRESCRIBER, kind: 'prescriber', organisationId: 'CHU-1', trainedOn: '2026-01-05' },
    { rpps: '10000000004', kind: 'prescriber', organisationId: 'CHU-1', trainedOn: null },
    { rpps: PHARMACIST, kind: 'pharmacist', organisationId: 'PH-1', trainedOn: '2026-01-05' },
    { rpps: '10000000005', kind: 'pharmacist', organisationId: 'PH-2', trainedOn: '2026-01-05' },
    { rpps: '10000000006', kind: 'pharmacist', organisationId: 'PH-1', trainedOn: null },
  ];
  for (const professional of professionals)
    await api
      .post('/v1/professionals', 'ansm', 'ANSM', { ...professional, name: `Professional ${professional.rpps}` })
      .expect(201);
  await api.post('/v1/products', 'ansm', 'ANSM', flowerProduct(GTIN, 'SUP-1')).expect(201);
  await api.post('/v1/batches', 'supplier', 'SUP-1', { ...batch('L1'), quantity: 20 }).expect(201);
  await api.post(`/v1/batches/${GTIN}/L1/analyses`, 'supplier', 'SUP-1', analysis()).expect(201);
  await api.post(`/v1/batches/${GTIN}/L1/release`, 'supplier', 'SUP-1', { qualifiedPerson: 'QP' }).expect(201);
  const toExploitant = (
    await api
      .post('/v1/shipments', 'supplier', 'SUP-1', { to: 'EXP-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 10 }] })
      .expect(201)
  ).body.shipmentId;
  await api
    .post(`/v1/shipments/${toExploitant}/receipt`, 'exploitant', 'EXP-1', {
      lines: [{ gtin: GTIN, lot: 'L1', quantity: 10 }],
    })
    .expect(201);
  const toPharmacy = (
    await api
      .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 6 }] })
      .expect(201)
  ).body.shipmentId;
  await asPharmacist(api, `/v1/shipments/${toPharmacy}/receipt`, {
    scans: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'].map((s) => scan(s)),
  }).expect(201);
  alpha = await includePatient(api);
}

export const asPrescriber = (api: Api, path: string, body: unknown, rpps = PRESCRIBER, org = 'CHU-1') =>
  api.http
    .post(path)
    .set('Authorization', `Bearer ${token('prescriber', org, rpps)}`)
    .send(body as object);
export const asPharmacist = (api: Api, path: string, body: unknown, rpps = PHARMACIST, org = 'PH-1') =>
  api.http
    .post(path)
    .set('Authorization', `Bearer ${token('pharmacist', org, rpps)}`)
    .send(body as object);

export const prescription = (number: string, overrides: object = {}) => ({
  securePrescriptionNumber: number,
  patientId: alphaPatient(),
  indication: 'EPILEPSY',
  gtin: GTIN,
  dailyDose: 0.5,
  durationDays: 28,
  quantity: 4,
  pharmacyId: 'PH-1',
  issuedOn: TODAY,
  ...overrides,
});
