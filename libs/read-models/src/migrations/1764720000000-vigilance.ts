import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vigilance: the list of reports (without their free text) and ANSM's signals; and the index that reads one
 * patient's dispensations (the batches a report attaches), so filing reads a patient's rows, never the table.
 */
export class Vigilance1764720000000 implements MigrationInterface {
  name = 'Vigilance1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE TABLE rm_vigilance_report_list (
  report_id text PRIMARY KEY,
  kind text NOT NULL,
  seriousness text NOT NULL,
  outcome text NOT NULL,
  patient_id text NOT NULL,
  reporter_role text NOT NULL,
  reporter_rpps text NOT NULL,
  reporter_organisation text NOT NULL,
  region text NOT NULL,
  centre jsonb NOT NULL,
  onset_on date NOT NULL,
  filed_on date NOT NULL,
  batches jsonb NOT NULL,
  products jsonb NOT NULL,
  follow_ups integer NOT NULL DEFAULT 0,
  corrections integer NOT NULL DEFAULT 0,
  global_order bigserial
);
CREATE INDEX rm_vigilance_report_list_reporter_idx ON rm_vigilance_report_list (reporter_rpps);
CREATE INDEX rm_vigilance_report_list_patient_idx ON rm_vigilance_report_list (patient_id);
CREATE TABLE rm_vigilance_signals (
  signal_id text PRIMARY KEY,
  subject_kind text NOT NULL,
  gtin text NOT NULL,
  lot text,
  report_ids jsonb NOT NULL,
  threshold_reports integer NOT NULL,
  threshold_days integer NOT NULL,
  raised_at timestamptz NOT NULL,
  global_order bigserial
);
CREATE INDEX rm_vigilance_signals_order_idx ON rm_vigilance_signals (global_order);
CREATE INDEX IF NOT EXISTS rm_dispensations_patient_idx ON rm_dispensations (patient_id);`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP INDEX IF EXISTS rm_dispensations_patient_idx; DROP TABLE IF EXISTS rm_vigilance_signals; DROP TABLE IF EXISTS rm_vigilance_report_list;',
    );
  }
}
