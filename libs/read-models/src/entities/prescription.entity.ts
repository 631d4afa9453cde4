import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A prescription with its status and the packs dispensed so far: the pharmacy's and the prescriber's lists. */
@Entity({ name: 'rm_prescriptions' })
@Index('rm_prescriptions_pharmacy_idx', ['pharmacyId', 'issuedOn'])
@Index('rm_prescriptions_prescriber_idx', ['prescriberRpps', 'issuedOn'])
export class PrescriptionRow {
  @PrimaryColumn({ type: 'text', name: 'prescription_id' })
  prescriptionId!: string;

  @Column({ type: 'text', name: 'patient_id' })
  patientId!: string;

  @Column('text')
  indication!: string;

  @Column('text')
  gtin!: string;

  @Column('integer')
  quantity!: number;

  @Column({ type: 'integer', name: 'duration_days' })
  durationDays!: number;

  @Column({ type: 'text', name: 'pharmacy_id' })
  pharmacyId!: string;

  @Column({ type: 'text', name: 'prescriber_rpps' })
  prescriberRpps!: string;

  @Column({ type: 'date', name: 'issued_on' })
  issuedOn!: string;

  @Column('text')
  status!: 'issued' | 'cancelled';

  @Column({ type: 'integer', name: 'dispensed_quantity', default: 0 })
  dispensedQuantity!: number;
}
