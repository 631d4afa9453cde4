import type { EventStoreAdapter, SealedEvent } from './adapter.js';
import { EventIdConflictError, InvalidEventError, WrongExpectedRevisionError } from './errors.js';
import type { EventStore } from './event-store.js';
import { canonicalJson, eventHash } from './hash-chain.js';
import { prepareEvent, validateStreamName, type PreparedEvent } from './new-event.js';
import { StreamTails, type StreamTail } from './stream-tails.js';
import { catchUpSubscription } from './subscription.js';
import {
  START,
  type Checkpoint,
  type AppendOptions,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadSealsResult,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionHandler,
} from './types.js';

/** Retargeting attempts for 'any' and 'stream_exists' when other writers keep moving the stream. */
const MAX_ATTEMPTS = 20;

/**
 * The port's one implementation. It gives every adapter the same semantics: expected states resolved to an
 * exact revision, hashes chained by the same code, and idempotency by event id.
 */
export class ChainedEventStore implements EventStore {
  private readonly tails = new StreamTails(10_000);

  constructor(
    private readonly storage: EventStoreAdapter,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get adapter(): string {
    return this.storage.name;
  }

  async append(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    validateStreamName(stream);
    if (events.length === 0) throw new InvalidEventError('an append needs at least one event');
    const expected = options.expectedRevision ?? 'any';
    validateExpected(expected);
    const prepared = events.map(prepareEvent);
    if (new Set(prepared.map((e) => e.id)).size !== prepared.length) {
      throw new InvalidEventError('the same event id appears twice in one append');
    }
    const recordedAt = this.clock().toISOString();

    // A writer that expects no stream needs no read: were it wrong, the adapter refuses and the tail is read.
    let tail = this.tails.get(stream) ?? (expected === 'no_stream' ? { revision: -1, hash: null } : undefined);
    for (let attempt = 1; ; attempt++) {
      if (!tail || !satisfies(expected, tail.revision)) tail = await this.readTail(stream);
      if (!satisfies(expected, tail.revision)) return this.replayedOrConflict(stream, expected, tail, prepared);

      const sealed = seal(stream, tail, prepared, recordedAt);
      const result = await this.storage.append(stream, tail.revision, sealed);
      if (result.outcome === 'appended') {
        this.tails.set(stream, { revision: result.revision, hash: sealed[sealed.length - 1].hash });
        return { revision: result.revision, position: result.position, eventIds: prepared.map((e) => e.id) };
      }
      if (result.outcome === 'duplicate') return replayed(stream, prepared, result.stored);
      this.tails.forget(stream);
      tail = undefined;
      if (attempt >= MAX_ATTEMPTS) throw new WrongExpectedRevisionError(stream, expected, result.actual);
    }
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamName(stream);
    const direction = options.direction ?? 'forwards';
    const fromRevision = options.fromRevision ?? (direction === 'forwards' ? 0 : Number.MAX_SAFE_INTEGER);
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isSafeInteger(fromRevision) || fromRevision < 0)
      throw new InvalidEventError('fromRevision must be >= 0');
    if (!Number.isSafeInteger(maxCount) || maxCount < 1) throw new InvalidEventError('maxCount must be >= 1');
    return this.storage.readStream(stream, { direction, fromRevision, maxCount });
  }

  findEvents(stream: string, ids: string[]): Promise<RecordedEvent[]> {
    validateStreamName(stream);
    return ids.length === 0
      ? Promise.resolve([])
      : this.storage.findByIds(
          stream,
          ids.map((id) => id.toLowerCase()),
        );
  }

  readStreams(reads: { stream: string; fromRevision: number }[]): Promise<RecordedEvent[][]> {
    for (const { stream, fromRevision } of reads) {
      validateStreamName(stream);
      if (!Number.isSafeInteger(fromRevision) || fromRevision < 0)
        throw new InvalidEventError('fromRevision must be >= 0');
    }
    if (reads.length === 0) return Promise.resolve([]);
    if (this.storage.readStreams) return this.storage.readStreams(reads);
    return Promise.all(reads.map(({ stream, fromRevision }) => this.readStream(stream, { fromRevision })));
  }

  readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const maxCount = options.maxCount ?? 1000;
    if (!Number.isSafeInteger(maxCount) || maxCount < 1) throw new InvalidEventError('maxCount must be >= 1');
    return this.storage.readAll(options.from ?? START, maxCount);
  }

  async readSeals(options: ReadAllOptions = {}): Promise<ReadSealsResult> {
    const maxCount = options.maxCount ?? 1000;
    if (!Number.isSafeInteger(maxCount) || maxCount < 1) throw new InvalidEventError('maxCount must be >= 1');
    const from = options.from ?? START;
    if (this.storage.readSeals) return this.storage.readSeals(from, maxCount);
    const page = await this.storage.readAll(from, maxCount);
    return {
      events: page.events.map(({ stream, revision, id, hash, position }) => ({ stream, revision, id, hash, position })),
      checkpoint: page.checkpoint,
    };
  }

  async head(): Promise<Checkpoint> {
    if (this.storage.head) return this.storage.head();
    let from = START;
    for (;;) {
      const page = await this.readSeals({ from, maxCount: 1000 });
      if (page.checkpoint === from) return from;
      from = page.checkpoint;
    }
  }

  async readByBatchKey(batchKey: string): Promise<RecordedEvent[]> {
    if (this.storage.readByBatchKey) return this.storage.readByBatchKey(batchKey);
    const found: RecordedEvent[] = [];
    let from = START;
    for (;;) {
      const page = await this.storage.readAll(from, 1000);
      found.push(...page.events.filter((e) => e.metadata.batchKeys?.includes(batchKey)));
      if (page.checkpoint === from) return found;
      from = page.checkpoint;
    }
  }

  subscribe(handler: SubscriptionHandler, options?: SubscribeOptions): Subscription {
    return catchUpSubscription(this.storage, handler, options);
  }

  ping(): Promise<void> {
    return this.storage.ping();
  }

  close(): Promise<void> {
    return this.storage.close();
  }

  private async readTail(stream: string): Promise<StreamTail> {
    const [last] = await this.storage.readStream(stream, {
      direction: 'backwards',
      fromRevision: Number.MAX_SAFE_INTEGER,
      maxCount: 1,
    });
    const tail = last ? { revision: last.revision, hash: last.hash } : { revision: -1, hash: null };
    this.tails.set(stream, tail);
    return tail;
  }

  /** The stream is not where the caller expected: a retry of events already stored, or a real conflict. */
  private async replayedOrConflict(
    stream: string,
    expected: ExpectedRevision,
    tail: StreamTail,
    prepared: PreparedEvent[],
  ): Promise<AppendResult> {
    const stored = await this.storage.findByIds(
      stream,
      prepared.map((e) => e.id),
    );
    if (stored.length === 0) throw new WrongExpectedRevisionError(stream, expected, tail.revision);
    return replayed(stream, prepared, stored);
  }
}

function validateExpected(expected: ExpectedRevision): void {
  if (typeof expected === 'number') {
    if (!Number.isSafeInteger(expected) || expected < 0) {
      throw new InvalidEventError(`expected revision ${expected} must be a whole number >= 0`);
    }
  } else if (!['no_stream', 'stream_exists', 'any'].includes(expected)) {
    throw new InvalidEventError(`unknown expected revision ${String(expected)}`);
  }
}

function satisfies(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === -1;
    case 'stream_exists':
      return actual >= 0;
    default:
      return actual === expected;
  }
}

function seal(stream: string, tail: StreamTail, events: PreparedEvent[], recordedAt: string): SealedEvent[] {
  let prevHash = tail.hash;
  return events.map((event, index) => {
    const metadata = { ...event.metadata, recordedAt };
    const revision = tail.revision + 1 + index;
    const hash = eventHash({ stream, revision, id: event.id, type: event.type, data: event.data, metadata, prevHash });
    const sealed = { id: event.id, type: event.type, data: event.data, metadata, prevHash, hash };
    prevHash = hash;
    return sealed;
  });
}

/**
 * The events of an idempotent retry must all be stored, in this stream, one after another, with the same
 * content (the recording instant aside): then the first append's result stands and nothing is written.
 */
function replayed(stream: string, prepared: PreparedEvent[], stored: RecordedEvent[]): AppendResult {
  const byId = new Map(stored.map((e) => [e.id, e]));
  let previous: RecordedEvent | undefined;
  for (const event of prepared) {
    const original = byId.get(event.id);
    if (!original) throw new EventIdConflictError(event.id, 'part of this append is already stored, part is not');
    if (original.stream !== stream)
      throw new EventIdConflictError(event.id, `already stored in stream ${original.stream}`);
    if (previous && original.revision !== previous.revision + 1) {
      throw new EventIdConflictError(event.id, 'already stored, in another order');
    }
    if (!sameContent(event, original)) throw new EventIdConflictError(event.id, 'already stored with other content');
    previous = original;
  }
  const last = previous as RecordedEvent;
  return { revision: last.revision, position: last.position, eventIds: prepared.map((e) => e.id) };
}

function sameContent(event: PreparedEvent, stored: RecordedEvent): boolean {
  const { recordedAt: _recordedAt, ...metadata } = stored.metadata;
  return (
    event.type === stored.type &&
    canonicalJson(event.data) === canonicalJson(stored.data) &&
    canonicalJson(event.metadata) === canonicalJson(metadata)
  );
}
