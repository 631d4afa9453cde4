import { EventEmitter } from 'node:events';
import type { PgliteSession, PgliteSqlClient } from '#sql';

type Release = (error?: unknown) => void;

/** A connection as TypeORM's PostgreSQL driver uses one of `pg`: `query` answering rows, count and command. */
class SessionConnection extends EventEmitter {
  constructor(private readonly session: PgliteSession) {
    super();
  }

  async query(sql: string, params?: unknown[]) {
    const result = await this.session.query(sql, params);
    return {
      rows: result.rows,
      rowCount: result.affectedRows ?? result.rows.length,
      command: /^\s*(\w+)/.exec(sql)?.[1].toUpperCase() ?? '',
    };
  }
}

/**
 * The `pg` module as TypeORM's PostgreSQL driver sees it (its `driver` option), over the process's one PGlite
 * client. A connection is PGlite's session held alone from `connect` to `release`: a TypeORM transaction runs
 * with nothing in between, neither an append of the event store nor another transaction, so its rollback undoes
 * its own statements only. One process keeps one data directory and one lock.
 */
export function pgliteDriver(client: PgliteSqlClient) {
  class Pool extends EventEmitter {
    connect(callback: (error: unknown, connection?: SessionConnection, release?: Release) => void): void {
      client.session().then(
        (session) => callback(undefined, new SessionConnection(session), () => session.release()),
        (error: unknown) => callback(error),
      );
    }

    /** The PGlite client is its owner's to close. */
    end(callback?: (error?: unknown) => void): void {
      callback?.();
    }
  }
  return { Pool };
}
