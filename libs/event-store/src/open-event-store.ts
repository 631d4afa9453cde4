import { openSqlClient, type SqlClient, type SqlClientConfig } from '#sql';
import { ChainedEventStore } from './chained-event-store.js';
import type { EventStore } from './event-store.js';
import { EventStoreDbAdapter } from './eventstoredb/eventstoredb-adapter.js';
import { PostgresEventStoreAdapter } from './postgres/postgres-adapter.js';

export type EventStoreConfig = SqlClientConfig | { kind: 'eventstoredb'; url: string; timeoutMs?: number };

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
