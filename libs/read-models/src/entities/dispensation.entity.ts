import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A dispensation with its patient pseudonym: the patients a recall reaches. */
@Entity({ name: 'rm_dispensations' })
@Index('rm_dispensations_batch_idx', ['gtin', 'lot'])
@Index('rm_dispensations_prescription_idx', ['prescriptionId'])
@Index('rm_dispensations_patient_idx', ['patientId'])
export class DispensationRow {
  @PrimaryColumn({ type: 'text', name: 'dispensation_id' })
  dispensationId!: string;

  @Column({ type: 'text', name: 'prescription_id' })
  prescriptionId!: string;

  @Column({ type: 'text', name: 'patient_id' })
  patientId!: string;

  @Column({ type: 'text', name: 'pharmacy_id' })
  pharmacyId!: string;

  @Column('text')
  gtin!: string;

  @Column('text')
  lot!: string;

  @Column('integer')
  quantity!: number;

  @Column({ type: 'text', nullable: true })
  serial!: string | null;

  @Column({ type: 'date', name: 'dispensed_on' })
  dispensedOn!: string;

  /** The order dispensations were projected in (the global order of the store). */
  @Column({ type: 'bigint', name: 'global_order', insert: false, update: false, select: false })
  globalOrder!: string;
}
