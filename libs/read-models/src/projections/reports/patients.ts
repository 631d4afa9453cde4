import type { EntityManager } from 'typeorm';
import { parisDate, type DecidedEvent } from '#domain';

/**
 * Patients per indication: each inclusion (its `includedOn`), each stop (its `stoppedOn` and reason; the first
 * stop of a patient stands), and each cap ANSM set, dated in France on the day it was set.
 */
export async function applyPatients(tx: EntityManager, events: DecidedEvent[]): Promise<void> {
  const included = [];
  const stopped = new Map<string, { indication: string; patient_id: string; stopped_on: string; reason: string }>();
  const caps = [];
  for (const decided of events) {
    if (decided.of !== 'indication') continue;
    const { event } = decided;
    if (event.type === 'PatientIncluded') {
      const { indication, patientId, includedOn } = event.data;
      included.push({ indication, patient_id: patientId, included_on: includedOn });
    } else if (event.type === 'PatientTreatmentStopped') {
      const { indication, patientId, stoppedOn, reason } = event.data;
      const key = `${indication}|${patientId}`;
      if (!stopped.has(key)) stopped.set(key, { indication, patient_id: patientId, stopped_on: stoppedOn, reason });
    } else if (event.type === 'InclusionCapSet') {
      caps.push({
        n: caps.length,
        indication: event.data.indication,
        cap: event.data.cap,
        set_on: parisDate(new Date(decided.occurredAt)),
      });
    }
  }
  if (included.length > 0)
    await tx.query(
      `INSERT INTO rm_report_patients (indication, patient_id, included_on)
       SELECT indication, patient_id, included_on::date
       FROM jsonb_to_recordset($1::jsonb) AS x(indication text, patient_id text, included_on text)
       ON CONFLICT (indication, patient_id) DO NOTHING`,
      [JSON.stringify(included)],
    );
  if (stopped.size > 0)
    await tx.query(
      `UPDATE rm_report_patients p SET stopped_on = x.stopped_on::date, stop_reason = x.reason
       FROM jsonb_to_recordset($1::jsonb) AS x(indication text, patient_id text, stopped_on text, reason text)
       WHERE p.indication = x.indication AND p.patient_id = x.patient_id AND p.stopped_on IS NULL`,
      [JSON.stringify([...stopped.values()])],
    );
  // In the order of the events: global_order, taken at insert, keeps the store's order.
  if (caps.length > 0)
    await tx.query(
      `INSERT INTO rm_report_caps (indication, cap, set_on)
       SELECT indication, cap, set_on::date FROM jsonb_to_recordset($1::jsonb) AS x(n integer, indication text, cap integer, set_on text)
       ORDER BY n`,
      [JSON.stringify(caps)],
    );
}
