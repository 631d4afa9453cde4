import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { START, type Checkpoint } from '#event-store';
import { migrate, type SqlClient } from '#sql';
import { SQL_CLIENT } from './database.module.js';

/** Where each subscription of the api resumes after a restart. */
@Injectable()
export class CheckpointStore implements OnModuleInit {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async onModuleInit(): Promise<void> {
    await migrate(this.sql, [
      {
        id: 'api-002-subscription-checkpoints',
        sql: `CREATE TABLE subscription_checkpoints (
          name text PRIMARY KEY,
          checkpoint text NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now()
        )`,
      },
    ]);
  }

  async load(name: string): Promise<Checkpoint> {
    const [row] = await this.sql.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM subscription_checkpoints WHERE name = $1',
      [name],
    );
    return row?.checkpoint ?? START;
  }

  async save(name: string, checkpoint: Checkpoint): Promise<void> {
    await this.sql.query(
      `INSERT INTO subscription_checkpoints (name, checkpoint) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
      [name, checkpoint],
    );
  }
}
