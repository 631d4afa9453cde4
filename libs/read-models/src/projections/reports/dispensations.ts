import type { EntityManager } from 'typeorm';
import type { DecidedEvent } from '#domain';

/**
 * Every dispensation on its own date, with the region of its pharmacy and the indication of its prescription,
 * both resolved as it is inserted (an organisation's region never changes; 'unknown' when there is none).
 */
export async function applyDispensations(tx: EntityManager, events: DecidedEvent[]): Promise<void> {
  const rows = [];
  for (const decided of events) {
    if (decided.of !== 'register' || decided.event.type !== 'PrescriptionDispensed') continue;
    const d = decided.event.data;
    rows.push({
      dispensation_id: d.dispensationId,
      prescription_id: d.prescriptionId,
      pharmacy_id: decided.site,
      patient_id: d.patientId,
      gtin: d.gtin,
      lot: d.lot,
      quantity: d.quantity,
      dispensed_on: d.dispensedOn,
    });
  }
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO rm_report_dispensations (dispensation_id, dispensed_on, pharmacy_id, region, gtin, lot, patient_id, indication, quantity)
     SELECT x.dispensation_id, x.dispensed_on::date, x.pharmacy_id, COALESCE(o.region, 'unknown'), x.gtin, x.lot, x.patient_id,
       COALESCE(p.indication, 'unknown'), x.quantity
     FROM jsonb_to_recordset($1::jsonb) AS x(dispensation_id text, prescription_id text, pharmacy_id text, patient_id text,
       gtin text, lot text, quantity integer, dispensed_on text)
     LEFT JOIN rm_report_organisations o ON o.organisation_id = x.pharmacy_id
     LEFT JOIN rm_report_prescriptions p ON p.prescription_id = x.prescription_id
     ON CONFLICT (dispensation_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}
