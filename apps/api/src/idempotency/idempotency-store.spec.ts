import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openReadModels, readModelsOptions } from '#read-models';
import { PgliteSqlClient } from '#sql';
import { IdempotencyStore } from './idempotency-store.js';

/** A database that can be made unreachable for the next statements, as when the connection drops. */
function flaky(sql: PgliteSqlClient): PgliteSqlClient & { down: boolean } {
  const client = Object.create(sql) as PgliteSqlClient & { down: boolean };
  client.down = false;
  client.session = () => (client.down ? Promise.reject(new Error('connection lost')) : sql.session());
  return client;
}

describe('idempotency records', () => {
  let sql: PgliteSqlClient;
  let db: PgliteSqlClient & { down: boolean };
  let readModels: DataSource;
  let store: IdempotencyStore;

  beforeAll(async () => {
    sql = await PgliteSqlClient.open();
    db = flaky(sql);
    readModels = await openReadModels(readModelsOptions({ kind: 'pglite' }, db));
    store = new IdempotencyStore(readModels);
  });

  afterAll(async () => {
    await readModels.destroy();
    await sql.close();
  });

  it('answers "in progress" to a retry while the first request runs', async () => {
    expect(await store.claim('ORG/u', 'running', 'h', '00000000-0000-4000-8000-000000000001')).toEqual({
      kind: 'claimed',
      commandId: '00000000-0000-4000-8000-000000000001',
    });
    expect(await store.claim('ORG/u', 'running', 'h', '00000000-0000-4000-8000-000000000002')).toEqual({
      kind: 'in_progress',
    });
  });

  it('runs the retry at once, under the first command id, when the end of the request could not be recorded', async () => {
    const first = '00000000-0000-4000-8000-000000000003';
    expect(await store.claim('ORG/u', 'lost', 'h', first)).toMatchObject({ kind: 'claimed' });
    db.down = true;
    await expect(store.release('ORG/u', 'lost')).rejects.toThrow('connection lost');
    db.down = false;
    expect(await store.claim('ORG/u', 'lost', 'h', '00000000-0000-4000-8000-000000000004')).toEqual({
      kind: 'claimed',
      commandId: first,
    });
    expect(await store.claim('ORG/u', 'lost', 'h', first)).toEqual({ kind: 'in_progress' });
    await store.complete('ORG/u', 'lost', 201, { ok: true });
    expect(await store.claim('ORG/u', 'lost', 'h', first)).toEqual({ kind: 'replay', status: 201, body: { ok: true } });
  });
});
