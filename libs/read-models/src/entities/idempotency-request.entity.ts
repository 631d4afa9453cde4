import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a caller's Idempotency-Key; status and body stay null while the request runs. */
@Entity({ name: 'idempotency_requests' })
export class IdempotencyRequestRow {
  /** The caller: organisation and user. */
  @PrimaryColumn('text')
  scope!: string;

  @PrimaryColumn('text')
  key!: string;

  @Column({ type: 'text', name: 'request_hash' })
  requestHash!: string;

  @Column({ type: 'uuid', name: 'command_id' })
  commandId!: string;

  @Column({ type: 'integer', nullable: true })
  status!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  body!: unknown;

  @Column({ type: 'timestamptz', name: 'started_at', default: () => 'now()' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
