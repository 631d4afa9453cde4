import type { AdapterAppendOutcome, EventStoreAdapter, SealedEvent } from '../adapter.js';
import { DatabaseUnavailableError, migrate, type SqlClient } from '#sql';
import { EventStoreUnavailableError, InvalidEventError } from '../errors.js';
import {
  START,
  type Checkpoint,
  type ReadAllResult,
  type ReadSealsResult,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../types.js';
import { EVENT_STORE_MIGRATIONS } from './migrations.js';

const NOTIFY_CHANNEL = 'cannatrace_events';
const UNIQUE_VIOLATION = '23505';

interface EventRow {
  stream_id: string;
  stream_revision: string | number;
  transaction_text: string;
  global_position: string | number;
  event_id: string;
  event_type: string;
  data: RecordedEvent['data'];
  metadata: RecordedEvent['metadata'];
  prev_hash: string | null;
  hash: string;
}

// The text of the transaction id gets its own name: were it aliased `transaction_id`, an ORDER BY transaction_id
// would sort by that text ("1000" before "753") instead of the xid8 column.
const EVENT_COLUMNS = `stream_id, stream_revision, transaction_id::text AS transaction_text, global_position,
  event_id, event_type, data, metadata, prev_hash, hash`;

/**
 * One statement per append, so that in autocommit it costs one round trip and one commit. The expected revision
 * holds when the event at that revision exists (or the stream does not, for -1) and the next one is free: the
 * primary key refuses a second writer of the same revision, the unique id an event stored already; both surface
 * as unique violations. No row back means the stream is not at the expected revision.
 *
 * Each batch key goes to event_batches in the same statement. A single event (the usual command) is passed as
 * plain parameters; several as one JSON array, with their keys ($4) and the place of the event naming each key
 * ($5, from 1). Each variant is prepared once per connection.
 */
const EXPECTED_HOLDS =
  'WHERE $2::bigint = -1 OR EXISTS (SELECT 1 FROM events e WHERE e.stream_id = $1 AND e.stream_revision = $2::bigint)';
const INSERT_EVENTS =
  'INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata, prev_hash, hash)';
const RETURNING = 'RETURNING stream_revision, transaction_id, global_position';
const ANSWER = `SELECT stream_revision AS revision, transaction_id::text AS transaction_text, global_position
FROM inserted ORDER BY stream_revision DESC LIMIT 1`;

function oneEventStatement(withBatchKeys: boolean): string {
  return `/* append_events */
WITH inserted AS (
  ${INSERT_EVENTS}
  SELECT $1, $2::bigint + 1, $3::uuid, $4, $5::jsonb, $6::jsonb, $7, $8
  ${EXPECTED_HOLDS}
  ${RETURNING}
)${
    withBatchKeys
      ? `, batches AS (
  INSERT INTO event_batches (batch_key, transaction_id, global_position)
  SELECT k.key, i.transaction_id, i.global_position FROM unnest($9::text[]) AS k(key) CROSS JOIN inserted i
)`
      : ''
  }
${ANSWER}`;
}

function eventsStatement(withBatchKeys: boolean): string {
  return `/* append_events */
WITH inserted AS (
  ${INSERT_EVENTS}
  SELECT $1, $2::bigint + x.ord, x.id, x.type, x.data, x.metadata, x.prev_hash, x.hash
  FROM ROWS FROM (
    jsonb_to_recordset($3::jsonb) AS (id uuid, type text, data jsonb, metadata jsonb, prev_hash text, hash text)
  ) WITH ORDINALITY AS x(id, type, data, metadata, prev_hash, hash, ord)
  ${EXPECTED_HOLDS}
  ${RETURNING}
)${
    withBatchKeys
      ? `, batches AS (
  INSERT INTO event_batches (batch_key, transaction_id, global_position)
  SELECT k.key, i.transaction_id, i.global_position
  FROM unnest($4::text[], $5::int[]) AS k(key, ord) JOIN inserted i ON i.stream_revision = $2::bigint + k.ord
)`
      : ''
  }
${ANSWER}`;
}

const APPEND = {
  one: { name: 'cannatrace_append_one', text: oneEventStatement(false) },
  oneWithBatchKeys: { name: 'cannatrace_append_one_keys', text: oneEventStatement(true) },
  many: { name: 'cannatrace_append_many', text: eventsStatement(false) },
  manyWithBatchKeys: { name: 'cannatrace_append_many_keys', text: eventsStatement(true) },
};

function appendQuery(
  stream: string,
  expected: number,
  events: SealedEvent[],
): { name: string; text: string; values: unknown[] } {
  if (events.length === 1) {
    const [e] = events;
    const keys = [...new Set(e.metadata.batchKeys ?? [])];
    const values = [
      stream,
      expected,
      e.id,
      e.type,
      JSON.stringify(e.data),
      JSON.stringify(e.metadata),
      e.prevHash,
      e.hash,
    ];
    return keys.length > 0 ? { ...APPEND.oneWithBatchKeys, values: [...values, keys] } : { ...APPEND.one, values };
  }
  const payload = JSON.stringify(
    events.map((e) => ({
      id: e.id,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      prev_hash: e.prevHash,
      hash: e.hash,
    })),
  );
  const keys: string[] = [];
  const places: number[] = [];
  events.forEach((e, index) => {
    for (const key of new Set(e.metadata.batchKeys ?? [])) {
      keys.push(key);
      places.push(index + 1);
    }
  });
  return keys.length > 0
    ? { ...APPEND.manyWithBatchKeys, values: [stream, expected, payload, keys, places] }
    : { ...APPEND.many, values: [stream, expected, payload] };
}

/** At most one NOTIFY per this many milliseconds under a stream of appends; a lone append notifies at once. */
const NOTIFY_INTERVAL_MS = 5;

/** A checkpoint in PostgreSQL is the pair the global order sorts by: `{transaction_id}/{global_position}`. */
function checkpointOf(transactionId: string, globalPosition: string | number): Checkpoint {
  return `${transactionId}/${globalPosition}`;
}

function parseCheckpoint(checkpoint: Checkpoint): [string, string] {
  if (checkpoint === START) return ['0', '0'];
  const match = /^(\d{1,20})\/(\d{1,19})$/.exec(checkpoint);
  if (!match) throw new InvalidEventError(`not a PostgreSQL checkpoint: ${JSON.stringify(checkpoint)}`);
  return [match[1], match[2]];
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    stream: row.stream_id,
    revision: Number(row.stream_revision),
    position: checkpointOf(row.transaction_text, row.global_position),
    data: row.data,
    metadata: row.metadata,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The PostgreSQL adapter, over `pg` (a server) or PGlite (embedded): the same SQL for both. */
export class PostgresEventStoreAdapter implements EventStoreAdapter {
  private notifying: Promise<void> | undefined;
  private notifyAgain = false;

  private constructor(
    private readonly client: SqlClient,
    private readonly ownsClient: boolean,
  ) {}

  get name(): string {
    return this.client.kind;
  }

  /** Applies pending migrations, then answers the adapter. */
  static async open(
    client: SqlClient,
    options: { ownsClient: boolean } = { ownsClient: true },
  ): Promise<PostgresEventStoreAdapter> {
    const store = asStore(client);
    await migrate(store, EVENT_STORE_MIGRATIONS);
    return new PostgresEventStoreAdapter(store, options.ownsClient);
  }

  async append(stream: string, expected: number, events: SealedEvent[]): Promise<AdapterAppendOutcome> {
    const query = appendQuery(stream, expected, events);
    let rows: { revision: string; transaction_text: string; global_position: string }[];
    try {
      rows = await this.client.query(query.text, query.values, { prepared: query.name });
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      // A revision or an id already taken, by a retry of these events or by another writer in the meantime.
      const stored = await this.findByIds(
        stream,
        events.map((e) => e.id),
      );
      return stored.length > 0
        ? { outcome: 'duplicate', stored }
        : { outcome: 'conflict', actual: await this.revisionOf(stream) };
    }
    const [row] = rows;
    if (!row) return { outcome: 'conflict', actual: await this.revisionOf(stream) };
    this.notifySubscribers();
    return {
      outcome: 'appended',
      revision: Number(row.revision),
      position: checkpointOf(row.transaction_text, row.global_position),
    };
  }

  async findByIds(_stream: string, ids: string[]): Promise<RecordedEvent[]> {
    const rows = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY stream_id, stream_revision`,
      [ids],
    );
    return rows.map(toRecorded);
  }

  async readStream(stream: string, options: Required<ReadStreamOptions>): Promise<RecordedEvent[]> {
    const forwards = options.direction === 'forwards';
    const rows = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = $1 AND stream_revision ${forwards ? '>=' : '<='} $2
       ORDER BY stream_revision ${forwards ? 'ASC' : 'DESC'} LIMIT $3`,
      [stream, options.fromRevision, options.maxCount],
    );
    return rows.map(toRecorded);
  }

  async readStreams(reads: { stream: string; fromRevision: number }[]): Promise<RecordedEvent[][]> {
    const rows = await this.client.query<EventRow & { read_index: number }>(
      `SELECT r.read_index, e.stream_id, e.stream_revision, e.transaction_id::text AS transaction_text, e.global_position,
         e.event_id, e.event_type, e.data, e.metadata, e.prev_hash, e.hash
       FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS r(stream, from_revision, read_index)
       JOIN events e ON e.stream_id = r.stream AND e.stream_revision >= r.from_revision
       ORDER BY r.read_index, e.stream_revision`,
      [reads.map((r) => r.stream), reads.map((r) => r.fromRevision)],
    );
    const answers: RecordedEvent[][] = reads.map(() => []);
    for (const row of rows) answers[Number(row.read_index) - 1].push(toRecorded(row));
    return answers;
  }

  async readAll(from: Checkpoint, maxCount: number): Promise<ReadAllResult> {
    const [transactionId, globalPosition] = parseCheckpoint(from);
    const rows = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id, global_position LIMIT $3`,
      [transactionId, globalPosition, maxCount],
    );
    const events = rows.map(toRecorded);
    return { events, checkpoint: events.length > 0 ? events[events.length - 1].position : from };
  }

  /** The last committed event below every open transaction, as readAll sees the order: one index probe. */
  async head(): Promise<Checkpoint> {
    const [row] = await this.client.query<{ transaction_text: string; global_position: string }>(
      `SELECT transaction_id::text AS transaction_text, global_position FROM events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    return row ? checkpointOf(row.transaction_text, row.global_position) : START;
  }

  /** The same rows and order as readAll, without data and metadata: nothing to fetch, detoast or parse. */
  async readSeals(from: Checkpoint, maxCount: number): Promise<ReadSealsResult> {
    const [transactionId, globalPosition] = parseCheckpoint(from);
    const rows = await this.client.query<{
      stream_id: string;
      stream_revision: string;
      event_id: string;
      hash: string;
      transaction_text: string;
      global_position: string;
    }>(
      `SELECT stream_id, stream_revision, event_id, hash, transaction_id::text AS transaction_text, global_position
       FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id, global_position LIMIT $3`,
      [transactionId, globalPosition, maxCount],
    );
    const events = rows.map((row) => ({
      stream: row.stream_id,
      revision: Number(row.stream_revision),
      id: row.event_id,
      hash: row.hash,
      position: checkpointOf(row.transaction_text, row.global_position),
    }));
    return { events, checkpoint: events.length > 0 ? events[events.length - 1].position : from };
  }

  async readByBatchKey(batchKey: string): Promise<RecordedEvent[]> {
    const rows = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM event_batches b
       JOIN events USING (transaction_id, global_position)
       WHERE b.batch_key = $1 ORDER BY transaction_id, global_position`,
      [batchKey],
    );
    return rows.map(toRecorded);
  }

  watch(onAppend: () => void): Promise<() => Promise<void>> {
    return this.client.listen(NOTIFY_CHANNEL, onAppend);
  }

  /**
   * One NOTIFY for a burst of appends, sent after they commit: a subscriber only needs to know that something
   * new is there. One NOTIFY in flight at a time, and at most one per NOTIFY_INTERVAL_MS, keeps the notify
   * queue off the commit path and the server's cores for the appends.
   */
  private notifySubscribers(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    const started = Date.now();
    this.notifying = this.client
      .notify(NOTIFY_CHANNEL)
      .then(
        () => undefined,
        () => undefined,
      )
      .then(async () => {
        if (!this.notifyAgain) return;
        const wait = started + NOTIFY_INTERVAL_MS - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      })
      .finally(() => {
        this.notifying = undefined;
        if (this.notifyAgain) {
          this.notifyAgain = false;
          this.notifySubscribers();
        }
      });
  }

  async ping(): Promise<void> {
    await this.client.query('SELECT 1');
  }

  /** Closes the connection only when the adapter owns it; a shared one is its owner's to close. */
  async close(): Promise<void> {
    await this.notifying;
    if (this.ownsClient) await this.client.close();
  }

  private async revisionOf(stream: string): Promise<number> {
    const [row] = await this.client.query<{ revision: string | null }>(
      'SELECT max(stream_revision) AS revision FROM events WHERE stream_id = $1',
      [stream],
    );
    return row.revision === null ? -1 : Number(row.revision);
  }
}

/** The connection as the store's port speaks of it: a database out of reach is the event store out of reach. */
function asStore(client: SqlClient): SqlClient {
  const unavailable = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DatabaseUnavailableError)
        throw new EventStoreUnavailableError(error.message, { cause: error.cause });
      throw error;
    }
  };
  return {
    kind: client.kind,
    query: (sql, params, options) => unavailable(() => client.query(sql, params, options)),
    exec: (sql) => unavailable(() => client.exec(sql)),
    transaction: (work) => unavailable(() => client.transaction(work)),
    notify: (channel) => unavailable(() => client.notify(channel)),
    listen: (channel, onNotify) => client.listen(channel, onNotify),
    close: () => client.close(),
  };
}
