import { DEFAULT_SCHEDULE, nextLongConsultationDueOn, type LongConsultationSchedule } from '#domain';
import type { EntityManager } from 'typeorm';
import { FollowUpRow, FollowUpScheduleRow } from '../entities/follow-up.entity.js';
import type { Projection } from '../projection.js';

interface Patient {
  patient_id: string;
  indication: string;
  included_on: string;
  included_by: string;
  last_seen_by: string | null;
  last_consulted_on: string | null;
  long_consultations: number;
  stopped_on: string | null;
  stop_reason: string | null;
}

const COLUMNS = `patient_id, indication, included_on::text AS included_on, included_by, last_seen_by,
  last_consulted_on::text AS last_consulted_on, long_consultations, stopped_on::text AS stopped_on, stop_reason`;

/**
 * Each included patient's follow-up per indication, and the day its next long consultation is due. The due day
 * depends only on the inclusion day, the long consultations recorded and ANSM's schedule, so it is computed when
 * a row is written, and for every patient still treated when the schedule changes.
 */
export const followUpProjection: Projection = {
  name: 'follow-up',
  entities: [FollowUpRow, FollowUpScheduleRow],
  async apply(tx, events) {
    const touched = new Set<string>();
    let scheduleSet: LongConsultationSchedule | undefined;
    for (const decided of events) {
      if (decided.of === 'indication' || decided.of === 'follow-up') {
        const { type, data } = decided.event;
        if (type !== 'InclusionCapSet') touched.add(keyOf(data.patientId, data.indication));
      } else if (decided.of === 'follow-up-schedule') scheduleSet = decided.event.data;
    }
    if (touched.size === 0 && !scheduleSet) return;
    const patients = await load(tx, touched, scheduleSet !== undefined);
    for (const decided of events) {
      if (decided.of === 'indication') {
        const { event } = decided;
        if (event.type === 'PatientIncluded') {
          const { patientId, indication, includedOn, prescriberRpps } = event.data;
          const key = keyOf(patientId, indication);
          if (patients.has(key)) continue; // a pseudonym is included once per indication
          patients.set(key, {
            patient_id: patientId,
            indication,
            included_on: includedOn,
            included_by: prescriberRpps,
            last_seen_by: null,
            last_consulted_on: null,
            long_consultations: 0,
            stopped_on: null,
            stop_reason: null,
          });
        } else if (event.type === 'PatientTreatmentStopped') {
          const patient = patients.get(keyOf(event.data.patientId, event.data.indication));
          if (patient) Object.assign(patient, { stopped_on: event.data.stoppedOn, stop_reason: event.data.reason });
        }
      } else if (decided.of === 'follow-up') {
        const { data } = decided.event;
        // A consultation needs its inclusion, which the global order always gives first.
        const patient = patients.get(keyOf(data.patientId, data.indication));
        if (!patient) continue;
        if (data.kind === 'long_consultation') patient.long_consultations += 1;
        if (patient.last_consulted_on === null || data.consultedOn >= patient.last_consulted_on) {
          patient.last_consulted_on = data.consultedOn;
          patient.last_seen_by = data.prescriberRpps;
        }
      }
    }
    const schedule = scheduleSet ?? (await currentSchedule(tx));
    if (scheduleSet) {
      await tx.query(
        `INSERT INTO rm_follow_up_schedule (id, first_year, thereafter) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET first_year = excluded.first_year, thereafter = excluded.thereafter`,
        [scheduleSet.firstYear, scheduleSet.thereafter],
      );
    }
    if (patients.size === 0) return;
    const rows = [...patients.values()].map((p) => ({
      ...p,
      next_long_due_on:
        p.stopped_on === null ? nextLongConsultationDueOn(p.included_on, p.long_consultations, schedule) : null,
    }));
    // Set-based: every row of the batch in one statement, passed as one JSON document.
    await tx.query(
      `INSERT INTO rm_follow_up (patient_id, indication, included_on, included_by, last_seen_by, last_consulted_on,
         long_consultations, next_long_due_on, stopped_on, stop_reason)
       SELECT patient_id, indication, included_on::date, included_by, last_seen_by, last_consulted_on::date,
         long_consultations, next_long_due_on::date, stopped_on::date, stop_reason
       FROM jsonb_to_recordset($1::jsonb) AS x(patient_id text, indication text, included_on text, included_by text,
         last_seen_by text, last_consulted_on text, long_consultations integer, next_long_due_on text,
         stopped_on text, stop_reason text)
       ON CONFLICT (patient_id, indication) DO UPDATE SET last_seen_by = excluded.last_seen_by,
         last_consulted_on = excluded.last_consulted_on, long_consultations = excluded.long_consultations,
         next_long_due_on = excluded.next_long_due_on, stopped_on = excluded.stopped_on,
         stop_reason = excluded.stop_reason`,
      [JSON.stringify(rows)],
    );
  },
};

const keyOf = (patientId: string, indication: string) => `${indication}/${patientId}`;

/** The rows the batch touches; with a new schedule, also every patient still treated (their due day moves). */
async function load(tx: EntityManager, touched: Set<string>, everyTreated: boolean): Promise<Map<string, Patient>> {
  const keys = [...touched].map((key) => {
    const slash = key.indexOf('/');
    return { indication: key.slice(0, slash), patient_id: key.slice(slash + 1) };
  });
  const rows: Patient[] = await tx.query(
    `SELECT ${COLUMNS} FROM rm_follow_up
     WHERE (patient_id, indication) IN (SELECT patient_id, indication FROM jsonb_to_recordset($1::jsonb)
       AS x(patient_id text, indication text))`,
    [JSON.stringify(keys)],
  );
  if (everyTreated)
    rows.push(...((await tx.query(`SELECT ${COLUMNS} FROM rm_follow_up WHERE stopped_on IS NULL`)) as Patient[]));
  return new Map(rows.map((row) => [keyOf(row.patient_id, row.indication), row]));
}

async function currentSchedule(tx: EntityManager): Promise<LongConsultationSchedule> {
  const [row] = await tx.getRepository(FollowUpScheduleRow).find({ where: { id: 1 } });
  return row ? { firstYear: row.firstYear, thereafter: row.thereafter } : DEFAULT_SCHEDULE;
}
