import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A vigilance report as it stands after its corrections and follow-ups, without its free text (the narrative is
 * read from the report's stream, by those who may): the lists of reports by role.
 */
@Entity({ name: 'rm_vigilance_report_list' })
@Index('rm_vigilance_report_list_reporter_idx', ['reporterRpps'])
@Index('rm_vigilance_report_list_patient_idx', ['patientId'])
export class VigilanceReportRow {
  @PrimaryColumn({ type: 'text', name: 'report_id' })
  reportId!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  seriousness!: string;

  @Column('text')
  outcome!: string;

  @Column({ type: 'text', name: 'patient_id' })
  patientId!: string;

  @Column({ type: 'text', name: 'reporter_role' })
  reporterRole!: string;

  @Column({ type: 'text', name: 'reporter_rpps' })
  reporterRpps!: string;

  @Column({ type: 'text', name: 'reporter_organisation' })
  reporterOrganisation!: string;

  @Column('text')
  region!: string;

  @Column({ type: 'jsonb' })
  centre!: { kind: string; id: string; name: string };

  @Column({ type: 'date', name: 'onset_on' })
  onsetOn!: string;

  @Column({ type: 'date', name: 'filed_on' })
  filedOn!: string;

  @Column('jsonb')
  batches!: { gtin: string; lot: string }[];

  @Column('jsonb')
  products!: string[];

  @Column({ type: 'integer', name: 'follow_ups', default: 0 })
  followUps!: number;

  @Column({ type: 'integer', default: 0 })
  corrections!: number;

  /** The order reports were projected in (the global order of the store). */
  @Column({ type: 'bigint', name: 'global_order', insert: false, update: false, select: false })
  globalOrder!: string;
}
