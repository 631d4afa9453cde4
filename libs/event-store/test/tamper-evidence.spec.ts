import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  ChainedEventStore,
  DigestSigner,
  PostgresEventStoreAdapter,
  SqlCheckpointLog,
  eventHash,
  sealAll,
  sealStore,
  verifyChains,
  type EventStore,
  type RecordedEvent,
  type StoreDigest,
} from '#event-store';
import { PgSqlClient, PgliteSqlClient, type SqlClient } from '#sql';
import { event, streamName } from './event-store.contract.js';
import { DATABASE_URL, scratchSchema } from './scratch-schema.js';

const scratch = scratchSchema('tamper');
afterAll(() => scratch.drop());

const backends: [string, () => Promise<SqlClient>][] = [
  ['pglite', () => PgliteSqlClient.open()],
  [
    'postgres',
    async () => {
      const sql = new PgSqlClient({ connectionString: DATABASE_URL, schema: scratch.schema, poolSize: 4 });
      // Each test starts from an empty store.
      await sql.exec(`DROP SCHEMA IF EXISTS ${scratch.schema} CASCADE; CREATE SCHEMA ${scratch.schema}`);
      return sql;
    },
  ],
];

/** What an attacker with the owner's rights does: switch the triggers off, change the table, switch them on. */
async function asOwner(sql: SqlClient, statement: string, params: unknown[] = []): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.exec('ALTER TABLE events DISABLE TRIGGER USER');
    await tx.query(statement, params);
    await tx.exec('ALTER TABLE events ENABLE TRIGGER USER');
  });
}

describe.each(backends)('tamper evidence (%s)', (_name, open) => {
  let sql: SqlClient;
  let store: EventStore;
  let log: SqlCheckpointLog;
  let batch: RecordedEvent[];
  let prescription: string;
  const batchStream = streamName('batch');

  beforeEach(async () => {
    sql = await open();
    store = new ChainedEventStore(await PostgresEventStoreAdapter.open(sql, { ownsClient: false }));
    log = await SqlCheckpointLog.open(sql);
    for (const type of ['BatchRegistered', 'AnalysisRecorded', 'BatchReleased'])
      await store.append(batchStream, [event(type, { lot: 'L1' })]);
    await store.append(streamName('register'), [event('PacksReceived', { n: 1 }), event('PacksDispensed', { n: 1 })]);
    prescription = streamName('prescription');
    await store.append(prescription, [event('PrescriptionIssued', { packs: 2 })]);
    await store.append(streamName('register'), [event('PacksReceived', { n: 2 })]);
    batch = await store.readStream(batchStream);
    // The global order shows nothing past a transaction still open anywhere on the server (another test file's):
    // wait until all 7 are visible, so that one checkpoint seals them.
    while ((await store.readSeals({ maxCount: 100 })).events.length < 7) await new Promise((r) => setTimeout(r, 20));
    expect(await sealStore(store, log)).toMatchObject({ seq: 1, eventCount: 7, streamCount: 4 });
  });
  afterEach(async () => {
    await store.close();
    await sql.close();
  });

  const verify = (options: Parameters<typeof verifyChains>[1] = {}) =>
    verifyChains(store, { checkpoints: log, ...options });

  it('holds on an untouched store, every event sealed', async () => {
    expect(await verify()).toEqual({
      ok: true,
      checkedEvents: 7,
      checkedStreams: 4,
      broken: [],
      problems: [],
      sealing: { checkpoints: 1, sealedEvents: 7, unsealedEvents: 0, lastSealedAt: expect.any(String) },
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events and of checkpoints, whatever the role', async () => {
    for (const statement of [
      `UPDATE events SET data = '{}'`,
      'DELETE FROM events',
      'TRUNCATE events',
      'DELETE FROM event_batches',
      'DELETE FROM event_checkpoints',
      'UPDATE event_checkpoint_heads SET hash = $$x$$',
      'TRUNCATE event_checkpoint_heads',
    ]) {
      await expect(sql.query(statement)).rejects.toThrow(/is append-only: (UPDATE|DELETE|TRUNCATE) refused/);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('names an event whose data was updated (hash_mismatch)', async () => {
    await asOwner(sql, `UPDATE events SET data = '{"lot":"L2"}' WHERE event_id = $1`, [batch[1].id]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual([
      { stream: batchStream, revision: 1, eventId: batch[1].id, reason: 'hash_mismatch' },
    ]);
  });

  it('names an event deleted in the middle of a stream (revision_gap)', async () => {
    await asOwner(sql, 'DELETE FROM events WHERE event_id = $1', [batch[1].id]);
    const report = await verify();
    expect(report.broken).toEqual([{ stream: batchStream, revision: 2, eventId: batch[2].id, reason: 'revision_gap' }]);
    expect(report.problems).toEqual([expect.objectContaining({ reason: 'checkpoint_mismatch', checkpoint: 1 })]);
  });

  it("names the last event of a batch's stream (its release) deleted", async () => {
    await asOwner(sql, 'DELETE FROM events WHERE event_id = $1', [batch[2].id]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual([
      {
        stream: batchStream,
        revision: 2,
        eventId: batch[2].id,
        reason: 'events_missing',
        checkpoint: 1,
        detail: 'checkpoint 1 sealed the stream up to revision 2; the store holds it up to 1',
      },
    ]);
    expect(report.problems).toEqual([
      {
        reason: 'checkpoint_mismatch',
        checkpoint: 1,
        detail: expect.stringMatching(
          /^checkpoint 1 sealed 7 events in 4 streams up to \d+\/\d+; the store holds 6 in 4 there, and not the same events$/,
        ),
      },
    ]);
  });

  it('names a whole stream deleted', async () => {
    await asOwner(sql, 'DELETE FROM events WHERE stream_id = $1', [prescription]);
    const report = await verify();
    expect(report.broken).toEqual([
      expect.objectContaining({ stream: prescription, revision: 0, reason: 'stream_missing', checkpoint: 1 }),
    ]);
    expect(report.problems.map((p) => p.reason)).toEqual(['checkpoint_mismatch']);
  });

  it('names the last event rewritten with its hash recomputed', async () => {
    const last = batch[2];
    const data = { lot: 'L1', released: false };
    const hash = eventHash({ ...last, data });
    await asOwner(sql, 'UPDATE events SET data = $2, hash = $3 WHERE event_id = $1', [
      last.id,
      JSON.stringify(data),
      hash,
    ]);
    const report = await verify();
    expect(report.broken).toEqual([
      expect.objectContaining({ stream: batchStream, revision: 2, reason: 'head_rewritten' }),
    ]);
    expect(report.problems.map((p) => p.reason)).toEqual(['checkpoint_mismatch']);
  });

  it('names what the deletion of the last events of the store took', async () => {
    const all = (await store.readAll({ maxCount: 100 })).events;
    const [beforeLast, last] = all.slice(-2);
    await asOwner(sql, 'DELETE FROM events WHERE event_id = ANY ($1::uuid[])', [[beforeLast.id, last.id]]);
    const report = await verify();
    expect(report.checkedEvents).toBe(5);
    expect(report.broken.map((b) => [b.stream, b.reason])).toEqual([
      [beforeLast.stream, 'stream_missing'],
      [last.stream, 'stream_missing'],
    ]);
    expect(report.problems).toEqual([
      expect.objectContaining({
        reason: 'checkpoint_mismatch',
        detail: expect.stringContaining('the store holds 5 in 2 there'),
      }),
    ]);
  });

  it('names a checkpoint edited in place', async () => {
    await sql.transaction(async (tx) => {
      await tx.exec('ALTER TABLE event_checkpoints DISABLE TRIGGER USER');
      await tx.exec('UPDATE event_checkpoints SET event_count = 6');
      await tx.exec('ALTER TABLE event_checkpoints ENABLE TRIGGER USER');
    });
    const report = await verify();
    expect(report.broken).toEqual([]);
    expect(report.problems).toEqual([
      {
        reason: 'checkpoint_altered',
        checkpoint: 1,
        detail: 'checkpoint 1 was edited or does not follow checkpoint none',
      },
      expect.objectContaining({ reason: 'checkpoint_mismatch', checkpoint: 1 }),
    ]);
  });

  it('leaves events appended after the last checkpoint unprotected until the next one', async () => {
    const late = streamName('product');
    await store.append(late, [event('ProductAuthorised', {})]);
    expect((await verify()).sealing).toMatchObject({ sealedEvents: 7, unsealedEvents: 1 });
    await asOwner(sql, 'DELETE FROM events WHERE stream_id = $1', [late]);
    expect((await verify()).ok).toBe(true);
  });

  describe('against a digest downloaded before', () => {
    const signer = DigestSigner.ephemeral();
    let digest: StoreDigest;
    beforeEach(async () => {
      digest = signer.sign((await log.latest())!);
    });

    it('holds while the store is untouched, and after more events are sealed', async () => {
      await store.append(streamName('product'), [event('ProductAuthorised', {})]);
      await sealAll(store, log);
      const report = await verify({ against: digest, keyId: signer.keyId });
      expect(report.ok).toBe(true);
      expect(report.digest).toEqual({ seq: 1, eventCount: 7, keyId: signer.keyId, holds: true });
    });

    it('catches a rewrite of everything after the fact, checkpoints included, which nothing else catches', async () => {
      // The attacker removes the release, then wipes and reseals the checkpoints over the altered store.
      await asOwner(sql, 'DELETE FROM events WHERE event_id = $1', [batch[2].id]);
      await sql.transaction(async (tx) => {
        await tx.exec('ALTER TABLE event_checkpoints DISABLE TRIGGER USER');
        await tx.exec('ALTER TABLE event_checkpoint_heads DISABLE TRIGGER USER');
        await tx.exec('DELETE FROM event_checkpoints; DELETE FROM event_checkpoint_heads');
        await tx.exec('ALTER TABLE event_checkpoints ENABLE TRIGGER USER');
        await tx.exec('ALTER TABLE event_checkpoint_heads ENABLE TRIGGER USER');
      });
      await sealAll(store, log);
      expect((await verify()).ok).toBe(true);

      const report = await verify({ against: digest });
      expect(report.ok).toBe(false);
      expect(report.digest).toMatchObject({ holds: false });
      expect(report.problems).toEqual([
        {
          reason: 'digest_mismatch',
          checkpoint: 1,
          detail: expect.stringMatching(
            /^the digest certifies 7 events in 4 streams up to .*; the store holds 6 in 4 there, and not the same events$/,
          ),
        },
        {
          reason: 'digest_not_stored',
          checkpoint: 1,
          detail: 'the store holds another checkpoint 1 than the digest signed',
        },
      ]);
    });

    it('refuses a digest edited after signing, or signed by another key than the one pinned', async () => {
      const edited = { ...digest, checkpoint: { ...digest.checkpoint, eventCount: 6 } };
      expect((await verify({ against: edited })).problems[0]).toEqual({
        reason: 'digest_invalid',
        checkpoint: 1,
        detail: 'the digest: its signature does not match its content',
      });
      const notADigest = { format: 'cannatrace-digest/1', checkpoint: { seq: 1 } } as unknown as StoreDigest;
      expect(await verify({ against: notADigest })).toMatchObject({
        ok: false,
        problems: [{ reason: 'digest_invalid', detail: 'the digest: not a cannatrace-digest/1 document' }],
      });
      const other = DigestSigner.ephemeral();
      expect((await verify({ against: digest, keyId: other.keyId })).problems).toEqual([
        {
          reason: 'digest_invalid',
          checkpoint: 1,
          detail: `the digest: signed by key ${signer.keyId}, not ${other.keyId}`,
        },
      ]);
    });
  });
});
