import {
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  NotLeaderError,
  START as ESDB_START,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import type { AdapterAppendOutcome, EventStoreAdapter, SealedEvent } from '../adapter.js';
import { EventStoreUnavailableError, InvalidEventError } from '../errors.js';
import { START, type Checkpoint, type ReadAllResult, type ReadStreamOptions, type RecordedEvent } from '../types.js';

export interface EventStoreDbOptions {
  /** e.g. `esdb://node1:2113,node2:2113,node3:2113?tls=false` */
  connectionString: string;
  /** Every call is abandoned after this many milliseconds: a server that accepts and never answers hangs nothing. */
  timeoutMs?: number;
  /**
   * EventStoreDB cannot look an event up by id: a retried append is recognised among the stream's last
   * `idempotencyWindow` events.
   */
  idempotencyWindow?: number;
}

type StoredMetadata = RecordedEvent['metadata'] & { prevHash: string | null; hash: string };

/** A checkpoint in EventStoreDB is its transaction-file position: `{commit}/{prepare}`. */
function checkpointOf(position: { commit: bigint; prepare: bigint }): Checkpoint {
  return `${position.commit}/${position.prepare}`;
}

function parseCheckpoint(checkpoint: Checkpoint): { commit: bigint; prepare: bigint } {
  const match = /^(\d{1,20})\/(\d{1,20})$/.exec(checkpoint);
  if (!match) throw new InvalidEventError(`not an EventStoreDB checkpoint: ${JSON.stringify(checkpoint)}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

function isUnavailable(error: unknown): boolean {
  return [UnavailableError, DeadlineExceededError, TimeoutError, CancelledError, NotLeaderError].some(
    (type) => error instanceof type,
  );
}

export class EventStoreDbAdapter implements EventStoreAdapter {
  readonly name = 'eventstoredb';
  private readonly client: EventStoreDBClient;
  private readonly timeoutMs: number;
  private readonly idempotencyWindow: number;

  constructor(options: EventStoreDbOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.idempotencyWindow = options.idempotencyWindow ?? 100;
  }

  async append(stream: string, expected: number, events: SealedEvent[]): Promise<AdapterAppendOutcome> {
    const stored = await this.findByIds(
      stream,
      events.map((e) => e.id),
    );
    if (stored.length > 0) return { outcome: 'duplicate', stored };
    try {
      const result = await this.call(
        (deadline) =>
          this.client.appendToStream(
            stream,
            events.map((e) =>
              jsonEvent({
                id: e.id,
                type: e.type,
                data: e.data,
                metadata: { ...e.metadata, prevHash: e.prevHash, hash: e.hash } satisfies StoredMetadata,
              }),
            ),
            { expectedRevision: expected === -1 ? NO_STREAM : BigInt(expected), deadline },
          ),
        'append',
      );
      if (!result.position)
        throw new EventStoreUnavailableError('EventStoreDB answered an append without its position');
      return {
        outcome: 'appended',
        revision: Number(result.nextExpectedRevision),
        position: checkpointOf(result.position),
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion;
        return { outcome: 'conflict', actual: actual === NO_STREAM ? -1 : Number(actual) };
      }
      throw error;
    }
  }

  async findByIds(stream: string, ids: string[]): Promise<RecordedEvent[]> {
    const wanted = new Set(ids);
    const recent = await this.readStream(stream, {
      direction: 'backwards',
      fromRevision: Number.MAX_SAFE_INTEGER,
      maxCount: this.idempotencyWindow,
    });
    return recent.filter((e) => wanted.has(e.id)).reverse();
  }

  async readStream(stream: string, options: Required<ReadStreamOptions>): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const fromRevision =
      backwards && options.fromRevision === Number.MAX_SAFE_INTEGER ? END : BigInt(options.fromRevision);
    try {
      const resolved = await this.collect<ResolvedEvent>(
        (deadline) =>
          this.client.readStream(stream, {
            direction: backwards ? BACKWARDS : FORWARDS,
            fromRevision,
            maxCount: options.maxCount,
            deadline,
          }),
        'readStream',
      );
      return resolved.map((r) => this.toRecorded(r));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** System events ($-prefixed) are skipped but still move the checkpoint on. */
  async readAll(from: Checkpoint, maxCount: number): Promise<ReadAllResult> {
    const fromPosition = from === START ? ESDB_START : parseCheckpoint(from);
    const resolved = await this.collect<AllStreamResolvedEvent>(
      // One more than asked: a position-based read includes the event at `from`, which was already returned.
      (deadline) => this.client.readAll({ direction: FORWARDS, fromPosition, maxCount: maxCount + 1, deadline }),
      'readAll',
    );
    let checkpoint = from;
    const events: RecordedEvent[] = [];
    for (const r of resolved) {
      if (!r.event?.position) continue;
      const position = checkpointOf(r.event.position);
      if (position === from || events.length === maxCount) continue;
      checkpoint = position;
      if (r.event.type.startsWith('$') || r.event.streamId.startsWith('$')) continue;
      events.push(this.toRecorded(r));
    }
    return { events, checkpoint };
  }

  async watch(onAppend: () => void): Promise<() => Promise<void>> {
    let closed = false;
    let retry: NodeJS.Timeout | undefined;
    let subscription: ReturnType<EventStoreDBClient['subscribeToAll']> | undefined;
    const start = () => {
      subscription = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
      subscription.on('data', () => onAppend());
      subscription.on('error', () => {
        if (!closed) retry = setTimeout(start, 1000);
      });
    };
    start();
    return async () => {
      closed = true;
      clearTimeout(retry);
      await subscription?.unsubscribe().catch(() => undefined);
    };
  }

  /** The position of the last event of $all (system events included, as readAll's checkpoints are). */
  async head(): Promise<Checkpoint> {
    const [last] = await this.collect<AllStreamResolvedEvent>(
      (deadline) => this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline }),
      'head',
    );
    return last?.event?.position ? checkpointOf(last.event.position) : START;
  }

  async ping(): Promise<void> {
    await this.collect(
      (deadline) => this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline }),
      'ping',
    );
  }

  close(): Promise<void> {
    return this.client.dispose();
  }

  private toRecorded(resolved: ResolvedEvent): RecordedEvent {
    const event = resolved.event;
    if (!event || !event.isJson || !event.position)
      throw new InvalidEventError('EventStoreDB returned a non-JSON event');
    const { prevHash, hash, ...metadata } = event.metadata as unknown as StoredMetadata;
    return {
      id: event.id,
      type: event.type,
      stream: event.streamId,
      revision: Number(event.revision),
      position: checkpointOf(event.position),
      data: event.data as RecordedEvent['data'],
      metadata,
      prevHash,
      hash,
    };
  }

  /** Runs one call with the client's deadline and our own timer, whichever fires first. */
  private async call<T>(work: (deadline: number) => Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EventStoreUnavailableError(`EventStoreDB ${what} timed out after ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([work(this.timeoutMs), timeout]);
    } catch (error) {
      if (isUnavailable(error)) {
        throw new EventStoreUnavailableError(`EventStoreDB unavailable during ${what}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private collect<E>(open: (deadline: number) => StreamingRead<E>, what: string): Promise<E[]> {
    let read: StreamingRead<E> | undefined;
    return this.call(async (deadline) => {
      read = open(deadline);
      const items: E[] = [];
      for await (const item of read) items.push(item);
      return items;
    }, what).catch(async (error: unknown) => {
      await read?.cancel().catch(() => undefined);
      throw error;
    });
  }
}
