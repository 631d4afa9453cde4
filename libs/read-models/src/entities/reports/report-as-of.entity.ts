import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last event the report projection applied: its place in the global order (the projection's checkpoint,
 * written in the same transaction) and when the store recorded it. Every report answers it as `asOf`.
 */
@Entity({ name: 'rm_report_as_of' })
export class ReportAsOfRow {
  @PrimaryColumn('text')
  projection!: string;

  @Column('text')
  position!: string;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt!: Date;
}
