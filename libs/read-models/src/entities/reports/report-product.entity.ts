import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A product's name and the exploitant holding it (who may read its annual summary). */
@Entity({ name: 'rm_report_products' })
export class ReportProductRow {
  @PrimaryColumn('text')
  gtin!: string;

  @Column('text')
  name!: string;

  @Column({ type: 'text', name: 'exploitant_id' })
  exploitantId!: string;
}
