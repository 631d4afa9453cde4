import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The regulator's reports: the tables of the report projection (patients, dispensations, follow-up, vigilance). */
export class Reports1764806400000 implements MigrationInterface {
  name = 'Reports1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE TABLE rm_report_organisations (
  organisation_id text PRIMARY KEY,
  kind text NOT NULL,
  region text NOT NULL
);
CREATE TABLE rm_report_products (
  gtin text PRIMARY KEY,
  name text NOT NULL,
  exploitant_id text NOT NULL
);
CREATE TABLE rm_report_caps (
  global_order bigserial PRIMARY KEY,
  indication text NOT NULL,
  cap integer NOT NULL,
  set_on date NOT NULL
);
CREATE INDEX rm_report_caps_indication_idx ON rm_report_caps (indication, set_on);
CREATE TABLE rm_report_patients (
  indication text NOT NULL,
  patient_id text NOT NULL,
  included_on date NOT NULL,
  stopped_on date,
  stop_reason text,
  PRIMARY KEY (indication, patient_id)
);
CREATE TABLE rm_report_prescriptions (
  prescription_id text PRIMARY KEY,
  indication text NOT NULL
);
CREATE TABLE rm_report_dispensations (
  dispensation_id text PRIMARY KEY,
  dispensed_on date NOT NULL,
  pharmacy_id text NOT NULL,
  region text NOT NULL,
  gtin text NOT NULL,
  lot text NOT NULL,
  patient_id text NOT NULL,
  indication text NOT NULL,
  quantity integer NOT NULL
);
CREATE INDEX rm_report_dispensations_on_idx ON rm_report_dispensations (dispensed_on);
CREATE INDEX rm_report_dispensations_product_idx ON rm_report_dispensations (gtin, dispensed_on);
CREATE TABLE rm_report_consultations (
  consultation_id text PRIMARY KEY,
  patient_id text NOT NULL,
  indication text NOT NULL,
  consulted_on date NOT NULL,
  kind text NOT NULL,
  decision text NOT NULL
);
CREATE INDEX rm_report_consultations_on_idx ON rm_report_consultations (consulted_on);
CREATE TABLE rm_report_vigilance (
  report_id text PRIMARY KEY,
  kind text NOT NULL,
  seriousness text NOT NULL,
  patient_id text NOT NULL,
  region text NOT NULL,
  filed_on date NOT NULL,
  products jsonb NOT NULL,
  batches jsonb NOT NULL
);
CREATE INDEX rm_report_vigilance_filed_idx ON rm_report_vigilance (filed_on);
CREATE TABLE rm_report_as_of (
  projection text PRIMARY KEY,
  position text NOT NULL,
  recorded_at timestamptz NOT NULL
);`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TABLE rm_report_as_of, rm_report_vigilance, rm_report_consultations, rm_report_dispensations, rm_report_prescriptions, rm_report_patients, rm_report_caps, rm_report_products, rm_report_organisations',
    );
  }
}
