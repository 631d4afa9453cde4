import { afterAll, describe, expect, it } from '@jest/globals';
import {
  ChainedEventStore,
  EVENT_STORE_MIGRATIONS,
  PostgresEventStoreAdapter,
  SqlCheckpointLog,
  eventHash,
  sealAll,
  verifyChains,
} from '#event-store';
import { PgSqlClient, PgliteSqlClient, migrate, type SqlClient } from '#sql';
import { event, streamName } from './event-store.contract.js';
import { DATABASE_URL, scratchSchema } from './scratch-schema.js';

const scratch = scratchSchema('upgrade');
const scratch004 = scratchSchema('upgrade004');
afterAll(() => Promise.all([scratch.drop(), scratch004.drop()]));

const clients: [string, () => Promise<SqlClient>][] = [
  ['pglite', () => PgliteSqlClient.open()],
  ['postgres', async () => new PgSqlClient({ connectionString: DATABASE_URL, schema: scratch.schema, poolSize: 4 })],
];

/** Appends the way the release before 003 did: through its append_events function. */
async function appendAsBefore(sql: SqlClient, stream: string, batchKeys: unknown): Promise<string> {
  const e = event('Shipped', {});
  const metadata = { ...e.metadata, batchKeys, recordedAt: '2026-03-01T10:00:01.000Z' };
  const rows = await sql.query<{ o_outcome: string }>('SELECT * FROM append_events($1, -1, $2::uuid[], $3::jsonb)', [
    stream,
    [e.id],
    JSON.stringify([{ id: e.id, type: e.type, data: e.data, metadata, prev_hash: null, hash: 'h' }]),
  ]);
  expect(rows[0].o_outcome).toBe('appended');
  return e.id as string;
}

describe.each(clients)('event store schema upgrade to 003 (%s)', (_name, open) => {
  it('still finds by batch key the events stored before the batch table existed', async () => {
    const sql = await open();
    if (sql.kind === 'postgres') await sql.exec(`CREATE SCHEMA IF NOT EXISTS ${scratch.schema}`);
    try {
      await migrate(
        sql,
        EVENT_STORE_MIGRATIONS.filter((m) => m.id < '003'),
      );
      const stored = [
        await appendAsBefore(sql, streamName('register'), ['K-OLD', 'K-BOTH', 'K-OLD']),
        await appendAsBefore(sql, streamName('register'), 'not-a-list'),
        await appendAsBefore(sql, streamName('register'), ['K-BOTH', 7]),
      ];

      expect(await migrate(sql, EVENT_STORE_MIGRATIONS)).toContain('003-event-batches');
      const store = new ChainedEventStore(await PostgresEventStoreAdapter.open(sql, { ownsClient: false }));
      const tagged = {
        ...event('Received', {}),
        metadata: { ...event('Received', {}).metadata, batchKeys: ['K-BOTH'] },
      };
      const added = await store.append(streamName('register'), [tagged]);
      // A process of the previous release, still running during the upgrade, appends through the old function.
      const late = await appendAsBefore(sql, streamName('register'), ['K-BOTH']);

      expect((await store.readByBatchKey('K-OLD')).map((e) => e.id)).toEqual([stored[0]]);
      expect((await store.readByBatchKey('K-BOTH')).map((e) => e.id)).toEqual([
        stored[0],
        stored[2],
        ...added.eventIds,
        late,
      ]);
      expect(await store.readByBatchKey('not-a-list')).toEqual([]);
      expect(await store.readByBatchKey('7')).toEqual([]);
    } finally {
      await sql.close();
    }
  });
});

describe.each([
  ['pglite', () => PgliteSqlClient.open()],
  [
    'postgres',
    async () => {
      const sql = new PgSqlClient({ connectionString: DATABASE_URL, schema: scratch004.schema, poolSize: 4 });
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS ${scratch004.schema}`);
      return sql;
    },
  ],
] as [string, () => Promise<SqlClient>][])('event store schema upgrade to 004 and 005 (%s)', (_name, open) => {
  it('makes a store written before append-only, and seals the events it already held', async () => {
    const sql = await open();
    try {
      await migrate(
        sql,
        EVENT_STORE_MIGRATIONS.filter((m) => m.id < '004'),
      );
      const stream = streamName('batch');
      let prevHash: string | null = null;
      for (let revision = 0; revision < 2; revision++) {
        const e = event('BatchRegistered', { revision });
        const metadata = { ...e.metadata, recordedAt: '2026-03-01T10:00:01.000Z' };
        const hash = eventHash({
          stream,
          revision,
          id: e.id as string,
          type: e.type,
          data: e.data,
          metadata,
          prevHash,
        });
        await sql.query('SELECT * FROM append_events($1, $2, $3::uuid[], $4::jsonb)', [
          stream,
          revision - 1,
          [e.id],
          JSON.stringify([{ id: e.id, type: e.type, data: e.data, metadata, prev_hash: prevHash, hash }]),
        ]);
        prevHash = hash;
      }
      await sql.exec('DELETE FROM events WHERE stream_revision = 99'); // nothing refuses it yet

      const store = new ChainedEventStore(await PostgresEventStoreAdapter.open(sql, { ownsClient: false }));
      expect(
        (await sql.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).map((r) => r.id),
      ).toEqual(EVENT_STORE_MIGRATIONS.map((m) => m.id));
      await expect(sql.exec('DELETE FROM events WHERE stream_revision = 99')).rejects.toThrow(
        'events is append-only: DELETE refused',
      );
      const log = await SqlCheckpointLog.open(sql);
      expect(await sealAll(store, log)).toMatchObject({ seq: 1, eventCount: 2, streamCount: 1 });
      expect(await verifyChains(store, { checkpoints: log })).toMatchObject({
        ok: true,
        checkedEvents: 2,
        sealing: { checkpoints: 1, sealedEvents: 2, unsealedEvents: 0 },
      });
    } finally {
      await sql.close();
    }
  });
});
