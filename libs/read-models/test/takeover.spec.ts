import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { eventStoreOn, START, type EventStore } from '#event-store';
import {
  AlertRow,
  BatchSiteRow,
  IdempotencyRequestRow,
  openReadModels,
  PROJECTIONS,
  Projector,
  readModelsOptions,
  SubscriptionCheckpointRow,
  WebhookSubscriptionRow,
} from '#read-models';
import { migrate, openSqlClient, type SqlClient, type SqlClientConfig } from '#sql';
import { DATABASE_URL, scratchSchema } from '../../event-store/test/scratch-schema.js';
import { HAND_WRITTEN_READ_SIDE } from './fixtures/hand-written-schema.js';

const GTIN = '03400930000014';
const stockEntered = (quantity: number) => ({
  type: 'StockEntered',
  data: { gtin: GTIN, lot: 'L1', quantity, reason: 'batch_release' },
  metadata: {
    actor: 'u',
    role: 'supplier',
    organisation: 'SUP-1',
    occurredAt: '2026-03-01T10:00:00.000Z',
    commandId: randomUUID(),
    correlationId: randomUUID(),
  },
});

/** Tables and indexes that migrations after the takeover add (the hand-written schema never had them). */
const ADDED_SINCE_TAKEOVER = {
  tables: [
    'rm_raised_alerts',
    'rm_follow_up',
    'rm_follow_up_schedule',
    'rm_vigilance_report_list',
    'rm_vigilance_signals',
    ...['organisations', 'products', 'caps', 'patients', 'prescriptions', 'dispensations', 'consultations'].map(
      (t) => `rm_report_${t}`,
    ),
    'rm_report_vigilance',
    'rm_report_as_of',
    'rm_mass_balances',
    'rm_mass_balance_sites',
    'rm_mass_balance_shipments',
  ],
  indexes: ['rm_dispensations_patient_idx'],
};

/** The read side's tables as the catalogue describes them: columns, defaults, indexes and storage options. */
async function describeSchema(sql: SqlClient): Promise<unknown[]> {
  const { tables, indexes } = ADDED_SINCE_TAKEOVER;
  return Promise.all([
    sql.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default, is_generated, generation_expression
       FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name NOT LIKE 'rm\\_mass\\_balance%' AND (table_name LIKE 'rm\\_%' OR table_name IN
         ('projection_checkpoints', 'subscription_checkpoints', 'idempotency_requests', 'webhook_subscriptions'))
         AND NOT (table_name = ANY($1::text[]))
       ORDER BY table_name, ordinal_position`,
      [tables],
    ),
    sql.query(
      `SELECT tablename, indexname, replace(indexdef, ' ON ' || current_schema() || '.', ' ON ') AS indexdef FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename <> 'events' AND tablename <> 'event_batches'
         AND tablename NOT LIKE '%migrations' AND NOT (tablename = ANY($1::text[])) AND NOT (indexname = ANY($2::text[]))
       ORDER BY indexname`,
      [tables, indexes],
    ),
    sql.query(
      `SELECT relname, reloptions FROM pg_class
       WHERE relnamespace = current_schema()::regnamespace AND relname LIKE 'rm\\_%' AND relkind = 'r'
         AND NOT (relname = ANY($1::text[])) ORDER BY relname`,
      [tables],
    ),
  ]);
}

const backends: [string, () => { config: SqlClientConfig; drop: () => Promise<void> }][] = [
  ['pglite', () => ({ config: { kind: 'pglite' }, drop: async () => undefined })],
  [
    'postgres',
    () => {
      const scratch = scratchSchema('takeover');
      return { config: { kind: 'postgres', url: DATABASE_URL, schema: scratch.schema }, drop: scratch.drop };
    },
  ],
];

describe.each(backends)('a database of the hand-written migrations taken over by TypeORM (%s)', (_name, backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function open(): Promise<{ sql: SqlClient; store: EventStore; config: SqlClientConfig }> {
    const { config, drop } = backend();
    const sql = await openSqlClient(config);
    cleanups.push(drop, () => sql.close());
    return { sql, store: await eventStoreOn(sql), config };
  }

  async function readModelsOn(config: SqlClientConfig, sql: SqlClient): Promise<DataSource> {
    const readModels = await openReadModels(readModelsOptions(config, sql));
    cleanups.push(() => readModels.destroy());
    return readModels;
  }

  it('makes the same schema as the hand-written migrations did', async () => {
    const old = await open();
    await migrate(old.sql, HAND_WRITTEN_READ_SIDE);
    const fresh = await open();
    await readModelsOn(fresh.config, fresh.sql);
    const made = await describeSchema(fresh.sql);
    expect((made[0] as unknown[]).length).toBe(90);
    expect(made).toEqual(await describeSchema(old.sql));
  });

  it('keeps the rows and checkpoints it finds, and projects on from them', async () => {
    const { sql, store, config } = await open();
    await migrate(sql, HAND_WRITTEN_READ_SIDE);
    // The state a deployment of the previous release leaves: 500 packs entered, projected, checkpoints at them.
    const { position } = await store.append('register-SUP-1', [stockEntered(500)]);
    await sql.query(`INSERT INTO rm_batch_sites (gtin, lot, site_id, received) VALUES ($1, 'L1', 'SUP-1', 500)`, [
      GTIN,
    ]);
    for (const { name } of PROJECTIONS)
      await sql.query('INSERT INTO projection_checkpoints (name, checkpoint) VALUES ($1, $2)', [name, position]);
    await sql.query(`INSERT INTO subscription_checkpoints (name, checkpoint) VALUES ('release-entries', $1)`, [
      position,
    ]);
    await sql.query(
      `INSERT INTO idempotency_requests (scope, key, request_hash, command_id, status, body)
       VALUES ('SUP-1/u', 'k1', 'h', '00000000-0000-4000-8000-000000000001', 201, '{"ok":true}')`,
    );
    await sql.query(
      `INSERT INTO rm_alerts (event_id, kind, gtin, lot, recorded_by_role, recorded_by, sampled_on, failures, raised_at)
       VALUES ('e-1', 'out_of_specification', $1, 'L1', 'laboratory', 'LAB-1', '2026-03-01', '[]', now())`,
      [GTIN],
    );
    await sql.query(
      `INSERT INTO webhook_subscriptions (id, organisation, role, url, kinds, secret, cursor, created_at)
       VALUES ('w-1', 'PH-1', 'pharmacy', 'https://ph-1.example/hook', '[]', 's', 'start', now())`,
    );
    await store.append('register-SUP-1', [stockEntered(20)]);

    const readModels = await readModelsOn(config, sql);
    const projector = new Projector(store, readModels, PROJECTIONS);
    await projector.register();
    projector.start();
    await projector.caughtUp();
    await projector.stop();

    expect(await readModels.query('SELECT name FROM read_model_migrations')).toEqual([
      { name: 'ReadModels1764028800000' },
      { name: 'AlertsAndWebhooks1764547200000' },
      { name: 'RaisedAlerts1764633600000' },
      { name: 'FollowUp1764640000000' },
      { name: 'Vigilance1764720000000' },
      { name: 'MassBalance1764760000000' },
      { name: 'Reports1764806400000' },
    ]);
    // Projected from the checkpoint found: the 20 packs added once, the 500 not projected again.
    const site = await readModels
      .getRepository(BatchSiteRow)
      .findOneByOrFail({ gtin: GTIN, lot: 'L1', siteId: 'SUP-1' });
    expect([site.received, site.onHand]).toEqual([520, 520]);
    expect((await projector.status()).map((s) => s.checkpoint)).not.toContain(START);
    expect(
      await readModels.getRepository(SubscriptionCheckpointRow).findOneBy({ name: 'release-entries' }),
    ).toMatchObject({
      checkpoint: position,
    });
    expect(
      await readModels.getRepository(IdempotencyRequestRow).findOneBy({ scope: 'SUP-1/u', key: 'k1' }),
    ).toMatchObject({ status: 201, body: { ok: true }, commandId: '00000000-0000-4000-8000-000000000001' });
    expect(await readModels.getRepository(AlertRow).findOneBy({ eventId: 'e-1' })).toMatchObject({
      recordedBy: 'LAB-1',
    });
    expect(await readModels.getRepository(WebhookSubscriptionRow).findOneBy({ id: 'w-1' })).toMatchObject({
      organisation: 'PH-1',
      cursor: 'start',
    });
  });

  it('migrates once when several processes start on the same database', async () => {
    const { sql, config } = await open();
    const started = await Promise.all([readModelsOn(config, sql), readModelsOn(config, sql)]);
    expect(await started[0].query('SELECT name FROM read_model_migrations')).toEqual([
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
