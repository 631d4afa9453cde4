import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#auth';
import type { BatchRef } from '#domain';
import { DispensationRow, PrescriptionRow } from '#read-models';

/**
 * What the read models say of one patient for vigilance: the batches dispensed to it, and whether a professional
 * cares for it. Every read is by the patient's pseudonym (indexed): one patient's rows, never a table.
 */
@Injectable()
export class PatientCare {
  constructor(private readonly readModels: DataSource) {}

  /** Every batch dispensed to the patient, in the order first dispensed, and the pharmacies that dispensed. */
  async dispensed(patientId: string): Promise<{ batches: BatchRef[]; pharmacies: Set<string> }> {
    const rows = await this.readModels
      .getRepository(DispensationRow)
      .createQueryBuilder('d')
      .select(['d.gtin AS gtin', 'd.lot AS lot', 'd.pharmacy_id AS "pharmacyId"'])
      .where('d.patient_id = :patientId', { patientId })
      .orderBy('d.global_order')
      .getRawMany<{ gtin: string; lot: string; pharmacyId: string }>();
    return {
      batches: rows.map(({ gtin, lot }) => ({ gtin, lot })),
      pharmacies: new Set(rows.map((r) => r.pharmacyId)),
    };
  }

  /** A prescriber who prescribed for the patient. */
  async prescribedBy(patientId: string, prescriberRpps: string): Promise<boolean> {
    return this.readModels.getRepository(PrescriptionRow).exists({ where: { patientId, prescriberRpps } });
  }

  /** The reporter cares for the patient: its pharmacy dispensed to it, or it prescribed for it. */
  async inCare(principal: Principal, patientId: string, pharmacies: Set<string>): Promise<boolean> {
    if (principal.role === 'pharmacist') return pharmacies.has(principal.org);
    return principal.role === 'prescriber' && this.prescribedBy(patientId, principal.sub);
  }
}
