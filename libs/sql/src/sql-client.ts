/** The little a PostgreSQL adapter needs from a connection, served by `pg` and by PGlite alike. */
export interface QueryOptions {
  /**
   * Keeps the statement prepared under this name on each connection, so that a hot statement is parsed once per
   * connection rather than once per call. PGlite has one session and ignores it.
   */
  prepared?: string;
}

export interface SqlQueryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Row[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlClient extends SqlQueryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction, committed when it resolves and rolled back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Sends a NOTIFY on the channel, off the connections that run statements. */
  notify(channel: string): Promise<void>;
  /** Calls `onNotify` for every NOTIFY on the channel; answers the way to stop listening. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
