import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One site's figures for one batch in the mass balance: its register's movements, and the stock its register
 * last stated with what the movements gave at that point.
 */
@Entity({ name: 'rm_mass_balance_sites' })
@Index('rm_mass_balance_sites_site_idx', ['siteId'])
export class MassBalanceSiteRow {
  @PrimaryColumn('text')
  gtin!: string;

  @PrimaryColumn('text')
  lot!: string;

  @PrimaryColumn({ type: 'text', name: 'site_id' })
  siteId!: string;

  /** Packs entered by the release (also counted in `received`). */
  @Column({ type: 'integer', default: 0 })
  entered!: number;

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

  /** The stock the register last stated; null until it states one. */
  @Column({ type: 'integer', nullable: true })
  stated!: number | null;

  /** What the movements gave when the register stated its stock. */
  @Column({ type: 'integer', name: 'stated_expected', nullable: true })
  statedExpected!: number | null;

  @Column({ type: 'text', name: 'stated_event_id', nullable: true })
  statedEventId!: string | null;

  @Column({ type: 'text', name: 'entry_event_id', nullable: true })
  entryEventId!: string | null;

  @Column({ type: 'text', name: 'last_event_id', nullable: true })
  lastEventId!: string | null;
}
