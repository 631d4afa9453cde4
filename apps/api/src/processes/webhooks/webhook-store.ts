import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { START, type Checkpoint, type SqlClient } from '#event-store';
import { SQL_CLIENT } from '../../database/database.module.js';

/** A partner's webhook: where to send the events its organisation may see, and how far it has got. */
export interface WebhookSubscription {
  id: string;
  organisation: string;
  role: string;
  url: string;
  /** Event types to send; empty: every type. */
  kinds: string[];
  secret: string;
  /** The position of the last event delivered (or skipped as not for it); `start` before any. */
  cursor: Checkpoint;
  lastDeliveredEventId: string | null;
  /** Failed attempts at the event after the cursor; 0 once it is delivered. */
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  organisation: string;
  role: string;
  url: string;
  kinds: string;
  secret: string;
  cursor: string;
  last_delivered_event_id: string | null;
  attempts: number;
  next_attempt_at: string | Date | null;
  last_error: string | null;
  created_at: string | Date;
}

const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());

/**
 * The webhook subscriptions and their cursors, in a table of their own (to move to the TypeORM read side later).
 * Not events: a subscription is a partner's configuration, not a fact of the circuit.
 */
@Injectable()
export class WebhookStore implements OnModuleInit {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async onModuleInit(): Promise<void> {
    await this.sql.query(`CREATE TABLE IF NOT EXISTS webhook_subscriptions (
      id text PRIMARY KEY,
      organisation text NOT NULL,
      role text NOT NULL,
      url text NOT NULL,
      kinds text NOT NULL,
      secret text NOT NULL,
      cursor text NOT NULL,
      last_delivered_event_id text,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      last_error text,
      lease_holder text,
      lease_until timestamptz,
      created_at timestamptz NOT NULL
    )`);
  }

  /** Creates the subscription once: a retry of the same registration answers the first one. */
  async create(
    subscription: Pick<WebhookSubscription, 'id' | 'organisation' | 'role' | 'url' | 'kinds' | 'secret'>,
    now: Date,
  ): Promise<WebhookSubscription> {
    await this.sql.query(
      `INSERT INTO webhook_subscriptions (id, organisation, role, url, kinds, secret, cursor, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [
        subscription.id,
        subscription.organisation,
        subscription.role,
        subscription.url,
        JSON.stringify(subscription.kinds),
        subscription.secret,
        START,
        now.toISOString(),
      ],
    );
    return (await this.get(subscription.id)) as WebhookSubscription;
  }

  async get(id: string): Promise<WebhookSubscription | undefined> {
    const [row] = await this.sql.query<Row>('SELECT * FROM webhook_subscriptions WHERE id = $1', [id]);
    return row && toSubscription(row);
  }

  async ofOrganisation(organisation: string): Promise<WebhookSubscription[]> {
    const rows = await this.sql.query<Row>(
      'SELECT * FROM webhook_subscriptions WHERE organisation = $1 ORDER BY created_at, id',
      [organisation],
    );
    return rows.map(toSubscription);
  }

  /** Subscriptions whose next attempt is due. */
  async due(now: Date): Promise<WebhookSubscription[]> {
    const rows = await this.sql.query<Row>(
      `SELECT * FROM webhook_subscriptions WHERE next_attempt_at IS NULL OR next_attempt_at <= $1 ORDER BY id`,
      [now.toISOString()],
    );
    return rows.map(toSubscription);
  }

  /**
   * Takes (or keeps) the right to deliver a subscription until `until`: one api process at a time sends its
   * events, so that several processes on one database keep the order. Answers the subscription as it now stands
   * (its cursor fresh), or undefined when another process holds it.
   */
  async claim(id: string, holder: string, now: Date, until: Date): Promise<WebhookSubscription | undefined> {
    const [row] = await this.sql.query<Row>(
      `UPDATE webhook_subscriptions SET lease_holder = $2, lease_until = $4
       WHERE id = $1 AND (lease_holder IS NULL OR lease_holder = $2 OR lease_until < $3) RETURNING *`,
      [id, holder, now.toISOString(), until.toISOString()],
    );
    return row && toSubscription(row);
  }

  /** Gives back every subscription this process holds (at shutdown: a new process takes over at once). */
  async release(holder: string): Promise<void> {
    await this.sql.query(
      'UPDATE webhook_subscriptions SET lease_holder = NULL, lease_until = NULL WHERE lease_holder = $1',
      [holder],
    );
  }

  /** Moves the cursor past events delivered or not for this subscription; clears the failures. */
  async advance(id: string, cursor: Checkpoint, lastDeliveredEventId: string | null): Promise<void> {
    await this.sql.query(
      `UPDATE webhook_subscriptions SET cursor = $2,
         last_delivered_event_id = COALESCE($3, last_delivered_event_id),
         attempts = 0, next_attempt_at = NULL, last_error = NULL
       WHERE id = $1`,
      [id, cursor, lastDeliveredEventId],
    );
  }

  async failed(id: string, attempts: number, nextAttemptAt: Date, error: string): Promise<void> {
    await this.sql.query(
      `UPDATE webhook_subscriptions SET attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1`,
      [id, attempts, nextAttemptAt.toISOString(), error.slice(0, 500)],
    );
  }

  /** The partner moves its cursor (back to replay, or forward to skip): delivery resumes after it at once. */
  async reset(id: string, cursor: Checkpoint): Promise<void> {
    await this.sql.query(
      `UPDATE webhook_subscriptions SET cursor = $2, attempts = 0, next_attempt_at = NULL, last_error = NULL
       WHERE id = $1`,
      [id, cursor],
    );
  }

  async remove(id: string): Promise<void> {
    await this.sql.query('DELETE FROM webhook_subscriptions WHERE id = $1', [id]);
  }
}

function toSubscription(row: Row): WebhookSubscription {
  return {
    id: row.id,
    organisation: row.organisation,
    role: row.role,
    url: row.url,
    kinds: JSON.parse(row.kinds) as string[],
    secret: row.secret,
    cursor: row.cursor,
    lastDeliveredEventId: row.last_delivered_event_id,
    attempts: Number(row.attempts),
    nextAttemptAt: iso(row.next_attempt_at),
    lastError: row.last_error,
    createdAt: iso(row.created_at) as string,
  };
}
