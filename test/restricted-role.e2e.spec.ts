import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { migrateAll } from '../apps/cli/src/commands/migrate.js';
import { SQL_CLIENT } from '../apps/api/src/database/database.module.js';
import type { AppConfig } from '#config';
import { migrate, type SqlClient } from '#sql';
import { Projector } from '#read-models';
import { EventAlerts } from '../apps/api/src/processes/alerts/event-alerts.js';
import { DATABASE_URL } from '../libs/event-store/test/scratch-schema.js';
import { GTIN, analysis, batch, conformingFlowerResults, seedCatalogue } from './catalogue.fixtures.js';
import { Api, JWT_SECRET } from './harness.js';

const suffix = randomBytes(4).toString('hex');
const SCHEMA = `ct_roles_${suffix}`;
const OWNER = `ct_owner_${suffix}`;
const API_ROLE = `ct_api_${suffix}`;
const as = (role: string) => {
  const url = new URL(DATABASE_URL);
  url.username = role;
  return url.toString();
};

async function asSuperuser(statements: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(statements);
  } finally {
    await client.end();
  }
}

/** The statements of docs/operations.md, run by the owner after `cli migrate`. */
const GRANTS = `
GRANT USAGE ON SCHEMA ${SCHEMA} TO ${API_ROLE};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${API_ROLE};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${SCHEMA} TO ${API_ROLE};
REVOKE UPDATE, DELETE ON ${SCHEMA}.events, ${SCHEMA}.event_batches, ${SCHEMA}.event_checkpoints,
  ${SCHEMA}.event_checkpoint_heads, ${SCHEMA}.schema_migrations FROM ${API_ROLE};`;

describe('the api under a role that may not change events (PostgreSQL)', () => {
  let api: Api;
  let sql: SqlClient;
  beforeAll(async () => {
    await asSuperuser(`CREATE ROLE ${OWNER} LOGIN; CREATE ROLE ${API_ROLE} LOGIN;
      CREATE SCHEMA ${SCHEMA} AUTHORIZATION ${OWNER};`);
    const config = (role: string): AppConfig => ({
      port: 0,
      host: '127.0.0.1',
      dataDir: '/nonexistent',
      database: { kind: 'postgres', url: as(role), schema: SCHEMA },
      eventStore: { kind: 'database' },
      jwt: { secret: JWT_SECRET },
      rateLimitPerMinute: 1_000_000,
      corsOrigins: [],
      runProjections: true,
    });
    expect(await migrateAll(config(OWNER))).toBe('every migration is applied (postgres)');
    const owner = new pg.Client({ connectionString: as(OWNER) });
    await owner.connect();
    await owner.query(GRANTS);
    await owner.end();
    api = await Api.start('postgres', { database: config(API_ROLE).database });
    sql = api.app.get<SqlClient>(SQL_CLIENT);
  });
  afterAll(async () => {
    await api?.close();
    await asSuperuser(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; DROP OWNED BY ${API_ROLE}; DROP ROLE IF EXISTS ${API_ROLE};
      DROP ROLE IF EXISTS ${OWNER};`);
  });

  it('runs commands, projections, the digest and verify', async () => {
    expect((await sql.query<{ user: string }>('SELECT current_user AS user'))[0].user).toBe(API_ROLE);
    await seedCatalogue(api);
    await api.post('/v1/batches', 'supplier', 'SUP-1', batch('L1')).expect(201);
    await api.app.get(Projector).caughtUp();
    await api.get(`/v1/batches/${GTIN}/L1`, 'ansm', 'ANSM').expect(200);
    const digest = (await api.get('/v1/audit/digest', 'ansm', 'ANSM').expect(200)).body;
    expect(digest.checkpoint.eventCount).toBe((await api.allEvents()).length);
    expect((await api.get('/v1/audit/verify', 'ansm', 'ANSM').expect(200)).body).toMatchObject({
      ok: true,
      sealing: { unsealedEvents: 0 },
    });
  });

  it('projects an alert, whose row takes its order from a sequence', async () => {
    await api.post('/v1/batches', 'supplier', 'SUP-1', batch('OOS')).expect(201);
    const failed = await api
      .post(
        `/v1/batches/${GTIN}/OOS/analyses`,
        'laboratory',
        'LAB-1',
        analysis({ ...conformingFlowerResults, lead: 50 }),
      )
      .expect(201);
    await api.app.get(EventAlerts).caughtUp();
    await api.app.get(Projector).caughtUp();
    expect((await api.app.get(Projector).status()).filter((s) => s.lastError !== null)).toEqual([]);
    const alerts = (await api.get('/v1/audit/alerts', 'ansm', 'ANSM').expect(200)).body;
    expect(alerts.map((a: { eventId: string }) => a.eventId)).toEqual([failed.body.eventIds[0]]);
  });

  it('may not update, delete or truncate events or checkpoints, nor switch their triggers off', async () => {
    const columns = {
      events: 'hash',
      event_batches: 'batch_key',
      event_checkpoints: 'hash',
      event_checkpoint_heads: 'hash',
    };
    for (const [table, column] of Object.entries(columns)) {
      for (const statement of [
        `UPDATE ${table} SET ${column} = ${column}`,
        `DELETE FROM ${table}`,
        `TRUNCATE ${table}`,
      ]) {
        await expect(sql.query(statement)).rejects.toThrow(`permission denied for table ${table}`);
      }
      await expect(sql.exec(`ALTER TABLE ${table} DISABLE TRIGGER USER`)).rejects.toThrow(
        `must be owner of table ${table}`,
      );
    }
  });

  it('refuses to start on a pending migration it may not apply, and says who may', async () => {
    await expect(migrate(sql, [{ id: '999-pending', sql: 'CREATE TABLE pending_change (id int)' }])).rejects.toThrow(
      'migration 999-pending is pending and this role may not apply it (permission denied for schema',
    );
  });
});
