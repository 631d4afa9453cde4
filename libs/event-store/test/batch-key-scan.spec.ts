import { describe, expect, it } from '@jest/globals';
import { ChainedEventStore, PostgresEventStoreAdapter, type EventStoreAdapter } from '#event-store';
import { PgliteSqlClient } from '#sql';
import { event } from './event-store.contract.js';

describe('events of a batch on an adapter that cannot look them up (EventStoreDB)', () => {
  it('are found by scanning the global order, page after page', async () => {
    const adapter = await PostgresEventStoreAdapter.open(await PgliteSqlClient.open());
    const withoutLookup: EventStoreAdapter = {
      name: 'scan-only',
      append: (...args) => adapter.append(...args),
      findByIds: (...args) => adapter.findByIds(...args),
      readStream: (...args) => adapter.readStream(...args),
      readAll: (...args) => adapter.readAll(...args),
      watch: (...args) => adapter.watch(...args),
      ping: () => adapter.ping(),
      close: () => adapter.close(),
    };
    const store = new ChainedEventStore(withoutLookup);
    try {
      const tagged = { ...event('Tagged', {}), metadata: { ...event('Tagged', {}).metadata, batchKeys: ['K-1'] } };
      const expected: string[] = [];
      for (let i = 0; i < 2500; i += 500) {
        await store.append(
          `noise-${i}`,
          Array.from({ length: 499 }, () => event('Noise', {})),
        );
        expected.push(...(await store.append(`batch-${i}`, [{ ...tagged, id: undefined }])).eventIds);
      }
      expect((await store.readByBatchKey('K-1')).map((e) => e.id)).toEqual(expected);
    } finally {
      await store.close();
    }
  });
});
