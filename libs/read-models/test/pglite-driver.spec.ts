import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { eventStoreOn, type EventStore } from '#event-store';
import { BatchRow, openReadModels, readModelsOptions } from '#read-models';
import { PgliteSqlClient } from '#sql';

const metadata = () => ({
  actor: 'u',
  role: 'supplier',
  organisation: 'SUP-1',
  occurredAt: '2026-03-01T10:00:00.000Z',
  commandId: randomUUID(),
  correlationId: randomUUID(),
});

const batch = (lot: string): BatchRow =>
  Object.assign(new BatchRow(), {
    gtin: '03400930000014',
    lot,
    quantity: 10,
    manufacturedOn: '2026-01-01',
    expiresOn: '2027-01-01',
    supplierId: 'SUP-1',
    exploitantId: 'EXP-1',
    registeredAt: new Date('2026-03-01T10:00:00.000Z'),
  });

/** TypeORM over the embedded database's one client: the event store and the read side share its session. */
describe('the read side on PGlite', () => {
  let sql: PgliteSqlClient;
  let store: EventStore;
  let readModels: DataSource;
  beforeAll(async () => {
    sql = await PgliteSqlClient.open();
    store = await eventStoreOn(sql);
    readModels = await openReadModels(readModelsOptions({ kind: 'pglite' }, sql));
  });
  afterAll(async () => {
    await readModels.destroy();
    await sql.close();
  });

  it('runs an append sent during a projection transaction after it: the rollback undoes the projection only', async () => {
    let append: Promise<unknown> | undefined;
    let appendedInside = false;
    const projected = readModels.transaction(async (tx) => {
      await tx.insert(BatchRow, batch('ROLLED-BACK'));
      append = store.append('batch-03400930000014-APPENDED', [{ type: 'Note', data: {}, metadata: metadata() }]);
      void append.then(() => {
        appendedInside = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.query('SELECT 1');
      throw new Error('projection failed');
    });
    await expect(projected).rejects.toThrow('projection failed');
    expect(appendedInside).toBe(false);
    await append;
    expect((await store.readStream('batch-03400930000014-APPENDED')).map((e) => e.type)).toEqual(['Note']);
    expect(await readModels.getRepository(BatchRow).countBy({ lot: 'ROLLED-BACK' })).toBe(0);
  });

  it('keeps a transaction of the read side whole while the store reads and appends', async () => {
    const appends = Array.from({ length: 5 }, (_, i) =>
      store.append(`batch-03400930000014-A${i}`, [{ type: 'Note', data: {}, metadata: metadata() }]),
    );
    const committed = readModels.transaction(async (tx) => {
      await tx.insert(BatchRow, batch('COMMITTED-1'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.insert(BatchRow, batch('COMMITTED-2'));
    });
    await Promise.all([...appends, committed]);
    expect(await readModels.getRepository(BatchRow).countBy({ supplierId: 'SUP-1' })).toBe(2);
    expect((await store.readAll({ maxCount: 100 })).events).toHaveLength(6);
  });
});
