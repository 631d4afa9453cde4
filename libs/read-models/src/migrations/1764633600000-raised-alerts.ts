import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts as events (`alert-{id}` streams) with their state. `rm_alerts` (out-of-specification results only) is
 * kept as it is: those results are raised again as alerts of kind `out_of_specification` by the alerts process,
 * which reads the store from its start the first time it runs.
 */
export class RaisedAlerts1764633600000 implements MigrationInterface {
  name = 'RaisedAlerts1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE TABLE rm_raised_alerts (
  alert_id text PRIMARY KEY,
  kind text NOT NULL,
  state text NOT NULL,
  site text,
  gtin text,
  lot text,
  shipment_id text,
  evidence jsonb NOT NULL,
  details jsonb NOT NULL,
  raised_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  acknowledgement_note text,
  closed_at timestamptz,
  closure_note text,
  global_order bigserial
);
CREATE INDEX rm_raised_alerts_order_idx ON rm_raised_alerts (global_order);
CREATE INDEX rm_raised_alerts_site_idx ON rm_raised_alerts (site, global_order);`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS rm_raised_alerts;');
  }
}
