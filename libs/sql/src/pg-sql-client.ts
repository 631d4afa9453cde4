import pg from 'pg';
import { DatabaseUnavailableError, isConnectionError, unavailableOnDisconnect } from './errors.js';
import type { QueryOptions, SqlClient, SqlQueryable } from './sql-client.js';

export interface PgClientOptions {
  connectionString: string;
  /** Schema holding the tables; created by the migrations. */
  schema?: string;
  poolSize?: number;
  /** Milliseconds before a statement or a connection attempt is abandoned. */
  timeoutMs?: number;
}

export class PgSqlClient implements SqlClient {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly config: pg.ClientConfig;
  private notifier: Promise<pg.Client> | undefined;

  constructor(options: PgClientOptions) {
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.config = {
      connectionString: options.connectionString,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    };
    this.pool = new pg.Pool({ ...this.config, max: options.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
  }

  async query<Row>(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<Row[]> {
    const query = options.prepared
      ? { name: options.prepared, text: sql, values: params }
      : { text: sql, values: params };
    return unavailableOnDisconnect(async () => (await this.pool.query(query)).rows as Row[]);
  }

  async exec(sql: string): Promise<void> {
    await unavailableOnDisconnect(() => this.pool.query(sql));
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await unavailableOnDisconnect(() => this.pool.connect());
    let broken: unknown;
    // A checked-out client whose connection drops between two statements emits 'error': without a listener, that
    // would crash the process. The next statement reports the failure instead.
    const onError = (error: Error) => {
      broken ??= error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as Row[],
        exec: async (sql: string) => {
          await client.query(sql);
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = error;
      await client.query('ROLLBACK').catch(() => undefined);
      if (isConnectionError(error)) {
        throw new DatabaseUnavailableError(`PostgreSQL unavailable: ${(error as Error).message}`, { cause: error });
      }
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken !== undefined && isConnectionError(broken) ? (broken as Error) : undefined);
    }
  }

  /** NOTIFY goes through a connection of its own, so that it never waits behind, or delays, an append. */
  async notify(channel: string): Promise<void> {
    this.notifier ??= (async () => {
      const client = new pg.Client(this.config);
      client.on('error', () => {
        this.notifier = undefined;
      });
      await client.connect();
      // A NOTIFY's transaction gets an id and a commit record: waiting for its flush would put one more fsync
      // between the appends' own. A notification lost in a crash is harmless (subscribers poll).
      await client.query('SET synchronous_commit = off');
      return client;
    })();
    try {
      await (await this.notifier).query('SELECT pg_notify($1, $2)', [channel, '']);
    } catch (error) {
      this.notifier = undefined;
      throw error;
    }
  }

  /** A dedicated connection for LISTEN, re-opened after it drops; subscribers poll meanwhile. */
  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    let client: pg.Client | undefined;
    let closed = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async () => {
      const candidate = new pg.Client(this.config);
      candidate.on('notification', onNotify);
      candidate.on('error', () => {
        candidate.end().catch(() => undefined);
        if (client === candidate) client = undefined;
        if (!closed) retry = setTimeout(() => void connect(), 1000);
      });
      try {
        await candidate.connect();
        await candidate.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        client = candidate;
        if (closed) await candidate.end();
        else onNotify(); // anything appended while we were not listening
      } catch {
        await candidate.end().catch(() => undefined);
        if (!closed) retry = setTimeout(() => void connect(), 1000);
      }
    };
    await connect();
    return async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    const notifier = this.notifier;
    this.notifier = undefined;
    await notifier?.then((client) => client.end()).catch(() => undefined);
    await this.pool.end();
  }
}
