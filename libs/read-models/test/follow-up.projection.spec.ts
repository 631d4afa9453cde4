import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eventStoreOn, type EventStore, type NewEvent } from '#event-store';
import { followUpProjection, openReadModels, Projector, readModelsOptions } from '#read-models';
import { openSqlClient, type SqlClient, type SqlClientConfig } from '#sql';
import { DATABASE_URL, scratchSchema } from '../../event-store/test/scratch-schema.js';

const metadata = () => ({
  actor: '10000000001',
  role: 'prescriber',
  organisation: 'CHU-1',
  occurredAt: '2026-03-01T10:00:00.000Z',
  commandId: randomUUID(),
  correlationId: randomUUID(),
});

/** Three patients of two indications: consultations, a stop, and ANSM changing the schedule between them. */
async function seed(store: EventStore): Promise<void> {
  const append = (stream: string, type: string, data: NewEvent['data']) =>
    store.append(stream, [{ type, data, metadata: metadata() }]);
  const include = (indication: string, patientId: string, n: number) =>
    append(`indication-${indication}`, 'PatientIncluded', {
      indication,
      patientId,
      includedOn: '2026-01-01',
      attestationNumber: `ATT-X-${n}`,
      prescriberRpps: '10000000001',
      referenceCentreId: 'CHU-1',
    });
  const consult = (patientId: string, indication: string, kind: string, consultedOn: string, rpps = '10000000001') =>
    append(`follow-up-${patientId}`, 'ConsultationRecorded', {
      consultationId: randomUUID(),
      patientId,
      indication,
      consultedOn,
      kind,
      symptomEffect: 5,
      adverseEffects: [],
      decision: 'continue',
      prescriberRpps: rpps,
      organisationId: 'CHU-1',
    });
  await include('EPILEPSY', 'PSN-A', 1);
  await include('EPILEPSY', 'PSN-B', 2);
  await include('PALLIATIVE_CARE', 'PSN-A', 1);
  await append('indication-EPILEPSY', 'InclusionCapSet', { indication: 'EPILEPSY', cap: 10 });
  await consult('PSN-A', 'EPILEPSY', 'long_consultation', '2026-03-10');
  await consult('PSN-A', 'EPILEPSY', 'renewal', '2026-03-20', '10000000003');
  await append('follow-up-schedule', 'LongConsultationScheduleSet', { firstYear: 4, thereafter: 1 });
  await consult('PSN-B', 'EPILEPSY', 'long_consultation', '2026-03-01');
  await consult('PSN-B', 'EPILEPSY', 'long_consultation', '2026-06-01');
  await append('indication-EPILEPSY', 'PatientTreatmentStopped', {
    indication: 'EPILEPSY',
    patientId: 'PSN-B',
    stoppedOn: '2026-06-01',
    reason: 'recovery',
    consultationId: 'C-1',
  });
}

const rows = (sql: SqlClient) =>
  sql.query(
    `SELECT patient_id, indication, included_by, last_seen_by, last_consulted_on::text, long_consultations,
       next_long_due_on::text, stopped_on::text, stop_reason FROM rm_follow_up ORDER BY patient_id, indication`,
  );

const backends: [string, () => { config: SqlClientConfig; drop: () => Promise<void> }][] = [
  ['pglite', () => ({ config: { kind: 'pglite' }, drop: async () => undefined })],
  [
    'postgres',
    () => {
      const scratch = scratchSchema('follow_up');
      return { config: { kind: 'postgres', url: DATABASE_URL, schema: scratch.schema }, drop: scratch.drop };
    },
  ],
];

describe.each(backends)('the follow-up projection (%s)', (_name, backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps who included and last saw each patient, and the next due day under the schedule; a rebuild gives the same', async () => {
    const { config, drop } = backend();
    const sql = await openSqlClient(config);
    const store = await eventStoreOn(sql);
    const readModels = await openReadModels(readModelsOptions(config, sql));
    cleanups.push(
      drop,
      () => sql.close(),
      () => readModels.destroy(),
    );
    await seed(store);
    // Two events a batch: the schedule and the consultations fall in different batches.
    const projector = new Projector(store, readModels, [followUpProjection], { batchSize: 2 });
    await projector.register();
    projector.start();
    await projector.caughtUp();
    await projector.stop();
    const projected = await rows(sql);
    expect(projected).toEqual([
      // Four a year after the change: the second of PSN-A is due 182 days after 1 January.
      {
        patient_id: 'PSN-A',
        indication: 'EPILEPSY',
        included_by: '10000000001',
        last_seen_by: '10000000003',
        last_consulted_on: '2026-03-20',
        long_consultations: 1,
        next_long_due_on: '2026-07-02',
        stopped_on: null,
        stop_reason: null,
      },
      {
        patient_id: 'PSN-A',
        indication: 'PALLIATIVE_CARE',
        included_by: '10000000001',
        last_seen_by: null,
        last_consulted_on: null,
        long_consultations: 0,
        next_long_due_on: '2026-04-02', // 91 days
        stopped_on: null,
        stop_reason: null,
      },
      {
        patient_id: 'PSN-B',
        indication: 'EPILEPSY',
        included_by: '10000000001',
        last_seen_by: '10000000001',
        last_consulted_on: '2026-06-01',
        long_consultations: 2,
        next_long_due_on: null,
        stopped_on: '2026-06-01',
        stop_reason: 'recovery',
      },
    ]);

    const rebuilt = new Projector(store, readModels, [followUpProjection], { batchSize: 1000 });
    await rebuilt.rebuild();
    rebuilt.start();
    await rebuilt.caughtUp();
    await rebuilt.stop();
    expect(await rows(sql)).toEqual(projected);
  }, 120_000);
});
