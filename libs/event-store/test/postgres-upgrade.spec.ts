import { afterAll, describe, expect, it } from '@jest/globals';
import { ChainedEventStore, EVENT_STORE_MIGRATIONS, PostgresEventStoreAdapter } from '#event-store';
import { PgSqlClient, PgliteSqlClient, migrate, type SqlClient } from '#sql';
import { event, streamName } from './event-store.contract.js';
import { DATABASE_URL, scratchSchema } from './scratch-schema.js';

const scratch = scratchSchema('upgrade');
afterAll(() => scratch.drop());

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
