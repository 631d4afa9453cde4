import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A vigilance report as last corrected, with what the reports count it by (never its narrative). */
@Entity({ name: 'rm_report_vigilance' })
@Index('rm_report_vigilance_filed_idx', ['filedOn'])
export class ReportVigilanceRow {
  @PrimaryColumn({ type: 'text', name: 'report_id' })
  reportId!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  seriousness!: string;

  @Column({ type: 'text', name: 'patient_id' })
  patientId!: string;

  @Column('text')
  region!: string;

  @Column({ type: 'date', name: 'filed_on' })
  filedOn!: string;

  /** GTINs of the products concerned. */
  @Column('jsonb')
  products!: string[];

  /** Batches the patient received, attached at filing. */
  @Column('jsonb')
  batches!: { gtin: string; lot: string }[];
}
