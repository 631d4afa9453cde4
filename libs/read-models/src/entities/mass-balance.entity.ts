import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A batch's mass balance: the terms of its equation, whether it holds, and the sites whose figures disagree. */
@Entity({ name: 'rm_mass_balances' })
@Index('rm_mass_balances_imbalanced_idx', ['gtin', 'lot'], { where: 'NOT balanced' })
export class MassBalanceRow {
  @PrimaryColumn('text')
  gtin!: string;

  @PrimaryColumn('text')
  lot!: string;

  /** Quantity of the BatchReleased event; 0 before it. */
  @Column({ type: 'integer', default: 0 })
  released!: number;

  @Column({ type: 'text', name: 'release_event_id', nullable: true })
  releaseEventId!: string | null;

  @Column({ type: 'integer', name: 'awaiting_entry', default: 0 })
  awaitingEntry!: number;

  @Column({ type: 'integer', name: 'on_hand', default: 0 })
  onHand!: number;

  @Column({ type: 'integer', name: 'in_transit', default: 0 })
  inTransit!: number;

  @Column({ type: 'integer', name: 'missing_at_receipt', default: 0 })
  missingAtReceipt!: number;

  @Column({ type: 'integer', default: 0 })
  dispensed!: number;

  @Column({ type: 'integer', default: 0 })
  lost!: number;

  @Column({ type: 'integer', default: 0 })
  destroyed!: number;

  @Column({ type: 'integer', default: 0 })
  adjusted!: number;

  @Column({ type: 'integer', default: 0 })
  difference!: number;

  @Column({ type: 'boolean', default: true })
  balanced!: boolean;

  /** The sites whose figures disagree. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sites!: string[];

  /** Ids of the events that show the disagreements. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  evidence!: string[];
}
