import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A vigilance signal raised for ANSM: a batch or product whose serious reports crossed the threshold. */
@Entity({ name: 'rm_vigilance_signals' })
@Index('rm_vigilance_signals_order_idx', ['globalOrder'])
export class VigilanceSignalRow {
  @PrimaryColumn({ type: 'text', name: 'signal_id' })
  signalId!: string;

  @Column({ type: 'text', name: 'subject_kind' })
  subjectKind!: 'batch' | 'product';

  @Column('text')
  gtin!: string;

  /** The batch's lot; null for a product's signal. */
  @Column({ type: 'text', nullable: true })
  lot!: string | null;

  @Column({ type: 'jsonb', name: 'report_ids' })
  reportIds!: string[];

  @Column({ type: 'integer', name: 'threshold_reports' })
  thresholdReports!: number;

  @Column({ type: 'integer', name: 'threshold_days' })
  thresholdDays!: number;

  @Column({ type: 'timestamptz', name: 'raised_at' })
  raisedAt!: Date;

  /** The order signals were projected in (the global order of the store). */
  @Column({ type: 'bigint', name: 'global_order', insert: false, update: false, select: false })
  globalOrder!: string;
}
