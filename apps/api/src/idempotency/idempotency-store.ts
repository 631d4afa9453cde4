import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { migrate, type Migration, type SqlClient } from '#sql';
import { SQL_CLIENT } from '../database/database.module.js';

const MIGRATIONS: Migration[] = [
  {
    id: 'api-001-idempotency-requests',
    sql: `
CREATE TABLE idempotency_requests (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  command_id uuid NOT NULL,
  status integer,
  body jsonb,
  started_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (scope, key)
);`,
  },
];

/** A request still pending after this long is taken to have died with its process, and may be run again. */
const ABANDONED_AFTER_SECONDS = 60;

export type Claim =
  | { kind: 'claimed'; commandId: string }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'other_request' }
  | { kind: 'in_progress' };

interface Row {
  request_hash: string;
  command_id: string;
  status: number | null;
  body: unknown;
}

/** The first answer to each (caller, Idempotency-Key), kept so that a retry gets it again. */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  /** Requests this process is running. */
  private readonly running = new Set<string>();
  /**
   * Requests this process ran whose end it could not record (the database was out of reach): their record still
   * says "in progress", though nothing runs them any more. Their retry may run at once, with the same command id.
   */
  private readonly unsettled = new Set<string>();

  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async onModuleInit(): Promise<void> {
    await migrate(this.sql, MIGRATIONS);
  }

  async claim(scope: string, key: string, requestHash: string, commandId: string): Promise<Claim> {
    const id = `${scope}\n${key}`;
    let inserted: Row[];
    try {
      inserted = await this.sql.query<Row>(
        `INSERT INTO idempotency_requests (scope, key, request_hash, command_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (scope, key) DO NOTHING RETURNING command_id`,
        [scope, key, requestHash, commandId],
      );
    } catch (error) {
      // The insert may have committed with its answer lost.
      this.unsettled.add(id);
      throw error;
    }
    if (inserted.length > 0) {
      this.running.add(id);
      return { kind: 'claimed', commandId };
    }

    const [row] = await this.sql.query<Row>(
      'SELECT request_hash, command_id, status, body FROM idempotency_requests WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    if (!row) return this.claim(scope, key, requestHash, commandId);
    if (row.request_hash !== requestHash) return { kind: 'other_request' };
    if (row.status !== null) return { kind: 'replay', status: row.status, body: row.body };

    const abandoned = this.unsettled.has(id) && !this.running.has(id) ? 0 : ABANDONED_AFTER_SECONDS;
    const retaken = await this.sql.query<Row>(
      `UPDATE idempotency_requests SET started_at = now()
       WHERE scope = $1 AND key = $2 AND status IS NULL AND started_at <= now() - make_interval(secs => $3)
       RETURNING command_id`,
      [scope, key, abandoned],
    );
    if (retaken.length === 0) return { kind: 'in_progress' };
    this.unsettled.delete(id);
    this.running.add(id);
    return { kind: 'claimed', commandId: row.command_id };
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.settle(scope, key, () =>
      this.sql.query(
        `UPDATE idempotency_requests SET status = $3, body = $4::jsonb, completed_at = now() WHERE scope = $1 AND key = $2`,
        [scope, key, status, JSON.stringify(body ?? null)],
      ),
    );
  }

  /** Forgets a request that failed for reasons of our own (5xx), so that its retry runs again. */
  async release(scope: string, key: string): Promise<void> {
    await this.settle(scope, key, () =>
      this.sql.query('DELETE FROM idempotency_requests WHERE scope = $1 AND key = $2 AND status IS NULL', [scope, key]),
    );
  }

  private async settle(scope: string, key: string, write: () => Promise<unknown>): Promise<void> {
    const id = `${scope}\n${key}`;
    try {
      await write();
    } catch (error) {
      this.unsettled.add(id);
      throw error;
    } finally {
      this.running.delete(id);
    }
  }
}
