import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GTIN } from './catalogue.fixtures.js';
import {
  alphaPatient,
  asPharmacist,
  asPrescriber,
  includePatient,
  PHARMACIST,
  prescription,
  PRESCRIBER,
  scan,
  seedToPharmacy,
  TODAY,
} from './circuit.fixtures.js';
import { Api, BACKENDS, token } from './harness.js';

describe.each(BACKENDS)('prescriptions and dispensations over HTTP (%s)', (backend) => {
  let api: Api;

  const setCap = (indication: string, cap: number) =>
    api.http
      .put(`/v1/indications/${indication}/cap`)
      .set('Authorization', `Bearer ${token('ansm', 'ANSM')}`)
      .send({ cap });
  const issueRx0001 = () => asPrescriber(api, '/v1/prescriptions', prescription('RX-0001')).expect(201);
  /** RX-0001 (4 packs) with 3 dispensed at PH-1: serial S1 by scan, then 2 by gtin and lot. */
  async function dispensedThreeOfRx0001(): Promise<void> {
    await issueRx0001();
    await asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0001', quantity: 1, scan: scan('S1') }).expect(
      201,
    );
    await asPharmacist(api, '/v1/dispensations', {
      prescriptionId: 'RX-0001',
      quantity: 2,
      gtin: GTIN,
      lot: 'L1',
    }).expect(201);
  }

  async function refused(
    send: () => Promise<{ status: number; body: Record<string, unknown> }>,
    status: number,
    rule?: string,
  ) {
    let response!: { status: number; body: Record<string, unknown> };
    expect(await api.eventsWrittenBy(async () => (response = await send()))).toBe(0);
    expect(response.status).toBe(status);
    expect(typeof response.body.detail).toBe('string');
    if (rule) expect(response.body.rule).toBe(rule);
    return response.body;
  }

  describe('each test on a circuit of its own: it counts inclusions, stock or dispensations across the store', () => {
    beforeEach(async () => {
      api = await Api.start(backend);
      await seedToPharmacy(api);
    }, 120_000);
    afterEach(() => api.close());

    it('lists every indication with its cap and inclusions', async () => {
      await includePatient(api, 'PALLIATIVE_CARE');
      await setCap('PALLIATIVE_CARE', 1).expect(200);
      await includePatient(api, 'EPILEPSY'); // the second, after alphaPatient()
      const indications = (await api.get('/v1/indications', 'pharmacist', 'PH-1').expect(200)).body;
      expect(indications).toContainEqual({ indication: 'PALLIATIVE_CARE', cap: 1, included: 1, active: 1, stopped: 0 });
      expect(indications).toContainEqual({ indication: 'EPILEPSY', cap: 500, included: 2, active: 2, stopped: 0 });
      await setCap('HEADACHE', 1).expect(404);
    });

    it('dispenses two fractions, by scan and by gtin and lot, and answers them with the prescription', async () => {
      await issueRx0001();
      const first = await asPharmacist(api, '/v1/dispensations', {
        prescriptionId: 'RX-0001',
        quantity: 1,
        scan: scan('S1'),
      }).expect(201);
      expect(first.body).toMatchObject({
        dispensationId: expect.any(String),
        stream: expect.stringMatching(/^register-PH-1~\d{4}-\d{2}$/),
      });
      await asPharmacist(api, '/v1/dispensations', {
        prescriptionId: 'RX-0001',
        quantity: 2,
        gtin: GTIN,
        lot: 'L1',
      }).expect(201);
      const view = (await api.get('/v1/prescriptions/RX-0001', 'ansm', 'ANSM').expect(200)).body;
      expect(view).toMatchObject({
        prescriptionId: 'RX-0001',
        status: 'issued',
        quantity: 4,
        dispensedQuantity: 3,
        remainingQuantity: 1,
      });
      expect(
        view.dispensations.map((d: { quantity: number; serial: string | null }) => [d.quantity, d.serial]),
      ).toEqual([
        [1, 'S1'],
        [2, null],
      ]);
      expect((await api.get('/v1/sites/PH-1/stock', 'ansm', 'ANSM')).body).toEqual([
        { gtin: GTIN, lot: 'L1', quantity: 3 },
      ]);
      const register = (await api.get('/v1/sites/PH-1/register', 'ansm', 'ANSM')).body as {
        movement: string;
        counterparty: string;
      }[];
      expect(register.filter((e) => e.movement === 'dispensation').map((e) => e.counterparty)).toEqual([
        alphaPatient(),
        alphaPatient(),
      ]);
      await api.http
        .get('/v1/prescriptions/RX-0001')
        .set('Authorization', `Bearer ${token('pharmacist', 'PH-2', '10000000005')}`)
        .expect(403);
      await api.http
        .get('/v1/prescriptions/RX-0001')
        .set('Authorization', `Bearer ${token('prescriber', 'CHU-1', PRESCRIBER)}`)
        .expect(200);
      // The prescriber's RPPS as the subject of another role's token is not the prescriber.
      const impostor = await api.http
        .get('/v1/prescriptions/RX-0001')
        .set('Authorization', `Bearer ${token('exploitant', 'EXP-1', PRESCRIBER)}`);
      expect([impostor.status, impostor.body.rule]).toEqual([403, 'not_prescription_party']);
    });

    it('refuses each dispensation the rules forbid, writing nothing', async () => {
      await dispensedThreeOfRx0001();
      await refused(
        () => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0001', quantity: 2, gtin: GTIN, lot: 'L1' }),
        422,
        'exceeds_prescription',
      );
      await refused(
        () => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0001', quantity: 1, scan: scan('S1') }),
        422,
        'serial_already_dispensed',
      );
      await refused(
        () =>
          asPharmacist(
            api,
            '/v1/dispensations',
            { prescriptionId: 'RX-0001', quantity: 1, scan: scan('S2') },
            '10000000005',
            'PH-2',
          ),
        403,
        'prescription_for_another_pharmacy',
      );
      await refused(
        () =>
          asPharmacist(
            api,
            '/v1/dispensations',
            { prescriptionId: 'RX-0001', quantity: 1, scan: scan('S2') },
            '10000000006',
          ),
        403,
        'pharmacist_not_trained',
      );
      await refused(
        () =>
          asPharmacist(
            api,
            '/v1/dispensations',
            { prescriptionId: 'RX-0001', quantity: 1, scan: scan('S2') },
            PHARMACIST,
            'PH-2',
          ),
        403,
        // A token naming a pharmacy its pharmacist is not registered at is refused at authentication, before the
        // register's own rule (pharmacist_not_of_pharmacy) is reached.
        'professional_organisation_mismatch',
      );
      await refused(
        () => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-NONE', quantity: 1, scan: scan('S2') }),
        404,
        'prescription_unknown',
      );
      const unreadable = await refused(
        () =>
          asPharmacist(api, '/v1/dispensations', {
            prescriptionId: 'RX-0001',
            quantity: 1,
            scan: `]d201${GTIN.slice(0, 13)}9`,
          }),
        400,
        undefined,
      );
      expect(unreadable.type).toBe('urn:cannatrace:problem:unreadable_scan');
      await refused(
        () =>
          asPharmacist(api, '/v1/dispensations', {
            prescriptionId: 'RX-0001',
            quantity: 1,
            scan: scan('S2'),
            gtin: GTIN,
          }),
        400,
      );
      await refused(
        () =>
          api.post('/v1/dispensations', 'prescriber', 'CHU-1', {
            prescriptionId: 'RX-0001',
            quantity: 1,
            scan: scan('S2'),
          }),
        403,
      );
    });

    it('refuses at once to dispense a recalled batch', async () => {
      await asPrescriber(api, '/v1/prescriptions', prescription('RX-0003')).expect(201);
      await api.post(`/v1/batches/${GTIN}/L1/recall`, 'ansm', 'ANSM', { reason: 'defect' }).expect(201);
      await refused(
        () => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0003', quantity: 1, scan: scan('S3') }),
        422,
        'batch_recalled',
      );
    });
  });

  describe('on one circuit the tests share: each its own indication or prescriptions', () => {
    beforeAll(async () => {
      api = await Api.start(backend);
      await seedToPharmacy(api);
    }, 120_000);
    afterAll(() => api.close());

    it('includes patients up to the cap ANSM sets, each with the pseudonym cannatrace issues and an attestation', async () => {
      const include = (body: object = {}) =>
        asPrescriber(api, '/v1/patients', { indication: 'PALLIATIVE_CARE', includedOn: TODAY, consent: true, ...body });
      const included = await include().expect(201);
      expect(included.body).toMatchObject({
        patientId: expect.stringMatching(/^CT-[0-9A-HJKMNP-TV-Z]{17}$/),
        attestationNumber: 'ATT-PAL-000001',
        stream: 'indication-PALLIATIVE_CARE',
      });
      const [event] = await api.store.readStream('indication-PALLIATIVE_CARE');
      expect(event.data).toMatchObject({ patientId: included.body.patientId, attestationNumber: 'ATT-PAL-000001' });
      expect(included.body.patientId).not.toBe(alphaPatient());
      await setCap('PALLIATIVE_CARE', 1).expect(200);
      await refused(() => include(), 422, 'indication_cap_reached');
      await refused(() => include({ indication: 'EPILEPSY', consent: false }), 422, 'consent_required');
      await refused(
        () =>
          asPrescriber(
            api,
            '/v1/patients',
            { indication: 'EPILEPSY', includedOn: TODAY, consent: true },
            '10000000004',
          ),
        403,
        'prescriber_not_trained',
      );
    });

    it('refuses a patient id chosen by the client, whatever it is: cannatrace issues pseudonyms', async () => {
      for (const patientId of [
        '185057800608436',
        '185072A12345678',
        '1-85-07-75-123-456-78',
        '785077512345678',
        'jean_dupont_1985-07-12',
        'PSN-EPI-02',
        alphaPatient(),
      ]) {
        const body = await refused(
          () =>
            asPrescriber(api, '/v1/patients', { patientId, indication: 'EPILEPSY', includedOn: TODAY, consent: true }),
          400,
          'pseudonym_issued_by_cannatrace',
        );
        expect(body.errors).toEqual([
          {
            field: 'patientId',
            message:
              "patientId must be left out: cannatrace issues the patient's pseudonym at inclusion and answers it (patientId in the answer)",
          },
        ]);
      }
    });

    it('issues the same pseudonym to a retry with the same Idempotency-Key, and writes it once', async () => {
      const body = { indication: 'CNS_SPASTICITY', includedOn: TODAY, consent: true };
      const send = () =>
        api.http
          .post('/v1/patients')
          .set('Authorization', `Bearer ${token('prescriber', 'CHU-1', PRESCRIBER)}`)
          .set('Idempotency-Key', 'inclusion-retry-1')
          .send(body);
      const first = await send().expect(201);
      const again = await send().expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.patientId).toBe(first.body.patientId);
      expect((await api.store.readStream('indication-CNS_SPASTICITY')).length).toBe(1);
    });

    it('checks the pseudonym of a prescription: a mistyped one is a 400; an id included before keeps working', async () => {
      const alpha = alphaPatient();
      const last = alpha.at(-1) === '0' ? '1' : '0';
      const mistyped = await refused(
        () => asPrescriber(api, '/v1/prescriptions', prescription('RX-0080', { patientId: alpha.slice(0, -1) + last })),
        400,
        'pseudonym_mistyped',
      );
      expect((mistyped.errors as { field: string }[]).map((e) => e.field)).toEqual(['patientId']);
      await refused(
        () => asPrescriber(api, '/v1/prescriptions', prescription('RX-0081', { patientId: '1-85-07-75-123-456-78' })),
        400,
      );
      // A patient included when clients still chose the id: the event stays, and prescriptions for it still work.
      await api.store.append('indication-EPILEPSY', [
        {
          type: 'PatientIncluded',
          data: {
            indication: 'EPILEPSY',
            patientId: 'PSN-LEGACY-01',
            includedOn: TODAY,
            attestationNumber: 'ATT-EPI-009999',
            prescriberRpps: PRESCRIBER,
            referenceCentreId: 'CHU-1',
          },
          metadata: {
            actor: PRESCRIBER,
            role: 'prescriber',
            organisation: 'CHU-1',
            occurredAt: new Date().toISOString(),
            commandId: 'legacy-inclusion',
            correlationId: 'legacy-inclusion',
          },
        },
      ]);
      await asPrescriber(api, '/v1/prescriptions', prescription('RX-0082', { patientId: 'PSN-LEGACY-01' })).expect(201);
      await refused(
        () => asPrescriber(api, '/v1/prescriptions', prescription('RX-0083', { patientId: 'PSN-LEGACY-02' })),
        422,
        'patient_not_included',
      );
    });

    it('issues a prescription, refusing each broken rule', async () => {
      const issued = await asPrescriber(api, '/v1/prescriptions', prescription('RX-0001')).expect(201);
      expect(issued.body).toMatchObject({ prescriptionId: 'RX-0001', stream: 'prescription-RX-0001', revision: 0 });
      await refused(
        () => asPrescriber(api, '/v1/prescriptions', prescription('RX-0001')),
        409,
        'prescription_number_used',
      );
      await refused(
        () => asPrescriber(api, '/v1/prescriptions', prescription('RX-0090', { durationDays: 29 })),
        422,
        'duration_out_of_range',
      );
      await refused(
        () => asPrescriber(api, '/v1/prescriptions', prescription('RX-0091', { patientId: 'PSN-NOBODY' })),
        422,
        'patient_not_included',
      );
      await refused(
        () => asPrescriber(api, '/v1/prescriptions', prescription('RX-0092', { pharmacyId: 'EXP-1' })),
        422,
        'pharmacy_unknown',
      );
      await refused(
        () => asPrescriber(api, '/v1/prescriptions', prescription('RX-0093'), '10000000004'),
        403,
        'prescriber_not_trained',
      );
      await refused(
        () => asPrescriber(api, '/v1/prescriptions', prescription('RX-0094', { indication: 'MIGRAINE' })),
        400,
      );
      await refused(() => api.post('/v1/prescriptions', 'pharmacist', 'PH-1', prescription('RX-0095')), 403);
    });

    it('refuses a cancelled prescription, cancelled by its prescriber only', async () => {
      await asPrescriber(api, '/v1/prescriptions', prescription('RX-0002')).expect(201);
      await refused(
        () => asPrescriber(api, '/v1/prescriptions/RX-0002/cancel', { reason: 'x' }, '10000000004'),
        403,
        'not_prescription_author',
      );
      await asPrescriber(api, '/v1/prescriptions/RX-0002/cancel', { reason: 'treatment changed' }).expect(201);
      await refused(
        () => asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-0002', quantity: 1, scan: scan('S2') }),
        422,
        'prescription_cancelled',
      );
    });

    it('renews a prescription for the same patient', async () => {
      // Its own prescription to renew: RX-0001 is the subject of another test here.
      await asPrescriber(api, '/v1/prescriptions', prescription('RX-0005')).expect(201);
      await asPrescriber(api, '/v1/prescriptions', prescription('RX-0003', { renewalOf: 'RX-0005' })).expect(201);
      await refused(
        () => asPrescriber(api, '/v1/prescriptions', prescription('RX-0004', { renewalOf: 'RX-NONE' })),
        422,
        'renewed_prescription_unknown',
      );
    });
  });
});

describe('concurrent dispensations on real PostgreSQL', () => {
  let api: Api;
  beforeEach(async () => {
    api = await Api.start('postgres');
    await seedToPharmacy(api);
  }, 120_000);
  afterEach(() => api.close());

  it('of two dispensations that together exceed the prescription, one succeeds', async () => {
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-RACE', { quantity: 3 })).expect(201);
    const responses = await Promise.all(
      [2, 2].map((quantity) =>
        asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-RACE', quantity, gtin: GTIN, lot: 'L1' }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(responses.find((r) => r.status === 422)?.body.rule).toBe('exceeds_prescription');
    expect((await api.get('/v1/prescriptions/RX-RACE', 'ansm', 'ANSM')).body.dispensedQuantity).toBe(2);
  });

  it('of two dispensations of the last packs, one succeeds and stock never goes below zero', async () => {
    // PH-1 holds 4 of its 6 packs: two of them dispensed first.
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-FIRST', { quantity: 2 })).expect(201);
    await asPharmacist(api, '/v1/dispensations', {
      prescriptionId: 'RX-FIRST',
      quantity: 2,
      gtin: GTIN,
      lot: 'L1',
    }).expect(201);
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-LAST-1', { quantity: 4 })).expect(201);
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-LAST-2', { quantity: 4 })).expect(201);
    const responses = await Promise.all(
      ['RX-LAST-1', 'RX-LAST-2'].map((prescriptionId) =>
        asPharmacist(api, '/v1/dispensations', { prescriptionId, quantity: 3, gtin: GTIN, lot: 'L1' }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(responses.find((r) => r.status === 422)?.body.rule).toBe('insufficient_stock');
    expect((await api.get('/v1/sites/PH-1/stock', 'ansm', 'ANSM')).body).toEqual([
      { gtin: GTIN, lot: 'L1', quantity: 1 },
    ]);
  });
});
