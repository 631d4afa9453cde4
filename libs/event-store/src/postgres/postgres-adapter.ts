import type { AdapterAppendOutcome, EventStoreAdapter, SealedEvent } from '../adapter.js';
import { InvalidEventError } from '../errors.js';
import { START, type Checkpoint, type ReadAllResult, type ReadStreamOptions, type RecordedEvent } from '../types.js';
import { migrate } from './migrations.js';
import type { SqlClient } from './sql-client.js';

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
  static async open(client: SqlClient, options: { ownsClient: boolean } = { ownsClient: true }): Promise<PostgresEventStoreAdapter> {
    await migrate(client);
    return new PostgresEventStoreAdapter(client, options.ownsClient);
  }

  async append(stream: string, expected: number, events: SealedEvent[]): Promise<AdapterAppendOutcome> {
    const payload = JSON.stringify(
      events.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata, prev_hash: e.prevHash, hash: e.hash })),
    );
    let rows: { o_outcome: string; o_revision: string | null; o_transaction_id: string | null; o_global_position: string | null }[];
    try {
      rows = await this.client.query('SELECT * FROM append_events($1, $2, $3::uuid[], $4::jsonb)', [
        stream,
        expected,
        events.map((e) => e.id),
        payload,
      ]);
    } catch (error) {
      // Another writer committed the same revision or id between our check and our insert.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return { outcome: 'conflict', actual: await this.revisionOf(stream) };
      throw error;
    }
    const [row] = rows;
    switch (row.o_outcome) {
      case 'appended':
        this.notifySubscribers();
        return {
          outcome: 'appended',
          revision: Number(row.o_revision),
          position: checkpointOf(row.o_transaction_id as string, row.o_global_position as string),
        };
      case 'conflict':
        return { outcome: 'conflict', actual: Number(row.o_revision) };
      default:
        return { outcome: 'duplicate', stored: await this.findByIds(stream, events.map((e) => e.id)) };
    }
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

  async readByBatchKey(batchKey: string): Promise<RecordedEvent[]> {
    const rows = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE metadata -> 'batchKeys' ? $1 ORDER BY transaction_id, global_position`,
      [batchKey],
    );
    return rows.map(toRecorded);
  }

  watch(onAppend: () => void): Promise<() => Promise<void>> {
    return this.client.listen(NOTIFY_CHANNEL, onAppend);
  }

  /**
   * One NOTIFY for a burst of appends, sent after they commit: a subscriber only needs to know that something
   * new is there, and one NOTIFY in flight at a time keeps the notify queue off the commit path.
   */
  private notifySubscribers(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = this.client
      .notify(NOTIFY_CHANNEL)
      .then(
        () => undefined,
        () => undefined,
      )
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
