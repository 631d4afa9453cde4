import type { AnalysisFailure } from '#domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An out-of-specification analysis result, whoever recorded it: what ANSM is alerted to. */
@Entity({ name: 'rm_alerts' })
@Index('rm_alerts_order_idx', ['globalOrder'])
export class AlertRow {
  /** The AnalysisRecorded event that raised it. */
  @PrimaryColumn({ type: 'text', name: 'event_id' })
  eventId!: string;

  @Column('text')
  kind!: 'out_of_specification';

  @Column('text')
  gtin!: string;

  @Column('text')
  lot!: string;

  @Column({ type: 'text', name: 'recorded_by_role' })
  recordedByRole!: string;

  @Column({ type: 'text', name: 'recorded_by' })
  recordedBy!: string;

  @Column({ type: 'date', name: 'sampled_on' })
  sampledOn!: string;

  @Column('jsonb')
  failures!: AnalysisFailure[];

  @Column({ type: 'timestamptz', name: 'raised_at' })
  raisedAt!: Date;

  /** The order alerts were projected in (the global order of the store). */
  @Column({ type: 'bigint', name: 'global_order', insert: false, update: false, select: false })
  globalOrder!: string;
}
