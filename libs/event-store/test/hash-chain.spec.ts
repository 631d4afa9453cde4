import { describe, expect, it } from '@jest/globals';
import {
  ChainedEventStore,
  PostgresEventStoreAdapter,
  canonicalJson,
  eventHash,
  findChainBreak,
  verifyChains,
  type HashedFields,
} from '#event-store';
import { PgliteSqlClient } from '#sql';
import { event } from './event-store.contract.js';

const fields: HashedFields = {
  stream: 'batch-03400000000017-L1',
  revision: 0,
  id: '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
  type: 'BatchRegistered',
  data: { quantity: 100, lot: 'L1' },
  metadata: {
    actor: '12345678901',
    role: 'supplier',
    organisation: 'SUP-1',
    occurredAt: '2026-03-01T10:00:00.000Z',
    recordedAt: '2026-03-01T10:00:01.000Z',
    commandId: 'c1',
    correlationId: 'c1',
  },
  prevHash: null,
};

describe('hash chain', () => {
  it('writes one canonical text for one value, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }], e: 'x' })).toBe('{"a":[{"c":null,"d":2}],"b":1,"e":"x"}');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('keeps the hash of a known event stable: stored chains must verify in every later release', () => {
    expect(eventHash(fields)).toBe(GOLDEN_HASH);
    expect(eventHash({ ...fields, data: { lot: 'L1', quantity: 100 } })).toBe(GOLDEN_HASH);
  });

  it('changes the hash when any covered field changes', () => {
    const variants: HashedFields[] = [
      { ...fields, stream: 'batch-other' },
      { ...fields, revision: 1 },
      { ...fields, type: 'BatchReleased' },
      { ...fields, data: { quantity: 101, lot: 'L1' } },
      { ...fields, metadata: { ...fields.metadata, actor: '10987654321' } },
      { ...fields, metadata: { ...fields.metadata, recordedAt: '2026-03-01T10:00:02.000Z' } },
      { ...fields, prevHash: GOLDEN_HASH },
    ];
    for (const variant of variants) expect(eventHash(variant)).not.toBe(GOLDEN_HASH);
  });

  it('finds the first break of a stream, and why', () => {
    const first = { ...fields, hash: eventHash(fields) };
    const secondFields = { ...fields, revision: 1, id: '7f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f', prevHash: first.hash };
    const second = { ...secondFields, hash: eventHash(secondFields) };
    expect(findChainBreak([first, second])).toBeNull();
    expect(findChainBreak([first, { ...second, data: { quantity: 1 } }])).toMatchObject({
      revision: 1,
      reason: 'hash_mismatch',
    });
    expect(findChainBreak([first, { ...second, prevHash: 'f'.repeat(64) }])).toMatchObject({
      reason: 'prev_hash_mismatch',
    });
    expect(findChainBreak([first, { ...second, revision: 2 }])).toMatchObject({ reason: 'revision_gap' });
  });

  it('reports an event altered directly in the database, and only its stream', async () => {
    const client = await PgliteSqlClient.open();
    const store = new ChainedEventStore(await PostgresEventStoreAdapter.open(client));
    try {
      await store.append('batch-a', [event('A', { n: 1 }), event('B', { n: 2 }), event('C', { n: 3 })]);
      await store.append('batch-b', [event('A', { n: 1 })]);
      expect(await verifyChains(store)).toEqual({
        ok: true,
        checkedEvents: 4,
        checkedStreams: 2,
        broken: [],
        problems: [],
        sealing: null,
      });

      const [altered] = await store.readStream('batch-a', { fromRevision: 1, maxCount: 1 });
      await client.exec('ALTER TABLE events DISABLE TRIGGER USER');
      await client.query(`UPDATE events SET data = '{"n": 20}' WHERE event_id = $1`, [altered.id]);

      const report = await verifyChains(store, { batchSize: 2 });
      expect(report.ok).toBe(false);
      expect(report.checkedEvents).toBe(4);
      expect(report.broken).toEqual([{ stream: 'batch-a', revision: 1, eventId: altered.id, reason: 'hash_mismatch' }]);
    } finally {
      await store.close();
    }
  });
});

const GOLDEN_HASH = '8a02f5313cbd43fd20bb0869eee2f136848b31e364baccf342393b2c0e4cedaa';
