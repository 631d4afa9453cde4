export type { QueryOptions, SqlClient, SqlQueryable } from './sql-client.js';
export {
  DatabaseUnavailableError,
  isConnectionError,
  isDatabaseUnavailable,
  unavailableOnDisconnect,
} from './errors.js';
export { PgSqlClient, type PgClientOptions } from './pg-sql-client.js';
export { PgliteSqlClient, type PgliteSession } from './pglite-sql-client.js';
export { DataDirLock, DataDirLockedError, type LockHolder } from './data-dir-lock.js';
export { migrate, type Migration } from './migrate.js';
export { openSqlClient, type SqlClientConfig } from './open-sql-client.js';
