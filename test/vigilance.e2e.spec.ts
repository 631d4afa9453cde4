import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Role } from '#auth';
import { analysis, batch, flowerProduct, GTIN } from './catalogue.fixtures.js';
import { TODAY } from './circuit.fixtures.js';
import { Api, BACKENDS, JWT_SECRET, token } from './harness.js';

const PRESCRIBER = '10000000001';
const OTHER_PRESCRIBER = '10000000008';
const PH_LYON = '10000000002';
const PH_PARIS = '10000000005';
const PH_NOREGION = '10000000007';
const NARRATIVE = 'Somnolence marquée deux heures après la prise du soir, chute sans gravité';

const declaration = (patientId: string, overrides: object = {}) => ({
  kind: 'adverse_effect',
  patientId,
  seriousness: 'serious',
  onsetOn: '2026-11-20',
  outcome: 'recovering',
  narrative: NARRATIVE,
  ...overrides,
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(BACKENDS)('vigilance reports and signals (%s)', (backend) => {
  let api: Api;
  const patients: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
  const reports: Record<string, string> = {};
  const as = (role: Role, org: string, sub?: string) => `Bearer ${token(role, org, sub)}`;
  const lyon = as('pharmacist', 'PH-LYON', PH_LYON);
  const paris = as('pharmacist', 'PH-PARIS', PH_PARIS);
  const noRegion = as('pharmacist', 'PH-NOREGION', PH_NOREGION);
  const prescriber = as('prescriber', 'CHU-LYON', PRESCRIBER);
  const otherPrescriber = as('prescriber', 'CHU-LYON', OTHER_PRESCRIBER);
  const ansm = as('ansm', 'ANSM');
  const post = (path: string, authorization: string, body: object = {}) =>
    api.http.post(path).set('Authorization', authorization).send(body);
  const get = (path: string, authorization: string) => api.http.get(path).set('Authorization', authorization);

  beforeAll(async () => {
    api = await Api.start(backend);
    const organisations = [
      { id: 'SUP-1', kind: 'supplier', name: 'Supplier', country: 'PT' },
      { id: 'EXP-1', kind: 'exploitant', name: 'Exploitant', country: 'FR', region: '11' },
      { id: 'PH-LYON', kind: 'community_pharmacy', name: 'Pharmacie de Lyon', country: 'FR', region: '84' },
      { id: 'PH-PARIS', kind: 'community_pharmacy', name: 'Pharmacie de Paris', country: 'FR', region: '11' },
      { id: 'PH-NOREGION', kind: 'community_pharmacy', name: 'Pharmacie ancienne', country: 'FR' },
      { id: 'CHU-LYON', kind: 'reference_centre', name: 'CHU de Lyon', country: 'FR', region: '84' },
    ];
    for (const organisation of organisations) await post('/v1/organisations', ansm, organisation).expect(201);
    const professionals = [
      { rpps: PRESCRIBER, kind: 'prescriber', organisationId: 'CHU-LYON' },
      { rpps: OTHER_PRESCRIBER, kind: 'prescriber', organisationId: 'CHU-LYON' },
      { rpps: PH_LYON, kind: 'pharmacist', organisationId: 'PH-LYON' },
      { rpps: PH_PARIS, kind: 'pharmacist', organisationId: 'PH-PARIS' },
      { rpps: PH_NOREGION, kind: 'pharmacist', organisationId: 'PH-NOREGION' },
    ];
    for (const p of professionals)
      await post('/v1/professionals', ansm, { ...p, name: `Professional ${p.rpps}`, trainedOn: '2026-01-05' }).expect(
        201,
      );
    const supplier = as('supplier', 'SUP-1');
    const exploitant = as('exploitant', 'EXP-1');
    await post('/v1/products', ansm, flowerProduct(GTIN, 'SUP-1')).expect(201);
    for (const lot of ['L1', 'L2']) {
      await post('/v1/batches', supplier, batch(lot)).expect(201);
      await post(`/v1/batches/${GTIN}/${lot}/analyses`, supplier, analysis()).expect(201);
      await post(`/v1/batches/${GTIN}/${lot}/release`, supplier, { qualifiedPerson: 'QP' }).expect(201);
    }
    const lines = [
      { gtin: GTIN, lot: 'L1', quantity: 10 },
      { gtin: GTIN, lot: 'L2', quantity: 10 },
    ];
    const toExploitant = (await post('/v1/shipments', supplier, { to: 'EXP-1', lines }).expect(201)).body.shipmentId;
    await post(`/v1/shipments/${toExploitant}/receipt`, exploitant, { lines }).expect(201);
    const pharmacies: [string, string, object[]][] = [
      [
        'PH-LYON',
        lyon,
        [
          { gtin: GTIN, lot: 'L1', quantity: 3 },
          { gtin: GTIN, lot: 'L2', quantity: 3 },
        ],
      ],
      ['PH-PARIS', paris, [{ gtin: GTIN, lot: 'L1', quantity: 2 }]],
      ['PH-NOREGION', noRegion, [{ gtin: GTIN, lot: 'L1', quantity: 2 }]],
    ];
    for (const [to, pharmacist, shipped] of pharmacies) {
      const id = (await post('/v1/shipments', exploitant, { to, lines: shipped }).expect(201)).body.shipmentId;
      await post(`/v1/shipments/${id}/receipt`, pharmacist, { lines: shipped }).expect(201);
    }
    const dispensed: ['A' | 'B' | 'C' | 'D', string, string, string[]][] = [
      ['A', 'PH-LYON', lyon, ['L1', 'L2']],
      ['B', 'PH-LYON', lyon, ['L1']],
      ['C', 'PH-PARIS', paris, ['L1']],
      ['D', 'PH-NOREGION', noRegion, ['L1']],
    ];
    for (const [name, pharmacyId, pharmacist, lots] of dispensed) {
      const included = await post('/v1/patients', prescriber, {
        indication: 'EPILEPSY',
        includedOn: TODAY,
        consent: true,
      }).expect(201);
      patients[name] = included.body.patientId as string;
      await post('/v1/prescriptions', prescriber, {
        securePrescriptionNumber: `RX-${name}`,
        patientId: patients[name],
        indication: 'EPILEPSY',
        gtin: GTIN,
        dailyDose: 0.5,
        durationDays: 28,
        quantity: 4,
        pharmacyId,
        issuedOn: TODAY,
      }).expect(201);
      for (const lot of lots)
        await post('/v1/dispensations', pharmacist, {
          prescriptionId: `RX-${name}`,
          quantity: 1,
          gtin: GTIN,
          lot,
        }).expect(201);
    }
    // Reports attach the batches from the dispensations' read model: wait until it has them all.
    await until(
      () => get(`/v1/trace/batches/${GTIN}/L1`, ansm),
      (r) => r.body.dispensations?.length === 4,
      'the dispensations read model',
    );
    await until(
      () => get(`/v1/prescriptions?prescriberRpps=${PRESCRIBER}`, prescriber),
      (r) => r.body.length === 4,
      'the prescriptions read model',
    );
  }, 300_000);
  afterAll(() => api?.close());

  it('files an adverse effect with the batches the patient received, routed to the CRPV of the region', async () => {
    const filed = await post('/v1/vigilance/reports', lyon, declaration(patients.A)).expect(201);
    expect(filed.body).toMatchObject({ stream: `vigilance-report-${filed.body.reportId}`, revision: 0, signals: [] });
    reports.A = filed.body.reportId;
    const report = (await get(`/v1/vigilance/reports/${reports.A}`, lyon).expect(200)).body;
    expect(report).toMatchObject({
      reportId: reports.A,
      patientId: patients.A,
      region: '84',
      centre: { kind: 'CRPV', id: 'CRPV-LYON', name: 'CRPV de Lyon' },
      batches: [
        { gtin: GTIN, lot: 'L1' },
        { gtin: GTIN, lot: 'L2' },
      ],
      products: [GTIN],
      reporter: { role: 'pharmacist', rpps: PH_LYON, organisationId: 'PH-LYON' },
      narrative: NARRATIVE,
      filedOn: TODAY,
      corrections: [],
      followUps: [],
    });
  });

  it('routes abuse or dependence to the CEIP-A of the reporter’s region', async () => {
    const filed = await post(
      '/v1/vigilance/reports',
      paris,
      declaration(patients.C, { kind: 'abuse_dependence' }),
    ).expect(201);
    reports.C = filed.body.reportId;
    // Two serious reports on L1: under the threshold of 3, no signal.
    expect(filed.body.signals).toEqual([]);
    const report = (await get(`/v1/vigilance/reports/${reports.C}`, paris).expect(200)).body;
    expect(report).toMatchObject({
      region: '11',
      centre: { kind: 'CEIP-A', id: 'CEIPA-PARIS' },
      batches: [{ gtin: GTIN, lot: 'L1' }],
    });
  });

  it('refuses a reporter whose organisation has no region, and a patient the reporter does not care for; writes nothing', async () => {
    const written = await api.eventsWrittenBy(async () => {
      const noRoute = await post('/v1/vigilance/reports', noRegion, declaration(patients.D)).expect(422);
      expect(noRoute.body).toMatchObject({ rule: 'organisation_without_region' });
      expect(noRoute.headers['content-type']).toContain('application/problem+json');
      const notTheirs = await post('/v1/vigilance/reports', lyon, declaration(patients.C)).expect(404);
      expect(notTheirs.body).toMatchObject({ rule: 'patient_not_in_care' });
      await post('/v1/vigilance/reports', otherPrescriber, declaration(patients.A)).expect(404);
      await post('/v1/vigilance/reports', as('supplier', 'SUP-1'), declaration(patients.A)).expect(403);
    });
    expect(written).toBe(0);
  });

  it('raises one signal per subject when a serious report crosses the threshold', async () => {
    await api.http
      .put('/v1/vigilance/thresholds')
      .set('Authorization', ansm)
      .send({ reports: 3, days: 30 })
      .expect(200);
    expect((await get('/v1/vigilance/thresholds', ansm).expect(200)).body).toEqual({ reports: 3, days: 30 });
    const filed = await post('/v1/vigilance/reports', prescriber, declaration(patients.B)).expect(201);
    reports.B = filed.body.reportId;
    // L1 and the product each have 3 serious reports now; L2 only A's.
    expect(filed.body.signals).toHaveLength(2);
    const signals = await until(
      () => get('/v1/vigilance/signals', ansm),
      (r) => r.body.length === 2,
      'the signals read model',
    );
    const byKind = Object.fromEntries(signals.body.map((s: { subject: { kind: string } }) => [s.subject.kind, s]));
    expect(byKind.batch).toMatchObject({
      subject: { kind: 'batch', gtin: GTIN, lot: 'L1' },
      reportIds: [reports.A, reports.C, reports.B],
      threshold: { reports: 3, days: 30 },
    });
    expect(byKind.product).toMatchObject({ subject: { kind: 'product', gtin: GTIN } });
    // A correction of a report in the crossing finds the same signals: raised once.
    const corrected = await post(`/v1/vigilance/reports/${reports.A}/corrections`, lyon, {
      outcome: 'recovered',
      reason: 'recovered since',
    }).expect(201);
    expect([...corrected.body.signals].sort()).toEqual([...filed.body.signals].sort());
    const raised = (await api.allEvents()).filter((e) => e.type === 'VigilanceSignalRaised');
    expect(raised).toHaveLength(2);
  });

  it('shows a signal with its reports and the batch’s trace, and holds the batch once', async () => {
    const signals = (await get('/v1/vigilance/signals', ansm).expect(200)).body as {
      signalId: string;
      subject: { kind: string };
    }[];
    const batchSignal = signals.find((s) => s.subject.kind === 'batch')!.signalId;
    const productSignal = signals.find((s) => s.subject.kind === 'product')!.signalId;
    const signal = (await get(`/v1/vigilance/signals/${batchSignal}`, ansm).expect(200)).body;
    expect(signal.reports.map((r: { reportId: string }) => r.reportId)).toEqual([reports.A, reports.C, reports.B]);
    expect(signal.traces).toHaveLength(1);
    expect(signal.traces[0]).toMatchObject({ gtin: GTIN, lot: 'L1' });
    expect(signal.traces[0].dispensations).toHaveLength(4);
    await get(`/v1/vigilance/signals/${batchSignal}`, lyon).expect(403);

    const held = await post(`/v1/vigilance/signals/${batchSignal}/hold`, ansm).expect(201);
    expect(held.body).toMatchObject({ signalId: batchSignal, batches: [{ gtin: GTIN, lot: 'L1', held: true }] });
    expect((await get(`/v1/batches/${GTIN}/L1`, ansm).expect(200)).body.onHold).toBe(true);
    const hold = (await api.store.readStream(`batch-${GTIN}-L1`)).find((e) => e.type === 'BatchPutOnHold');
    expect(hold?.data).toEqual({ reason: `vigilance signal ${batchSignal}` });
    // A second click writes nothing and answers the same hold.
    const again = await api.eventsWrittenBy(async () => {
      const second = await post(`/v1/vigilance/signals/${batchSignal}/hold`, ansm).expect(201);
      expect(second.body).toEqual(held.body);
    });
    expect(again).toBe(0);
    // The product's signal holds every released batch: L2 now, L1 already on hold.
    const product = await post(`/v1/vigilance/signals/${productSignal}/hold`, ansm).expect(201);
    expect(product.body.batches).toEqual([
      { gtin: GTIN, lot: 'L1', held: false, rule: 'batch_on_hold' },
      expect.objectContaining({ gtin: GTIN, lot: 'L2', held: true }),
    ]);
    await post('/v1/vigilance/signals/no-such-signal/hold', ansm).expect(404);
  });

  it('corrects and follows up only the reporter’s own report, as new events', async () => {
    await post(`/v1/vigilance/reports/${reports.A}/follow-ups`, paris, { narrative: 'n' }).expect(404);
    await post(`/v1/vigilance/reports/${reports.A}/corrections`, lyon, { outcome: 'recovered', reason: 'same' })
      .expect(422)
      .expect((r) => expect(r.body.rule).toBe('correction_changes_nothing'));
    await post(`/v1/vigilance/reports/${reports.A}/follow-ups`, lyon, {
      outcome: 'recovered',
      narrative: 'Résolution complète',
    }).expect(201);
    await post(`/v1/vigilance/reports/${reports.C}/corrections`, paris, {
      kind: 'adverse_effect',
      reason: 'wrong form',
    }).expect(201);
    const c = (await get(`/v1/vigilance/reports/${reports.C}`, paris).expect(200)).body;
    expect(c).toMatchObject({ kind: 'adverse_effect', centre: { kind: 'CRPV', id: 'CRPV-PARIS' } });
    const a = (await get(`/v1/vigilance/reports/${reports.A}`, ansm).expect(200)).body;
    expect(a.corrections).toHaveLength(1);
    expect(a.followUps).toEqual([{ outcome: 'recovered', narrative: 'Résolution complète', addedOn: TODAY }]);
    const types = (await api.store.readStream(`vigilance-report-${reports.A}`)).map((e) => e.type);
    expect(types).toEqual(['VigilanceReportFiled', 'VigilanceReportCorrected', 'VigilanceFollowUpAdded']);
  });

  it('lets a pharmacist read the reports it filed, a prescriber its patients’, ANSM all; no one else', async () => {
    const ids = (body: { reportId: string }[]) => body.map((r) => r.reportId).sort();
    const list = (authorization: string) => get('/v1/vigilance/reports', authorization).expect(200);
    // The list is a read model: once ANSM's shows the three reports, every caller's does.
    await until(
      () => list(ansm),
      (r) => r.body.length === 3,
      'the reports read model',
    );
    expect(ids((await list(ansm)).body)).toEqual([reports.A, reports.B, reports.C].sort());
    expect(ids((await list(lyon)).body)).toEqual([reports.A]);
    expect(ids((await list(paris)).body)).toEqual([reports.C]);
    expect(ids((await list(prescriber)).body)).toEqual([reports.A, reports.B, reports.C].sort());
    expect((await list(otherPrescriber)).body).toEqual([]);
    const listed = (await list(lyon)).body[0];
    expect(listed).not.toHaveProperty('narrative');
    expect(listed).toMatchObject({ centre: { id: 'CRPV-LYON' }, reporter: { rpps: PH_LYON } });

    await get(`/v1/vigilance/reports/${reports.A}`, prescriber).expect(200);
    await get(`/v1/vigilance/reports/${reports.A}`, paris)
      .expect(404)
      .expect((r) => expect(r.body.rule).toBe('vigilance_report_unknown'));
    await get(`/v1/vigilance/reports/${reports.A}`, otherPrescriber).expect(404);
    await get(`/v1/vigilance/reports/${reports.A}`, as('supplier', 'SUP-1')).expect(403);
    await get('/v1/vigilance/reports', as('exploitant', 'EXP-1')).expect(403);
    await get('/v1/vigilance/signals', lyon).expect(403);
  });

  it('files once under one Idempotency-Key: the retry answers the same report and writes nothing', async () => {
    const file = () =>
      post('/v1/vigilance/reports', lyon, declaration(patients.A, { seriousness: 'non_serious' })).set(
        'Idempotency-Key',
        'vigilance-retry-1',
      );
    const first = await file().expect(201);
    const written = await api.eventsWrittenBy(async () => {
      const retry = await file().expect(201);
      expect(retry.body).toEqual(first.body);
    });
    expect(written).toBe(0);
    expect(await api.store.readStream(`vigilance-report-${first.body.reportId}`)).toHaveLength(1);
  });
});

describe('vigilance free text stays out of the logs', () => {
  it('logs no narrative, neither of a report the rules refuse nor of one validation refuses', async () => {
    const { createApp } = await import('../apps/api/src/create-app.js');
    const lines: string[] = [];
    // No `logger: false`: Nest's own messages (errors the problem filter logs) go to the same lines.
    const app = await createApp(
      {
        port: 0,
        host: '127.0.0.1',
        dataDir: '/nonexistent',
        database: { kind: 'pglite' },
        eventStore: { kind: 'database' },
        jwt: { secret: JWT_SECRET },
        rateLimitPerMinute: 1000,
        corsOrigins: [],
        runProjections: true,
      },
      { requestLog: { write: (line: string) => void lines.push(line) } },
    );
    await app.init();
    try {
      const http = () => request(app.getHttpServer());
      const ansm = `Bearer ${token('ansm', 'ANSM')}`;
      await http()
        .post('/v1/organisations')
        .set('Authorization', ansm)
        .send({ id: 'PH-1', kind: 'community_pharmacy', name: 'Pharmacie', country: 'FR', region: '84' })
        .expect(201);
      await http()
        .post('/v1/professionals')
        .set('Authorization', ansm)
        .send({ rpps: PH_LYON, kind: 'pharmacist', name: 'P', organisationId: 'PH-1', trainedOn: '2026-01-05' })
        .expect(201);
      const pharmacist = `Bearer ${token('pharmacist', 'PH-1', PH_LYON)}`;
      const secret = 'NARRATIVE-SECRET-4242 douleurs thoraciques';
      await http()
        .post('/v1/vigilance/reports')
        .set('Authorization', pharmacist)
        .send(declaration('CT-7AFG3H3YAQ90HCBC1', { narrative: secret }))
        .expect(404);
      await http()
        .post('/v1/vigilance/reports')
        .set('Authorization', pharmacist)
        .send(declaration('CT-7AFG3H3YAQ90HCBC1', { narrative: secret, kind: 'other' }))
        .expect(400);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(lines.some((line) => line.includes('/v1/vigilance/reports'))).toBe(true);
      expect(lines.join('\n')).not.toContain('NARRATIVE-SECRET-4242');
    } finally {
      await app.close();
    }
  }, 120_000);
});
