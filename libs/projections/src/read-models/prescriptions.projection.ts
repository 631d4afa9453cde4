import type { PrescriptionEvent, RegisterEvent } from '#domain';
import type { Projection } from '../projection.js';

/** Every prescription with its status and the packs dispensed so far: the pharmacy's and the prescriber's lists. */
export const prescriptionsProjection: Projection = {
  name: 'prescriptions',
  tables: ['rm_prescriptions'],
  migrations: [
    {
      id: 'projections-004-prescriptions',
      sql: `
CREATE TABLE rm_prescriptions (
  prescription_id text PRIMARY KEY,
  patient_id text NOT NULL,
  indication text NOT NULL,
  gtin text NOT NULL,
  quantity integer NOT NULL,
  duration_days integer NOT NULL,
  pharmacy_id text NOT NULL,
  prescriber_rpps text NOT NULL,
  issued_on date NOT NULL,
  status text NOT NULL,
  dispensed_quantity integer NOT NULL DEFAULT 0
);
CREATE INDEX rm_prescriptions_pharmacy_idx ON rm_prescriptions (pharmacy_id, issued_on);
CREATE INDEX rm_prescriptions_prescriber_idx ON rm_prescriptions (prescriber_rpps, issued_on);`,
    },
  ],
  async apply(tx, events) {
    const issued = [];
    const cancelled: string[] = [];
    const dispensed = new Map<string, number>();
    for (const event of events) {
      if (event.stream.startsWith('prescription-')) {
        const e = event as unknown as PrescriptionEvent;
        const id = event.stream.slice('prescription-'.length);
        if (e.type === 'PrescriptionIssued') issued.push({ ...e.data, prescription_id: id });
        else cancelled.push(id);
      } else if (event.type === 'PrescriptionDispensed') {
        const d = (event as unknown as Extract<RegisterEvent, { type: 'PrescriptionDispensed' }>).data;
        dispensed.set(d.prescriptionId, (dispensed.get(d.prescriptionId) ?? 0) + d.quantity);
      }
    }
    if (issued.length > 0) {
      await tx.query(
        `INSERT INTO rm_prescriptions (prescription_id, patient_id, indication, gtin, quantity, duration_days, pharmacy_id, prescriber_rpps, issued_on, status)
         SELECT prescription_id, "patientId", indication, gtin, quantity, "durationDays", "pharmacyId", "prescriberRpps", "issuedOn"::date, 'issued'
         FROM jsonb_to_recordset($1::jsonb) AS x(prescription_id text, "patientId" text, indication text, gtin text, quantity integer,
           "durationDays" integer, "pharmacyId" text, "prescriberRpps" text, "issuedOn" text)
         ON CONFLICT (prescription_id) DO NOTHING`,
        [JSON.stringify(issued)],
      );
    }
    if (cancelled.length > 0) {
      await tx.query(`UPDATE rm_prescriptions SET status = 'cancelled' WHERE prescription_id = ANY($1::text[])`, [
        cancelled,
      ]);
    }
    if (dispensed.size > 0) {
      await tx.query(
        `UPDATE rm_prescriptions p SET dispensed_quantity = p.dispensed_quantity + x.quantity
         FROM jsonb_to_recordset($1::jsonb) AS x(prescription_id text, quantity integer) WHERE p.prescription_id = x.prescription_id`,
        [JSON.stringify([...dispensed].map(([prescription_id, quantity]) => ({ prescription_id, quantity })))],
      );
    }
  },
};
