import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A batch with its conformity, release, hold and recall state: the supplier's and the auditor's lists. */
@Entity({ name: 'rm_batches' })
@Index('rm_batches_supplier_idx', ['supplierId'])
export class BatchRow {
  @PrimaryColumn('text')
  gtin!: string;

  @PrimaryColumn('text')
  lot!: string;

  @Column('integer')
  quantity!: number;

  @Column({ type: 'date', name: 'manufactured_on' })
  manufacturedOn!: string;

  @Column({ type: 'date', name: 'expires_on' })
  expiresOn!: string;

  @Column({ type: 'text', name: 'supplier_id' })
  supplierId!: string;

  @Column({ type: 'text', name: 'exploitant_id' })
  exploitantId!: string;

  /** Unknown (null) until an analysis is recorded. */
  @Column({ type: 'boolean', nullable: true })
  conformant!: boolean | null;

  @Column({ type: 'boolean', default: false })
  released!: boolean;

  @Column({ type: 'boolean', name: 'on_hold', default: false })
  onHold!: boolean;

  @Column({ type: 'boolean', default: false })
  recalled!: boolean;

  @Column({ type: 'timestamptz', name: 'registered_at' })
  registeredAt!: Date;
}
