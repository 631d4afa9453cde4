import { PgSqlClient } from './pg-sql-client.js';
import { PgliteSqlClient } from './pglite-sql-client.js';
import type { SqlClient } from './sql-client.js';

export type SqlClientConfig =
  /** Embedded PostgreSQL; `dataDir` undefined keeps it in memory. */
  | { kind: 'pglite'; dataDir?: string }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number; timeoutMs?: number };

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
