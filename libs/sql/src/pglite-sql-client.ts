import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DataDirLock } from './data-dir-lock.js';
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

/**
 * The session held alone, statement after statement, until `release`: TypeORM's connection on the embedded mode
 * (libs/read-models). Nothing else runs in PGlite meanwhile, so a transaction begun on it is isolated, and its
 * rollback undoes its own statements only.
 */
export interface PgliteSession {
  /** One statement with parameters, or, without them, a script of several (migrations). */
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[]; affectedRows?: number }>;
  release(): void;
}

export class PgliteSqlClient implements SqlClient {
  readonly kind = 'pglite' as const;
  private readonly turns = new Turns();

  private constructor(
    private readonly db: PGlite,
    private readonly lock: DataDirLock | undefined,
  ) {}

  /**
   * `dataDir` undefined keeps everything in memory (tests). A data directory is locked for this process until
   * `close`: a second process opening it would lose writes silently (DataDirLockedError names the holder).
   * `load`, a dump of `dump`, fills an empty directory; `whenLocked` runs once the directory is locked, before
   * it is opened (a restore makes room there).
   */
  static async open(
    dataDir?: string,
    options: { load?: Blob; whenLocked?: () => void } = {},
  ): Promise<PgliteSqlClient> {
    if (!dataDir) return new PgliteSqlClient(await PGlite.create({ loadDataDir: options.load }), undefined);
    const lock = await DataDirLock.acquire(dataDir, processRole());
    try {
      options.whenLocked?.();
      mkdirSync(dataDir, { recursive: true });
      const db = await PGlite.create({ dataDir, loadDataDir: options.load });
      try {
        lock.confirm();
      } catch (error) {
        await db.close();
        throw error;
      }
      return new PgliteSqlClient(db, lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Writes where this api answers into the lock file, so that the CLI can go through it (seed). */
  advertise(url: string): void {
    this.lock?.advertise(url);
  }

  /** The whole data directory as a gzipped tarball, consistent: nothing else runs meanwhile. */
  dump(): Promise<Blob> {
    return this.turns.run(() => this.db.dumpDataDir('gzip'));
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

  /** Waits for the session's turn and keeps it until the session is released. */
  async session(): Promise<PgliteSession> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await new Promise<void>((granted) => {
      void this.turns.run(() => {
        granted();
        return released;
      });
    });
    let open = true;
    return {
      query: async (sql, params) => {
        if (!open) throw new Error('PGlite session used after its release');
        if (params && params.length > 0) return this.db.query(sql, params);
        const results = await this.db.exec(sql);
        return results.at(-1) ?? { rows: [] };
      },
      release: () => {
        open = false;
        release();
      },
    };
  }

  async notify(channel: string): Promise<void> {
    await this.query('SELECT pg_notify($1, $2)', [channel, '']);
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const unlisten = await this.turns.run(() => this.db.listen(channel, onNotify));
    return () => this.turns.run(() => unlisten());
  }

  close(): Promise<void> {
    return this.turns.run(async () => {
      if (this.db.closed) return;
      try {
        await this.db.close();
      } finally {
        this.lock?.release();
      }
    });
  }
}

/** How the lock file names this process to the one it refuses: `api`, or the CLI command. */
function processRole(): string {
  const [, script = '', command] = process.argv;
  if (script.endsWith('apps/api/src/main.js')) return 'api';
  if (script.endsWith('apps/cli/src/main.js')) return `cli ${command ?? ''}`.trim();
  return `node ${basename(script)}`;
}
