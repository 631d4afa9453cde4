import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The mass balance per batch (issue 17): per batch, per site, and per shipment line. */
export class MassBalance1764760000000 implements MigrationInterface {
  name = 'MassBalance1764760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE TABLE rm_mass_balances (
  gtin text NOT NULL,
  lot text NOT NULL,
  released integer NOT NULL DEFAULT 0,
  release_event_id text,
  awaiting_entry integer NOT NULL DEFAULT 0,
  on_hand integer NOT NULL DEFAULT 0,
  in_transit integer NOT NULL DEFAULT 0,
  missing_at_receipt integer NOT NULL DEFAULT 0,
  dispensed integer NOT NULL DEFAULT 0,
  lost integer NOT NULL DEFAULT 0,
  destroyed integer NOT NULL DEFAULT 0,
  adjusted integer NOT NULL DEFAULT 0,
  difference integer NOT NULL DEFAULT 0,
  balanced boolean NOT NULL DEFAULT true,
  sites text[] NOT NULL DEFAULT '{}',
  evidence text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (gtin, lot)
);
CREATE INDEX rm_mass_balances_imbalanced_idx ON rm_mass_balances (gtin, lot) WHERE NOT balanced;
CREATE TABLE rm_mass_balance_sites (
  gtin text NOT NULL,
  lot text NOT NULL,
  site_id text NOT NULL,
  entered integer NOT NULL DEFAULT 0,
  received integer NOT NULL DEFAULT 0,
  shipped integer NOT NULL DEFAULT 0,
  dispensed integer NOT NULL DEFAULT 0,
  lost integer NOT NULL DEFAULT 0,
  destroyed integer NOT NULL DEFAULT 0,
  adjusted integer NOT NULL DEFAULT 0,
  on_hand integer GENERATED ALWAYS AS (received - shipped - dispensed - lost - destroyed + adjusted) STORED,
  stated integer,
  stated_expected integer,
  stated_event_id text,
  entry_event_id text,
  last_event_id text,
  PRIMARY KEY (gtin, lot, site_id)
);
CREATE INDEX rm_mass_balance_sites_site_idx ON rm_mass_balance_sites (site_id);
CREATE TABLE rm_mass_balance_shipments (
  shipment_id text NOT NULL,
  gtin text NOT NULL,
  lot text NOT NULL,
  from_site text NOT NULL,
  to_site text NOT NULL,
  shipped integer NOT NULL DEFAULT 0,
  accepted integer NOT NULL DEFAULT 0,
  missing integer NOT NULL DEFAULT 0,
  received boolean NOT NULL DEFAULT false,
  dispatch_event_id text,
  receipt_event_id text,
  PRIMARY KEY (shipment_id, gtin, lot)
);
CREATE INDEX rm_mass_balance_shipments_open_idx ON rm_mass_balance_shipments (gtin, lot)
  WHERE NOT received OR missing <> 0 OR shipped <> accepted + missing;`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TABLE IF EXISTS rm_mass_balance_shipments; DROP TABLE IF EXISTS rm_mass_balance_sites; DROP TABLE IF EXISTS rm_mass_balances;',
    );
  }
}
