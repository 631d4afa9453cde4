import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The indication a prescription treats: what a dispensation is counted under. */
@Entity({ name: 'rm_report_prescriptions' })
export class ReportPrescriptionRow {
  @PrimaryColumn({ type: 'text', name: 'prescription_id' })
  prescriptionId!: string;

  @Column('text')
  indication!: string;
}
