import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eventStoreOn, type NewEvent } from '#event-store';
import { openReadModels, Projector, readModelsOptions, vigilanceProjection } from '#read-models';
import { openSqlClient, type SqlClient } from '#sql';

const GTIN = '03400930000014';
const metadata = () => ({
  actor: '10000000002',
  role: 'pharmacist',
  organisation: 'PH-1',
  occurredAt: '2026-11-25T10:00:00.000Z',
  commandId: randomUUID(),
  correlationId: randomUUID(),
});
const filed = (reportId: string, seriousness: string) => ({
  reportId,
  kind: 'adverse_effect',
  patientId: 'CT-7AFG3H3YAQ90HCBC1',
  seriousness,
  onsetOn: '2026-11-20',
  outcome: 'recovering',
  narrative: 'NARRATIVE-NOT-IN-THE-READ-MODEL',
  reporter: { role: 'pharmacist', rpps: '10000000002', organisationId: 'PH-1' },
  region: '84',
  centre: { kind: 'CRPV', id: 'CRPV-LYON', name: 'CRPV de Lyon' },
  batches: [{ gtin: GTIN, lot: 'L1' }],
  products: [GTIN],
  filedOn: '2026-11-25',
});

const snapshot = (sql: SqlClient) =>
  Promise.all([
    sql.query(
      `SELECT report_id, kind, seriousness, outcome, patient_id, reporter_rpps, centre, onset_on::text, filed_on::text,
         batches, products, follow_ups, corrections FROM rm_vigilance_report_list ORDER BY report_id`,
    ),
    sql.query('SELECT signal_id, subject_kind, gtin, lot, report_ids, threshold_reports FROM rm_vigilance_signals'),
  ]);

describe('the vigilance projection', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps each report as it stands, without its narrative, and each signal; a rebuild reproduces them', async () => {
    const sql = await openSqlClient({ kind: 'pglite' });
    const store = await eventStoreOn(sql);
    const readModels = await openReadModels(readModelsOptions({ kind: 'pglite' }, sql));
    cleanups.push(
      () => sql.close(),
      () => readModels.destroy(),
    );
    const append = (stream: string, type: string, data: object) =>
      store.append(stream, [{ type, data: data as NewEvent['data'], metadata: metadata() }]);
    await append('vigilance-report-R1', 'VigilanceReportFiled', filed('R1', 'non_serious'));
    await append('vigilance-report-R2', 'VigilanceReportFiled', filed('R2', 'serious'));
    await append('vigilance-report-R1', 'VigilanceReportCorrected', {
      reportId: 'R1',
      changes: {
        seriousness: 'serious',
        kind: 'abuse_dependence',
        centre: { kind: 'CEIP-A', id: 'CEIPA-LYON', name: 'CEIP-A de Lyon' },
      },
      reason: 'reassessed',
    });
    await append('vigilance-report-R1', 'VigilanceFollowUpAdded', {
      reportId: 'R1',
      outcome: 'recovered',
      narrative: 'NARRATIVE-NOT-IN-THE-READ-MODEL',
      addedOn: '2026-11-26',
    });
    await append('vigilance-signal-S1', 'VigilanceSignalRaised', {
      signalId: 'S1',
      subject: { kind: 'batch', gtin: GTIN, lot: 'L1' },
      reportIds: ['R1', 'R2'],
      threshold: { reports: 2, days: 30 },
    });

    const projector = new Projector(store, readModels, [vigilanceProjection], { retryMs: 10 });
    await projector.register();
    projector.start();
    await projector.caughtUp();
    await projector.stop();
    const projected = await snapshot(sql);
    expect(projected[0]).toEqual([
      expect.objectContaining({
        report_id: 'R1',
        kind: 'abuse_dependence',
        seriousness: 'serious',
        outcome: 'recovered',
        centre: { kind: 'CEIP-A', id: 'CEIPA-LYON', name: 'CEIP-A de Lyon' },
        follow_ups: 1,
        corrections: 1,
      }),
      expect.objectContaining({ report_id: 'R2', seriousness: 'serious', follow_ups: 0, corrections: 0 }),
    ]);
    expect(projected[1]).toEqual([
      { signal_id: 'S1', subject_kind: 'batch', gtin: GTIN, lot: 'L1', report_ids: ['R1', 'R2'], threshold_reports: 2 },
    ]);
    expect(JSON.stringify(projected)).not.toContain('NARRATIVE-NOT-IN-THE-READ-MODEL');

    const rebuilt = new Projector(store, readModels, [vigilanceProjection], { batchSize: 1000 });
    await rebuilt.rebuild();
    rebuilt.start();
    await rebuilt.caughtUp();
    await rebuilt.stop();
    expect(await snapshot(sql)).toEqual(projected);
  }, 120_000);
});
