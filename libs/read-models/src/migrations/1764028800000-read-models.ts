import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every table of the read side. Databases made before TypeORM hold the same tables, made by the hand-written
 * migrations of the time (ids `projections-00x`, `api-00x` in `schema_migrations`): each statement leaves an
 * existing table or index as it is, so such a database is taken over with its rows and checkpoints.
 */
export class ReadModels1764028800000 implements MigrationInterface {
  name = 'ReadModels1764028800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name text PRIMARY KEY,
  checkpoint text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS rm_batch_sites (
  gtin text NOT NULL,
  lot text NOT NULL,
  site_id text NOT NULL,
  received integer NOT NULL DEFAULT 0,
  shipped integer NOT NULL DEFAULT 0,
  dispensed integer NOT NULL DEFAULT 0,
  lost integer NOT NULL DEFAULT 0,
  destroyed integer NOT NULL DEFAULT 0,
  adjusted integer NOT NULL DEFAULT 0,
  on_hand integer GENERATED ALWAYS AS (received - shipped - dispensed - lost - destroyed + adjusted) STORED,
  PRIMARY KEY (gtin, lot, site_id)
);
CREATE INDEX IF NOT EXISTS rm_batch_sites_site_idx ON rm_batch_sites (site_id);
-- Counters change batch after batch: room left on each page lets PostgreSQL update a row in place (HOT).
ALTER TABLE rm_batch_sites SET (fillfactor = 50);
CREATE TABLE IF NOT EXISTS rm_dispensations (
  dispensation_id text PRIMARY KEY,
  prescription_id text NOT NULL,
  patient_id text NOT NULL,
  pharmacy_id text NOT NULL,
  gtin text NOT NULL,
  lot text NOT NULL,
  quantity integer NOT NULL,
  serial text,
  dispensed_on date NOT NULL,
  global_order bigserial
);
CREATE INDEX IF NOT EXISTS rm_dispensations_batch_idx ON rm_dispensations (gtin, lot);
CREATE INDEX IF NOT EXISTS rm_dispensations_prescription_idx ON rm_dispensations (prescription_id);
CREATE TABLE IF NOT EXISTS rm_shipments (
  shipment_id text PRIMARY KEY,
  from_site text NOT NULL,
  to_site text NOT NULL,
  lines jsonb NOT NULL,
  carrier text,
  dispatched_at timestamptz NOT NULL,
  received_at timestamptz,
  accepted jsonb,
  discrepancies jsonb
);
CREATE INDEX IF NOT EXISTS rm_shipments_to_idx ON rm_shipments (to_site, received_at);
CREATE INDEX IF NOT EXISTS rm_shipments_from_idx ON rm_shipments (from_site);
CREATE TABLE IF NOT EXISTS rm_batches (
  gtin text NOT NULL,
  lot text NOT NULL,
  quantity integer NOT NULL,
  manufactured_on date NOT NULL,
  expires_on date NOT NULL,
  supplier_id text NOT NULL,
  exploitant_id text NOT NULL,
  conformant boolean,
  released boolean NOT NULL DEFAULT false,
  on_hold boolean NOT NULL DEFAULT false,
  recalled boolean NOT NULL DEFAULT false,
  registered_at timestamptz NOT NULL,
  PRIMARY KEY (gtin, lot)
);
CREATE INDEX IF NOT EXISTS rm_batches_supplier_idx ON rm_batches (supplier_id);
CREATE TABLE IF NOT EXISTS rm_prescriptions (
  prescription_id text PRIMARY KEY,
  patient_id text NOT NULL,
  indication text NOT NULL,
  gtin text NOT NULL,
  quantity integer NOT NULL,
  duration_days integer NOT NULL,
  pharmacy_id text NOT NULL,
  prescriber_rpps text NOT NULL,
  issued_on date NOT NULL,
  status text NOT NULL,
  dispensed_quantity integer NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS rm_prescriptions_pharmacy_idx ON rm_prescriptions (pharmacy_id, issued_on);
CREATE INDEX IF NOT EXISTS rm_prescriptions_prescriber_idx ON rm_prescriptions (prescriber_rpps, issued_on);
CREATE TABLE IF NOT EXISTS idempotency_requests (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  command_id uuid NOT NULL,
  status integer,
  body jsonb,
  started_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (scope, key)
);
CREATE TABLE IF NOT EXISTS subscription_checkpoints (
  name text PRIMARY KEY,
  checkpoint text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TABLE subscription_checkpoints, idempotency_requests, rm_prescriptions, rm_batches, rm_shipments, rm_dispensations, rm_batch_sites, projection_checkpoints',
    );
  }
}
