import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation's region, by which dispensations are counted ('unknown' when registered without one). */
@Entity({ name: 'rm_report_organisations' })
export class ReportOrganisationRow {
  @PrimaryColumn({ type: 'text', name: 'organisation_id' })
  organisationId!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  region!: string;
}
