import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One batch's line of a shipment in the mass balance: dispatched, then accepted or declared missing at receipt. */
@Entity({ name: 'rm_mass_balance_shipments' })
// Only lines in transit, with packs missing, or whose receipt does not add up count in a balance.
@Index('rm_mass_balance_shipments_open_idx', ['gtin', 'lot'], {
  where: 'NOT received OR missing <> 0 OR shipped <> accepted + missing',
})
export class MassBalanceShipmentRow {
  @PrimaryColumn({ type: 'text', name: 'shipment_id' })
  shipmentId!: string;

  @PrimaryColumn('text')
  gtin!: string;

  @PrimaryColumn('text')
  lot!: string;

  @Column({ type: 'text', name: 'from_site' })
  fromSite!: string;

  @Column({ type: 'text', name: 'to_site' })
  toSite!: string;

  @Column({ type: 'integer', default: 0 })
  shipped!: number;

  @Column({ type: 'integer', default: 0 })
  accepted!: number;

  @Column({ type: 'integer', default: 0 })
  missing!: number;

  @Column({ type: 'boolean', default: false })
  received!: boolean;

  @Column({ type: 'text', name: 'dispatch_event_id', nullable: true })
  dispatchEventId!: string | null;

  @Column({ type: 'text', name: 'receipt_event_id', nullable: true })
  receiptEventId!: string | null;
}
