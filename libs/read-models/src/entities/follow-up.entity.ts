import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A patient's follow-up for one indication: who included and who last saw the patient, the long consultations
 * recorded and the day the next one is due under ANSM's schedule (null once stopped or when none is due).
 */
@Entity({ name: 'rm_follow_up' })
@Index('rm_follow_up_due_idx', ['nextLongDueOn'])
@Index('rm_follow_up_included_by_idx', ['includedBy'])
@Index('rm_follow_up_last_seen_by_idx', ['lastSeenBy'])
export class FollowUpRow {
  @PrimaryColumn({ type: 'text', name: 'patient_id' })
  patientId!: string;

  @PrimaryColumn('text')
  indication!: string;

  @Column({ type: 'date', name: 'included_on' })
  includedOn!: string;

  /** RPPS of the prescriber who included the patient. */
  @Column({ type: 'text', name: 'included_by' })
  includedBy!: string;

  /** RPPS of the prescriber of the latest consultation; null before any. */
  @Column({ type: 'text', name: 'last_seen_by', nullable: true })
  lastSeenBy!: string | null;

  @Column({ type: 'date', name: 'last_consulted_on', nullable: true })
  lastConsultedOn!: string | null;

  @Column({ type: 'integer', name: 'long_consultations', default: 0 })
  longConsultations!: number;

  @Column({ type: 'date', name: 'next_long_due_on', nullable: true })
  nextLongDueOn!: string | null;

  @Column({ type: 'date', name: 'stopped_on', nullable: true })
  stoppedOn!: string | null;

  @Column({ type: 'text', name: 'stop_reason', nullable: true })
  stopReason!: string | null;
}

/** ANSM's long-consultation schedule as the projection last applied it (one row; none: the default). */
@Entity({ name: 'rm_follow_up_schedule' })
export class FollowUpScheduleRow {
  @PrimaryColumn('integer')
  id!: number;

  @Column({ type: 'integer', name: 'first_year' })
  firstYear!: number;

  @Column('integer')
  thereafter!: number;
}
