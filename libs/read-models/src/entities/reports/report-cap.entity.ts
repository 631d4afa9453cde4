import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Each cap ANSM set on an indication, dated: the cap in force at a month's end is the last set by then. */
@Entity({ name: 'rm_report_caps' })
@Index('rm_report_caps_indication_idx', ['indication', 'setOn'])
export class ReportCapRow {
  /** The order caps were set in (the global order of the store). */
  @PrimaryColumn({ type: 'bigint', name: 'global_order', insert: false, update: false })
  globalOrder!: string;

  @Column('text')
  indication!: string;

  @Column('integer')
  cap!: number;

  /** The date in France the cap was set (the event's occurrence). */
  @Column({ type: 'date', name: 'set_on' })
  setOn!: string;
}
