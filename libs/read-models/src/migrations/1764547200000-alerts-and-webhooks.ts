import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alerts read model and the webhook subscriptions. Databases made before TypeORM may hold both already (the
 * hand-written migration `projections-006-alerts`; the table the webhook store used to create at start): each
 * statement leaves an existing table or index as it is, so their rows are kept.
 */
export class AlertsAndWebhooks1764547200000 implements MigrationInterface {
  name = 'AlertsAndWebhooks1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE TABLE IF NOT EXISTS rm_alerts (
  event_id text PRIMARY KEY,
  kind text NOT NULL,
  gtin text NOT NULL,
  lot text NOT NULL,
  recorded_by_role text NOT NULL,
  recorded_by text NOT NULL,
  sampled_on date NOT NULL,
  failures jsonb NOT NULL,
  raised_at timestamptz NOT NULL,
  global_order bigserial
);
CREATE INDEX IF NOT EXISTS rm_alerts_order_idx ON rm_alerts (global_order);
CREATE TABLE IF NOT EXISTS webhook_subscriptions (
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
);`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS webhook_subscriptions; DROP TABLE IF EXISTS rm_alerts;');
  }
}
