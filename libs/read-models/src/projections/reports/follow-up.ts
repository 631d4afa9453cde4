import type { EntityManager } from 'typeorm';
import type { DecidedEvent } from '#domain';

/** Every follow-up consultation on its own date, with its kind and decision. */
export async function applyConsultations(tx: EntityManager, events: DecidedEvent[]): Promise<void> {
  const rows = [];
  for (const decided of events) {
    if (decided.of !== 'follow-up' || decided.event.type !== 'ConsultationRecorded') continue;
    const { consultationId, patientId, indication, consultedOn, kind, decision } = decided.event.data;
    rows.push({
      consultation_id: consultationId,
      patient_id: patientId,
      indication,
      consulted_on: consultedOn,
      kind,
      decision,
    });
  }
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO rm_report_consultations (consultation_id, patient_id, indication, consulted_on, kind, decision)
     SELECT consultation_id, patient_id, indication, consulted_on::date, kind, decision
     FROM jsonb_to_recordset($1::jsonb) AS x(consultation_id text, patient_id text, indication text, consulted_on text,
       kind text, decision text)
     ON CONFLICT (consultation_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}
