import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Patients' follow-up per indication (long consultations due) and ANSM's schedule of long consultations. */
export class FollowUp1764640000000 implements MigrationInterface {
  name = 'FollowUp1764640000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE TABLE rm_follow_up (
  patient_id text NOT NULL,
  indication text NOT NULL,
  included_on date NOT NULL,
  included_by text NOT NULL,
  last_seen_by text,
  last_consulted_on date,
  long_consultations integer NOT NULL DEFAULT 0,
  next_long_due_on date,
  stopped_on date,
  stop_reason text,
  PRIMARY KEY (patient_id, indication)
);
CREATE INDEX rm_follow_up_due_idx ON rm_follow_up (next_long_due_on);
CREATE INDEX rm_follow_up_included_by_idx ON rm_follow_up (included_by);
CREATE INDEX rm_follow_up_last_seen_by_idx ON rm_follow_up (last_seen_by);
CREATE TABLE rm_follow_up_schedule (
  id integer PRIMARY KEY,
  first_year integer NOT NULL,
  thereafter integer NOT NULL
);`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS rm_follow_up_schedule; DROP TABLE IF EXISTS rm_follow_up;');
  }
}
