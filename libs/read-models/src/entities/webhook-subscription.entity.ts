import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A partner's webhook and how far it has got: configuration, not a fact of the circuit, so a table and not
 * events. `lease_holder` and `lease_until` name the api process delivering it.
 */
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscriptionRow {
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  organisation!: string;

  @Column('text')
  role!: string;

  @Column('text')
  url!: string;

  /** Event types to send, as a JSON array; empty: every type. */
  @Column('text')
  kinds!: string;

  @Column('text')
  secret!: string;

  @Column('text')
  cursor!: string;

  @Column({ type: 'text', name: 'last_delivered_event_id', nullable: true })
  lastDeliveredEventId!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', name: 'next_attempt_at', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column({ type: 'text', name: 'lease_holder', nullable: true })
  leaseHolder!: string | null;

  @Column({ type: 'timestamptz', name: 'lease_until', nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
