import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ChainedEventStore,
  PostgresEventStoreAdapter,
  openEventStore,
  type EventStore,
  type RecordedEvent,
} from '#event-store';
import { PgSqlClient, type SqlClient } from '#sql';
import { endOf, event, eventStoreContract, streamName, waitFor } from './event-store.contract.js';
import { DATABASE_URL, scratchSchema } from './scratch-schema.js';

const scratch = scratchSchema('contract');
afterAll(() => scratch.drop());

eventStoreContract('postgres', () => openEventStore({ kind: 'postgres', url: DATABASE_URL, schema: scratch.schema }));

/** Runs each append in a transaction held open by `hold` after the insert, before the commit. */
function holdingCommits(inner: SqlClient, hold: () => Promise<void>): SqlClient {
  return {
    kind: inner.kind,
    exec: (sql) => inner.exec(sql),
    transaction: (work) => inner.transaction(work),
    listen: (channel, onNotify) => inner.listen(channel, onNotify),
    notify: (channel) => inner.notify(channel),
    close: () => inner.close(),
    query: <Row>(sql: string, params?: unknown[]) =>
      sql.includes('append_events')
        ? inner.transaction(async (tx) => {
            const rows = await tx.query<Row>(sql, params);
            await hold();
            return rows;
          })
        : inner.query<Row>(sql, params),
  };
}

describe('event store on real PostgreSQL: transactions that commit late', () => {
  const openHolding = async (hold: () => Promise<void>, poolSize = 8) =>
    new ChainedEventStore(
      await PostgresEventStoreAdapter.open(
        holdingCommits(new PgSqlClient({ connectionString: DATABASE_URL, schema: scratch.schema, poolSize }), hold),
      ),
    );
  let store: EventStore;
  beforeAll(async () => {
    store = await openEventStore({ kind: 'postgres', url: DATABASE_URL, schema: scratch.schema });
  });
  afterAll(() => store.close());

  it('never lets a reader pass an event whose transaction commits after a later one', async () => {
    let inserted!: () => void;
    let release!: () => void;
    const insertedOnce = new Promise<void>((resolve) => (inserted = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow = await openHolding(async () => {
      inserted();
      await released;
    });
    try {
      const from = await endOf(store);
      const early = slow.append(streamName('early'), [event('Early', {})]);
      await insertedOnce;
      const late = await store.append(streamName('late'), [event('Late', {})]);

      const whileOpen = await store.readAll({ from });
      release();
      const earlyResult = await early;
      const afterCommit = await store.readAll({ from: whileOpen.checkpoint });

      const seen = [...whileOpen.events, ...afterCommit.events].map((e) => e.id);
      expect(seen.sort()).toEqual([earlyResult.eventIds[0], late.eventIds[0]].sort());
    } finally {
      release();
      await slow.close();
    }
  });

  it('hands a subscriber every event committed by 8 racing connections on 50 streams exactly once, in stream order', async () => {
    const writers = await openHolding(() => new Promise((resolve) => setTimeout(resolve, Math.random() * 15)));
    const prefix = streamName('load');
    const from = await endOf(store);
    const received: RecordedEvent[] = [];
    const subscription = store.subscribe(
      (events) => void received.push(...events.filter((e) => e.stream.startsWith(prefix))),
      {
        from,
        batchSize: 50,
        pollIntervalMs: 100,
      },
    );
    const appended: string[] = [];
    try {
      await Promise.all(
        Array.from({ length: 8 }, async (_, writer) => {
          for (let i = 0; i < 25; i++) {
            const stream = `${prefix}-${Math.floor(Math.random() * 50)}`;
            const count = 1 + (i % 3);
            const batch = Array.from({ length: count }, (_, k) => event('Moved', { writer, i, k }));
            appended.push(...(await writers.append(stream, batch)).eventIds);
          }
        }),
      );
      await waitFor(() => received.length >= appended.length, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await subscription.stop();
      await writers.close();
    }

    const ids = received.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...appended].sort());
    const byStream = new Map<string, number[]>();
    for (const e of received) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e.revision]);
    for (const revisions of byStream.values()) expect(revisions).toEqual(revisions.map((_, i) => i));
  });
});
