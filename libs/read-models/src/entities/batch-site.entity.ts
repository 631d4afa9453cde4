import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What one site did with one batch's packs (stock and trace); on hand follows from the counters. */
@Entity({ name: 'rm_batch_sites' })
@Index('rm_batch_sites_site_idx', ['siteId'])
export class BatchSiteRow {
  @PrimaryColumn('text')
  gtin!: string;

  @PrimaryColumn('text')
  lot!: string;

  @PrimaryColumn({ type: 'text', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'integer', default: 0 })
  received!: number;

  @Column({ type: 'integer', default: 0 })
  shipped!: number;

  @Column({ type: 'integer', default: 0 })
  dispensed!: number;

  @Column({ type: 'integer', default: 0 })
  lost!: number;

  @Column({ type: 'integer', default: 0 })
  destroyed!: number;

  @Column({ type: 'integer', default: 0 })
  adjusted!: number;

  @Column({
    type: 'integer',
    name: 'on_hand',
    generatedType: 'STORED',
    asExpression: 'received - shipped - dispensed - lost - destroyed + adjusted',
    insert: false,
    update: false,
  })
  onHand!: number;
}
