import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A dispensation with what the reports count it by: its date, the pharmacy's region, the product, the indication. */
@Entity({ name: 'rm_report_dispensations' })
@Index('rm_report_dispensations_on_idx', ['dispensedOn'])
@Index('rm_report_dispensations_product_idx', ['gtin', 'dispensedOn'])
export class ReportDispensationRow {
  @PrimaryColumn({ type: 'text', name: 'dispensation_id' })
  dispensationId!: string;

  @Column({ type: 'date', name: 'dispensed_on' })
  dispensedOn!: string;

  @Column({ type: 'text', name: 'pharmacy_id' })
  pharmacyId!: string;

  /** The pharmacy's region when dispensed ('unknown' when it has none). */
  @Column('text')
  region!: string;

  @Column('text')
  gtin!: string;

  @Column('text')
  lot!: string;

  @Column({ type: 'text', name: 'patient_id' })
  patientId!: string;

  /** The prescription's indication ('unknown' for a prescription the projection never saw). */
  @Column('text')
  indication!: string;

  @Column('integer')
  quantity!: number;
}
