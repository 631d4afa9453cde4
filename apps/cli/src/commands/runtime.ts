import type { DataSource } from 'typeorm';
import { eventStoreConfig, loadConfig } from '#config';
import { openReadModels, readModelsOptions } from '#read-models';
import { eventStoreOn, openEventStore, type EventStore } from '#event-store';
import { openSqlClient, type SqlClient } from '#sql';

/** The configured store and database, as the api would open them; closed when `work` ends. */
export async function withStore<T>(work: (store: EventStore, sql: SqlClient) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const sql = await openSqlClient(config.database);
  const store =
    config.eventStore.kind === 'eventstoredb'
      ? await openEventStore(eventStoreConfig(config))
      : await eventStoreOn(sql);
  try {
    return await work(store, sql);
  } finally {
    await store.close();
    await sql.close();
  }
}

/** The same, with the read side's data source over that database (its schema migrated first). */
export async function withReadModels<T>(work: (store: EventStore, readModels: DataSource) => Promise<T>): Promise<T> {
  return withStore(async (store, sql) => {
    const readModels = await openReadModels(readModelsOptions(loadConfig().database, sql));
    try {
      return await work(store, readModels);
    } finally {
      await readModels.destroy();
    }
  });
}
