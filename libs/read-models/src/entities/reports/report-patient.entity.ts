import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A patient's inclusion in an indication and, once stopped, when and why (pseudonyms only). */
@Entity({ name: 'rm_report_patients' })
export class ReportPatientRow {
  @PrimaryColumn('text')
  indication!: string;

  @PrimaryColumn({ type: 'text', name: 'patient_id' })
  patientId!: string;

  @Column({ type: 'date', name: 'included_on' })
  includedOn!: string;

  @Column({ type: 'date', name: 'stopped_on', nullable: true })
  stoppedOn!: string | null;

  @Column({ type: 'text', name: 'stop_reason', nullable: true })
  stopReason!: string | null;
}
