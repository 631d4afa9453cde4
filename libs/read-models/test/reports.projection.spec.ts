import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { registerBookStream } from '#domain';
import { eventStoreOn, type EventStore, type JsonObject } from '#event-store';
import { openSqlClient, type SqlClient, type SqlClientConfig } from '#sql';
import { DATABASE_URL, scratchSchema } from '../../event-store/test/scratch-schema.js';
import {
  annualSummary,
  dispensationsPerMonth,
  openReadModels,
  patientsPerIndication,
  Projector,
  readModelsOptions,
  readReport,
  reportedProduct,
  reportsProjection,
  vigilanceRates,
} from '#read-models';

const OIL = '03400930000014';
const FLOWER = '03400930000021';
const PERIOD = { from: '2026-01', to: '2026-03' };

/**
 * A synthetic history: the registry and catalogue, inclusions, a cap, a stop, prescriptions and dispensations,
 * consultations and vigilance reports (the follow-up and vigilance events as the issue-18 contract writes them).
 */
async function seed(store: EventStore): Promise<string> {
  let last = '';
  const append = async (stream: string, type: string, data: JsonObject, occurredAt = '2026-01-01T09:00:00.000Z') => {
    const metadata = {
      actor: 'u',
      role: 'ansm',
      organisation: 'ANSM',
      occurredAt,
      commandId: randomUUID(),
      correlationId: randomUUID(),
    };
    last = (await store.append(stream, [{ type, data, metadata }])).position;
  };
  const organisation = (id: string, kind: string, region?: string) =>
    append(`organisation-${id}`, 'OrganisationRegistered', {
      id,
      kind,
      name: id,
      country: 'FR',
      ...(region ? { region } : {}),
    });
  await organisation('EXP-1', 'exploitant', '84');
  await organisation('PH-1', 'community_pharmacy', '11');
  await organisation('PH-2', 'community_pharmacy');
  for (const [gtin, name] of [
    [OIL, 'Huile, 10 mg/ml'],
    [FLOWER, 'Fleurs "T20"'],
  ])
    await append(`product-${gtin}`, 'ProductAuthorised', { gtin, name, exploitantId: 'EXP-1', supplierId: 'SUP-1' });
  const include = (indication: string, patientId: string, includedOn: string) =>
    append(`indication-${indication}`, 'PatientIncluded', {
      indication,
      patientId,
      includedOn,
      attestationNumber: 'ATT',
      prescriberRpps: '10000000001',
      referenceCentreId: 'CHU-1',
    });
  await include('EPILEPSY', 'P1', '2026-01-15');
  await include('EPILEPSY', 'P2', '2026-02-03');
  // Set on the evening of 9 February in UTC: already the 10th in France.
  await append(
    'indication-EPILEPSY',
    'InclusionCapSet',
    { indication: 'EPILEPSY', cap: 2 },
    '2026-02-09T23:30:00.000Z',
  );
  await include('NEUROPATHIC_PAIN', 'P3', '2026-02-20');
  const prescribe = (id: string, patientId: string, indication: string, gtin: string) =>
    append(`prescription-${id}`, 'PrescriptionIssued', { securePrescriptionNumber: id, patientId, indication, gtin });
  await prescribe('RX-1', 'P1', 'EPILEPSY', OIL);
  await prescribe('RX-2', 'P2', 'EPILEPSY', OIL);
  await prescribe('RX-3', 'P3', 'NEUROPATHIC_PAIN', FLOWER);
  await prescribe('RX-4', 'P3', 'NEUROPATHIC_PAIN', OIL);
  const dispense = (
    id: string,
    site: string,
    rx: string,
    patientId: string,
    gtin: string,
    lot: string,
    quantity: number,
    on: string,
  ) =>
    append(registerBookStream(site, on.slice(0, 7)), 'PrescriptionDispensed', {
      dispensationId: id,
      prescriptionId: rx,
      patientId,
      gtin,
      lot,
      quantity,
      serial: null,
      dispensedOn: on,
    });
  await dispense('D1', 'PH-1', 'RX-1', 'P1', OIL, 'L1', 2, '2026-01-20');
  await dispense('D2', 'PH-2', 'RX-2', 'P2', OIL, 'L1', 1, '2026-02-05');
  await dispense('D3', 'PH-2', 'RX-2', 'P2', OIL, 'L2', 1, '2026-02-25');
  await dispense('D4', 'PH-1', 'RX-3', 'P3', FLOWER, 'L9', 1, '2026-02-21');
  await dispense('D5', 'PH-1', 'RX-4', 'P3', OIL, 'L1', 1, '2026-03-10');
  await dispense('D0', 'PH-1', 'RX-1', 'P1', OIL, 'L1', 1, '2025-12-30');
  const consult = (id: string, patientId: string, on: string, kind: string, decision: string) =>
    append(`follow-up-${patientId}`, 'ConsultationRecorded', {
      consultationId: id,
      patientId,
      indication: 'EPILEPSY',
      consultedOn: on,
      kind,
      symptomEffect: 6,
      adverseEffects: [],
      decision,
      prescriberRpps: '10000000001',
      organisationId: 'CHU-1',
    });
  await consult('C1', 'P1', '2026-02-15', 'renewal', 'continue');
  await consult('C2', 'P1', '2026-03-05', 'long_consultation', 'stop');
  await consult('C3', 'P2', '2026-02-20', 'renewal', 'change_dose');
  await append('follow-up-schedule', 'LongConsultationScheduleSet', { firstYear: 5, thereafter: 2 });
  await append('indication-EPILEPSY', 'PatientTreatmentStopped', {
    indication: 'EPILEPSY',
    patientId: 'P1',
    stoppedOn: '2026-03-05',
    reason: 'adverse_effect',
    consultationId: 'C2',
  });
  const file = (
    reportId: string,
    patientId: string,
    seriousness: string,
    kind: string,
    lot: string,
    gtin: string,
    filedOn: string,
  ) =>
    append(`vigilance-report-${reportId}`, 'VigilanceReportFiled', {
      reportId,
      kind,
      patientId,
      seriousness,
      onsetOn: filedOn,
      outcome: 'unknown',
      narrative: 'Free text, never in a report',
      reporter: { role: 'pharmacist', rpps: '10000000002', organisationId: 'PH-1' },
      region: '11',
      centre: { kind: 'CRPV', id: 'CRPV-11', name: 'CRPV Paris' },
      batches: [{ gtin, lot }],
      products: [gtin],
      filedOn,
    });
  await file('VR-1', 'P1', 'serious', 'adverse_effect', 'L1', OIL, '2026-02-01');
  await file('VR-2', 'P2', 'non_serious', 'abuse_dependence', 'L2', OIL, '2026-03-01');
  await file('VR-3', 'P3', 'serious', 'adverse_effect', 'L9', FLOWER, '2025-12-30');
  await append('vigilance-report-VR-2', 'VigilanceReportCorrected', {
    reportId: 'VR-2',
    changes: { seriousness: 'serious' },
    reason: 'hospitalised',
  });
  await append('vigilance-report-VR-2', 'VigilanceFollowUpAdded', {
    reportId: 'VR-2',
    outcome: 'recovering',
    narrative: 'More free text',
    addedOn: '2026-03-02',
  });
  return last;
}

/** Every report of the synthetic history, with its asOf, in one snapshot each. */
async function reports(readModels: DataSource) {
  return {
    patients: await readReport(readModels, async (tx) => ({ rows: await patientsPerIndication(tx, PERIOD) })),
    dispensations: await readReport(readModels, async (tx) => ({ rows: await dispensationsPerMonth(tx, PERIOD) })),
    vigilance: await readReport(readModels, async (tx) => ({ rows: await vigilanceRates(tx, PERIOD) })),
    summary: await readReport(readModels, async (tx) => {
      const product = await reportedProduct(tx, OIL);
      if (!product) throw new Error('the product is not in the read models');
      return annualSummary(tx, product, 2026);
    }),
  };
}

const backends: [string, () => { config: SqlClientConfig; drop: () => Promise<void> }][] = [
  ['pglite', () => ({ config: { kind: 'pglite' }, drop: async () => undefined })],
  [
    'postgres',
    () => {
      const scratch = scratchSchema('reports');
      return { config: { kind: 'postgres', url: DATABASE_URL, schema: scratch.schema }, drop: scratch.drop };
    },
  ],
];

describe.each(backends)('the report projection (%s)', (_name, backend) => {
  let sql: SqlClient;
  let store: EventStore;
  let readModels: DataSource;
  let drop: () => Promise<void>;
  let lastPosition: string;
  let projected: Awaited<ReturnType<typeof reports>>;
  let projector: Projector | undefined;

  beforeAll(async () => {
    const opened = backend();
    drop = opened.drop;
    sql = await openSqlClient(opened.config);
    store = await eventStoreOn(sql);
    readModels = await openReadModels(readModelsOptions(opened.config, sql));
    lastPosition = await seed(store);
    // Small batches: the report's figures must not depend on where a batch ends.
    projector = new Projector(store, readModels, [reportsProjection], { batchSize: 7 });
    await projector.register();
    projector.start();
    await projector.caughtUp(20_000);
    await projector.stop();
    projected = await reports(readModels);
  });
  afterAll(async () => {
    await projector?.stop();
    await readModels.destroy();
    await sql.close();
    await drop();
  });

  it('says as of which event: the last one applied, its position and recording time', async () => {
    const { events } = await store.readAll({ maxCount: 1000 });
    const last = events[events.length - 1];
    expect(last.position).toBe(lastPosition);
    expect(projected.patients.asOf).toEqual({ position: lastPosition, recordedAt: last.metadata.recordedAt });
    expect(projected.summary.asOf).toEqual(projected.patients.asOf);
  });

  it('counts patients per indication each month against the cap then, stops by reason', () => {
    const row = (month: string, indication: string) =>
      projected.patients.rows.find((r) => r.month === month && r.indication === indication);
    expect(projected.patients.rows).toHaveLength(15);
    expect(row('2026-01', 'EPILEPSY')).toMatchObject({
      cap: 500,
      included: 1,
      active: 1,
      stopped: 0,
      includedInMonth: 1,
    });
    expect(row('2026-02', 'EPILEPSY')).toMatchObject({
      cap: 2,
      included: 2,
      active: 2,
      stopped: 0,
      includedInMonth: 1,
    });
    expect(row('2026-03', 'EPILEPSY')).toEqual({
      month: '2026-03',
      indication: 'EPILEPSY',
      cap: 2,
      included: 2,
      active: 1,
      stopped: 1,
      includedInMonth: 0,
      stoppedInMonth: 1,
      stoppedByReason: { inefficacy: 0, adverse_effect: 1, patient_choice: 0, recovery: 0, death: 0, other: 0 },
    });
    expect(row('2026-01', 'NEUROPATHIC_PAIN')).toMatchObject({ cap: 750, included: 0 });
    expect(row('2026-03', 'NEUROPATHIC_PAIN')).toMatchObject({ cap: 750, included: 1, active: 1 });
  });

  it('counts dispensations per month, region of the pharmacy and product, an unknown region kept', () => {
    expect(projected.dispensations.rows).toEqual([
      {
        month: '2026-01',
        region: '11',
        regionName: 'Île-de-France',
        gtin: OIL,
        productName: 'Huile, 10 mg/ml',
        dispensations: 1,
        packs: 2,
        patients: 1,
      },
      {
        month: '2026-02',
        region: '11',
        regionName: 'Île-de-France',
        gtin: FLOWER,
        productName: 'Fleurs "T20"',
        dispensations: 1,
        packs: 1,
        patients: 1,
      },
      {
        month: '2026-02',
        region: 'unknown',
        regionName: null,
        gtin: OIL,
        productName: 'Huile, 10 mg/ml',
        dispensations: 2,
        packs: 2,
        patients: 1,
      },
      {
        month: '2026-03',
        region: '11',
        regionName: 'Île-de-France',
        gtin: OIL,
        productName: 'Huile, 10 mg/ml',
        dispensations: 1,
        packs: 1,
        patients: 1,
      },
    ]);
  });

  it('rates vigilance reports per 1,000 patients dispensed the product or batch in the period, as corrected', () => {
    const rate = (gtin: string, lot: string | null) => {
      const found = projected.vigilance.rows.find((r) => r.gtin === gtin && r.lot === lot);
      return (
        found && [found.reports, found.serious, found.patientsExposed, found.ratePer1000, found.seriousRatePer1000]
      );
    };
    expect(projected.vigilance.rows.map((r) => [r.gtin, r.lot])).toEqual([
      [OIL, null],
      [OIL, 'L1'],
      [OIL, 'L2'],
      [FLOWER, null],
      [FLOWER, 'L9'],
    ]);
    // VR-2 was filed non-serious and corrected to serious; VR-3 was filed before the period.
    expect(rate(OIL, null)).toEqual([2, 2, 3, 666.67, 666.67]);
    expect(rate(OIL, 'L1')).toEqual([1, 1, 3, 333.33, 333.33]);
    expect(rate(OIL, 'L2')).toEqual([1, 1, 1, 1000, 1000]);
    expect(rate(FLOWER, null)).toEqual([0, 0, 1, 0, 0]);
    expect(projected.vigilance.rows[0]).toMatchObject({ nonSerious: 0, adverseEffect: 1, abuseDependence: 1 });
  });

  it("sums up a product's year for its holder: patients, consultations, stops, vigilance by seriousness", () => {
    const { asOf: _asOf, ...summary } = projected.summary;
    expect(summary).toEqual({
      gtin: OIL,
      productName: 'Huile, 10 mg/ml',
      exploitantId: 'EXP-1',
      year: 2026,
      dispensations: 4,
      packs: 5,
      patients: 3,
      patientsByIndication: [
        { indication: 'NEUROPATHIC_PAIN', patients: 1 },
        { indication: 'EPILEPSY', patients: 2 },
        { indication: 'ONCOLOGY_SYMPTOMS', patients: 0 },
        { indication: 'PALLIATIVE_CARE', patients: 0 },
        { indication: 'CNS_SPASTICITY', patients: 0 },
      ],
      consultations: {
        total: 3,
        renewal: 2,
        longConsultation: 1,
        byDecision: { continue: 1, change_product: 0, change_dose: 1, stop: 1 },
      },
      stops: {
        total: 1,
        byReason: { inefficacy: 0, adverse_effect: 1, patient_choice: 0, recovery: 0, death: 0, other: 0 },
      },
      vigilanceReports: { total: 2, serious: 2, nonSerious: 0, adverseEffect: 1, abuseDependence: 1 },
    });
  });

  it('keeps no free text of a vigilance report', async () => {
    const rows = await sql.query('SELECT * FROM rm_report_vigilance');
    expect(JSON.stringify(rows)).not.toContain('free text');
  });

  it('gives the same figures, as of the same event, after a rebuild in batches of another size', async () => {
    const rebuilt = new Projector(store, readModels, [reportsProjection], { batchSize: 1000 });
    await rebuilt.rebuild();
    rebuilt.start();
    await rebuilt.caughtUp();
    await rebuilt.stop();
    expect(await reports(readModels)).toEqual(projected);
  });
});
