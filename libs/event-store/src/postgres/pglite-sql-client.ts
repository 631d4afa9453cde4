import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlQueryable } from './sql-client.js';

/**
 * PGlite is one PostgreSQL session: two transactions sent at once would interleave in it, and one's rollback
 * could undo the other's write. Every statement and every transaction therefore waits its turn here.
 */
class Turns {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.last.then(work, work);
    this.last = result.catch(() => undefined);
    return result;
  }
}

export class PgliteSqlClient implements SqlClient {
  readonly kind = 'pglite' as const;
  private readonly turns = new Turns();

  private constructor(private readonly db: PGlite) {}

  /** `dataDir` undefined keeps everything in memory (tests). */
  static async open(dataDir?: string): Promise<PgliteSqlClient> {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir);
    return new PgliteSqlClient(db);
  }

  query<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.turns.run(async () => (await this.db.query<Row>(sql, params)).rows);
  }

  exec(sql: string): Promise<void> {
    return this.turns.run(async () => {
      await this.db.exec(sql);
    });
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.turns.run(() =>
      this.db.transaction((tx) =>
        work({
          query: async <Row>(sql: string, params: unknown[] = []) => (await tx.query<Row>(sql, params)).rows,
          exec: async (sql: string) => {
            await tx.exec(sql);
          },
        }),
      ),
    );
  }

  async notify(channel: string): Promise<void> {
    await this.query('SELECT pg_notify($1, $2)', [channel, '']);
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const unlisten = await this.turns.run(() => this.db.listen(channel, onNotify));
    return () => this.turns.run(() => unlisten());
  }

  close(): Promise<void> {
    return this.turns.run(() => this.db.close());
  }
}
