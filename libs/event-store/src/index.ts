export * from './types.js';
export * from './errors.js';
export * from './event-store.js';
export * from './hash-chain.js';
export { ChainedEventStore } from './chained-event-store.js';
export type { EventStoreAdapter, SealedEvent, AdapterAppendOutcome } from './adapter.js';
export {
  eventStoreOn,
  openEventStore,
  openSqlClient,
  type EventStoreConfig,
  type SqlClientConfig,
} from './open-event-store.js';
export { PostgresEventStoreAdapter } from './postgres/postgres-adapter.js';
export { PgSqlClient } from './postgres/pg-sql-client.js';
export { PgliteSqlClient } from './postgres/pglite-sql-client.js';
export { DataDirLock, DataDirLockedError, type LockHolder } from './postgres/data-dir-lock.js';
export type { QueryOptions, SqlClient, SqlQueryable } from './postgres/sql-client.js';
export { migrate, EVENT_STORE_MIGRATIONS, type Migration } from './postgres/migrations.js';
export { EventStoreDbAdapter } from './eventstoredb/eventstoredb-adapter.js';
export { verifyChains, type VerificationReport } from './verify-chains.js';
