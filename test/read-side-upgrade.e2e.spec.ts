import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../apps/api/src/create-app.js';
import type { AppConfig } from '#config';
import { eventStoreOn, type EventStore } from '#event-store';
import { PROJECTIONS, Projector } from '#read-models';
import { migrate, openSqlClient, type SqlClient } from '#sql';
import { DATABASE_URL, scratchSchema } from '../libs/event-store/test/scratch-schema.js';
import { HAND_WRITTEN_READ_SIDE } from '../libs/read-models/test/fixtures/hand-written-schema.js';
import { GTIN } from './catalogue.fixtures.js';
import { JWT_SECRET, token } from './harness.js';

const registered = (lot: string, occurredAt: string) => ({
  type: 'BatchRegistered',
  data: {
    gtin: GTIN,
    lot,
    quantity: 500,
    manufacturedOn: '2026-01-10',
    expiresOn: '2031-01-31',
    supplierId: 'SUP-1',
    exploitantId: 'EXP-1',
  },
  metadata: {
    actor: 'supplier-user',
    role: 'supplier',
    organisation: 'SUP-1',
    occurredAt,
    commandId: randomUUID(),
    correlationId: randomUUID(),
  },
});

/** The api of this release started on a database whose read side the hand-written migrations of the last made. */
describe('the read side of an existing PostgreSQL deployment, taken over at start', () => {
  const scratch = scratchSchema('rsupgrade');
  let sql: SqlClient;
  let store: EventStore;
  let app: INestApplication;
  beforeAll(async () => {
    sql = await openSqlClient({ kind: 'postgres', url: DATABASE_URL, schema: scratch.schema });
    store = await eventStoreOn(sql);
    await migrate(sql, HAND_WRITTEN_READ_SIDE);
    // As the previous release left it: OLD-1 projected (its events long gone from this test's store), OLD-2
    // registered and projected up to the checkpoint, its row deliberately absent: re-projecting from the start
    // would bring it back.
    await sql.query(
      `INSERT INTO rm_batches (gtin, lot, quantity, manufactured_on, expires_on, supplier_id, exploitant_id, registered_at)
       VALUES ($1, 'OLD-1', 500, '2026-01-10', '2031-01-31', 'SUP-1', 'EXP-1', '2026-02-01T10:00:00Z')`,
      [GTIN],
    );
    const { position } = await store.append(`batch-${GTIN}-OLD-2`, [registered('OLD-2', '2026-02-02T10:00:00.000Z')]);
    for (const { name } of PROJECTIONS)
      await sql.query('INSERT INTO projection_checkpoints (name, checkpoint) VALUES ($1, $2)', [name, position]);

    const config: AppConfig = {
      port: 0,
      host: '127.0.0.1',
      dataDir: '/nonexistent',
      database: { kind: 'postgres', url: DATABASE_URL, schema: scratch.schema },
      eventStore: { kind: 'database' },
      jwt: { secret: JWT_SECRET },
      rateLimitPerMinute: 1_000_000,
      corsOrigins: [],
      runProjections: true,
    };
    app = await createApp(config, { logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await sql.close();
    await scratch.drop();
  });

  const lots = async () =>
    (
      await request(app.getHttpServer())
        .get('/v1/batches')
        .set('Authorization', `Bearer ${token('ansm', 'ANSM')}`)
        .expect(200)
    ).body.map((b: { lot: string }) => b.lot);

  it('answers from the rows it found and projects on from the checkpoint it found', async () => {
    await app.get(Projector).caughtUp();
    expect(await lots()).toEqual(['OLD-1']);
    await store.append(`batch-${GTIN}-NEW-1`, [registered('NEW-1', '2026-03-01T10:00:00.000Z')]);
    await app.get(Projector).caughtUp();
    expect(await lots()).toEqual(['NEW-1', 'OLD-1']);
    expect(await sql.query('SELECT name FROM read_model_migrations')).toEqual([
      { name: 'ReadModels1764028800000' },
      { name: 'AlertsAndWebhooks1764547200000' },
      { name: 'RaisedAlerts1764633600000' },
      { name: 'FollowUp1764640000000' },
      { name: 'Vigilance1764720000000' },
      { name: 'MassBalance1764760000000' },
      { name: 'Reports1764806400000' },
    ]);
  });
});
