import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a projection stands in the global order; moved in the transaction that writes its changes. */
@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpointRow {
  @PrimaryColumn('text')
  name!: string;

  @Column('text')
  checkpoint!: string;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}

/** Where a process of the api that follows the store (release entries) resumes after a restart. */
@Entity({ name: 'subscription_checkpoints' })
export class SubscriptionCheckpointRow {
  @PrimaryColumn('text')
  name!: string;

  @Column('text')
  checkpoint!: string;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
