import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A follow-up consultation: its date, kind and decision (no symptom score, no adverse effect: not reported). */
@Entity({ name: 'rm_report_consultations' })
@Index('rm_report_consultations_on_idx', ['consultedOn'])
export class ReportConsultationRow {
  @PrimaryColumn({ type: 'text', name: 'consultation_id' })
  consultationId!: string;

  @Column({ type: 'text', name: 'patient_id' })
  patientId!: string;

  @Column('text')
  indication!: string;

  @Column({ type: 'date', name: 'consulted_on' })
  consultedOn!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  decision!: string;
}
