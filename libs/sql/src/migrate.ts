import type { SqlClient } from './sql-client.js';

/** A schema change by hand-written SQL, known by its id once applied. */
export interface Migration {
  id: string;
  sql: string;
}

const MIGRATIONS_LOCK = 7_245_311_901;
const INSUFFICIENT_PRIVILEGE = '42501';

/** Applies the migrations not yet applied, in one transaction, one runner at a time. */
export async function migrate(client: SqlClient, migrations: Migration[]): Promise<string[]> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATIONS_LOCK]);
    // Nothing is created when nothing is pending: a role without CREATE rights (docs/operations.md) starts.
    const [{ known }] = await tx.query<{ known: boolean }>(
      "SELECT to_regclass('schema_migrations') IS NOT NULL AS known",
    );
    if (!known) {
      await tx.exec(`CREATE TABLE schema_migrations (
        id text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    }
    const applied = new Set((await tx.query<{ id: string }>('SELECT id FROM schema_migrations')).map((row) => row.id));
    const pending = migrations.filter((m) => !applied.has(m.id));
    for (const migration of pending) {
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
        throw new Error(
          `migration ${migration.id} is pending and this role may not apply it (${(error as Error).message}): run \`cli migrate\` as the schema's owner`,
          { cause: error },
        );
      }
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
    }
    return pending.map((m) => m.id);
  });
}
