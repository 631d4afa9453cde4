import { ChainedEventStore } from './chained-event-store.js';
import type { EventStore } from './event-store.js';
import { EventStoreDbAdapter } from './eventstoredb/eventstoredb-adapter.js';
import { PgSqlClient } from './postgres/pg-sql-client.js';
import { PgliteSqlClient } from './postgres/pglite-sql-client.js';
import { PostgresEventStoreAdapter } from './postgres/postgres-adapter.js';
import type { SqlClient } from './postgres/sql-client.js';

export type SqlClientConfig =
  /** Embedded PostgreSQL; `dataDir` undefined keeps it in memory. */
  | { kind: 'pglite'; dataDir?: string }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number; timeoutMs?: number };

export type EventStoreConfig = SqlClientConfig | { kind: 'eventstoredb'; url: string; timeoutMs?: number };

/** Opens a PostgreSQL or PGlite connection; a named schema is created when missing. */
export async function openSqlClient(config: SqlClientConfig): Promise<SqlClient> {
  if (config.kind === 'pglite') return PgliteSqlClient.open(config.dataDir);
  if (config.schema) await createSchema(config.url, config.schema);
  return new PgSqlClient({
    connectionString: config.url,
    schema: config.schema,
    poolSize: config.poolSize,
    timeoutMs: config.timeoutMs,
  });
}

/** The event store over a connection the caller keeps (and closes): the api shares it with its read side. */
export async function eventStoreOn(client: SqlClient): Promise<EventStore> {
  return new ChainedEventStore(await PostgresEventStoreAdapter.open(client, { ownsClient: false }));
}

/** Opens the configured store on a connection of its own, applying its migrations first where it has any. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  if (config.kind === 'eventstoredb') {
    return new ChainedEventStore(
      new EventStoreDbAdapter({ connectionString: config.url, timeoutMs: config.timeoutMs }),
    );
  }
  const client = await openSqlClient(config);
  try {
    return new ChainedEventStore(await PostgresEventStoreAdapter.open(client, { ownsClient: true }));
  } catch (error) {
    await client.close();
    throw error;
  }
}

async function createSchema(url: string, schema: string): Promise<void> {
  const client = new PgSqlClient({ connectionString: url, poolSize: 1 });
  try {
    // Looked up first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists, which
    // the api's role need not have (docs/operations.md).
    const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (found.length === 0) await client.exec(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`);
  } finally {
    await client.close();
  }
}
