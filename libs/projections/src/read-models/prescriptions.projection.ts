import type { PrescriptionEvent, RegisterEvent } from '../../../domain/src/index.js';
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
    for (const event of events) {
      if (event.stream.startsWith('prescription-')) {
        const e = event as unknown as PrescriptionEvent;
        const id = event.stream.slice('prescription-'.length);
        if (e.type === 'PrescriptionIssued') {
          const d = e.data;
          await tx.query(
            `INSERT INTO rm_prescriptions (prescription_id, patient_id, indication, gtin, quantity, duration_days, pharmacy_id, prescriber_rpps, issued_on, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'issued') ON CONFLICT (prescription_id) DO NOTHING`,
            [id, d.patientId, d.indication, d.gtin, d.quantity, d.durationDays, d.pharmacyId, d.prescriberRpps, d.issuedOn],
          );
        } else {
          await tx.query(`UPDATE rm_prescriptions SET status = 'cancelled' WHERE prescription_id = $1`, [id]);
        }
      } else if (event.type === 'PrescriptionDispensed') {
        const d = (event as unknown as Extract<RegisterEvent, { type: 'PrescriptionDispensed' }>).data;
        await tx.query('UPDATE rm_prescriptions SET dispensed_quantity = dispensed_quantity + $2 WHERE prescription_id = $1', [d.prescriptionId, d.quantity]);
      }
    }
  },
};
