import { PrescriptionRow } from '../entities/prescription.entity.js';
import type { Projection } from '../projection.js';

/** Every prescription with its status and the packs dispensed so far: the pharmacy's and the prescriber's lists. */
export const prescriptionsProjection: Projection = {
  name: 'prescriptions',
  entities: [PrescriptionRow],
  async apply(tx, events) {
    const issued = [];
    const cancelled: string[] = [];
    const dispensed = new Map<string, number>();
    for (const decided of events) {
      if (decided.of === 'prescription') {
        const { prescriptionId, event } = decided;
        if (event.type === 'PrescriptionIssued') issued.push({ ...event.data, prescription_id: prescriptionId });
        else cancelled.push(prescriptionId);
      } else if (decided.of === 'register' && decided.event.type === 'PrescriptionDispensed') {
        const { prescriptionId, quantity } = decided.event.data;
        dispensed.set(prescriptionId, (dispensed.get(prescriptionId) ?? 0) + quantity);
      }
    }
    // Set-based: one statement per kind of change for the whole batch, rows passed as one JSON document.
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
      await tx
        .createQueryBuilder()
        .update(PrescriptionRow)
        .set({ status: 'cancelled' })
        .where('prescription_id = ANY(:cancelled)', { cancelled })
        .execute();
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
