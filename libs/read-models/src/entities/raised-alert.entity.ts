import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An alert raised in its own stream (`alert-{id}`), with where ANSM stands on it. */
@Entity({ name: 'rm_raised_alerts' })
@Index('rm_raised_alerts_order_idx', ['globalOrder'])
@Index('rm_raised_alerts_site_idx', ['site', 'globalOrder'])
export class RaisedAlertRow {
  @PrimaryColumn({ type: 'text', name: 'alert_id' })
  alertId!: string;

  @Column('text')
  kind!: string;

  /** open, acknowledged or closed. */
  @Column('text')
  state!: string;

  @Column({ type: 'text', nullable: true })
  site!: string | null;

  @Column({ type: 'text', nullable: true })
  gtin!: string | null;

  @Column({ type: 'text', nullable: true })
  lot!: string | null;

  @Column({ type: 'text', name: 'shipment_id', nullable: true })
  shipmentId!: string | null;

  /** Ids of the events that show it. */
  @Column('jsonb')
  evidence!: string[];

  @Column('jsonb')
  details!: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'raised_at' })
  raisedAt!: Date;

  @Column({ type: 'timestamptz', name: 'acknowledged_at', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'text', name: 'acknowledgement_note', nullable: true })
  acknowledgementNote!: string | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'text', name: 'closure_note', nullable: true })
  closureNote!: string | null;

  /** The order alerts were raised in (the global order of the store). */
  @Column({ type: 'bigint', name: 'global_order', insert: false, update: false, select: false })
  globalOrder!: string;
}
