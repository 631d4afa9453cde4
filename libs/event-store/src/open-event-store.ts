import { ChainedEventStore } from './chained-event-store.js';
import type { EventStore } from './event-store.js';
import { EventStoreDbAdapter } from './eventstoredb/eventstoredb-adapter.js';
import { PgSqlClient } from './postgres/pg-sql-client.js';
import { PgliteSqlClient } from './postgres/pglite-sql-client.js';
import { PostgresEventStoreAdapter } from './postgres/postgres-adapter.js';

export type EventStoreConfig =
  /** Embedded PostgreSQL; `dataDir` undefined keeps it in memory. */
  | { kind: 'pglite'; dataDir?: string }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number; timeoutMs?: number }
  | { kind: 'eventstoredb'; url: string; timeoutMs?: number };

/** Opens the configured store, applying its migrations first where it has any. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'pglite':
      return new ChainedEventStore(await PostgresEventStoreAdapter.open(await PgliteSqlClient.open(config.dataDir)));
    case 'postgres': {
      if (config.schema) await createSchema(config.url, config.schema);
      const client = new PgSqlClient({
        connectionString: config.url,
        schema: config.schema,
        poolSize: config.poolSize,
        timeoutMs: config.timeoutMs,
      });
      try {
        return new ChainedEventStore(await PostgresEventStoreAdapter.open(client));
      } catch (error) {
        await client.close();
        throw error;
      }
    }
    case 'eventstoredb':
      return new ChainedEventStore(new EventStoreDbAdapter({ connectionString: config.url, timeoutMs: config.timeoutMs }));
  }
}

async function createSchema(url: string, schema: string): Promise<void> {
  const client = new PgSqlClient({ connectionString: url, poolSize: 1 });
  try {
    await client.exec(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`);
  } finally {
    await client.close();
  }
}
