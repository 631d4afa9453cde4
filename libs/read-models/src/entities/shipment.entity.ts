import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Line } from '#domain';

/** A shipment and, once received, its receipt: a site's incoming and outgoing deliveries. */
@Entity({ name: 'rm_shipments' })
@Index('rm_shipments_to_idx', ['toSite', 'receivedAt'])
@Index('rm_shipments_from_idx', ['fromSite'])
export class ShipmentRow {
  @PrimaryColumn({ type: 'text', name: 'shipment_id' })
  shipmentId!: string;

  @Column({ type: 'text', name: 'from_site' })
  fromSite!: string;

  @Column({ type: 'text', name: 'to_site' })
  toSite!: string;

  @Column('jsonb')
  lines!: Line[];

  @Column({ type: 'text', nullable: true })
  carrier!: string | null;

  @Column({ type: 'timestamptz', name: 'dispatched_at' })
  dispatchedAt!: Date;

  @Column({ type: 'timestamptz', name: 'received_at', nullable: true })
  receivedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  accepted!: Line[] | null;

  @Column({ type: 'jsonb', nullable: true })
  discrepancies!: unknown[] | null;
}
