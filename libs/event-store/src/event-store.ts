import type {
  AppendOptions,
  AppendResult,
  Checkpoint,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadSealsResult,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from './types.js';

/** The port: the only way the rest of cannatrace reads or writes events. */
export interface EventStore {
  /** The adapter's name: `pglite`, `postgres` or `eventstoredb`. */
  readonly adapter: string;
  append(stream: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Several streams forwards, each from its own revision (inclusive); answers in the order asked. */
  readStreams(reads: { stream: string; fromRevision: number }[]): Promise<RecordedEvent[][]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /** The global order like `readAll`, each event's place and hash only: what sealing reads. */
  readSeals(options?: ReadAllOptions): Promise<ReadSealsResult>;
  /**
   * Stored events carrying these ids: in any stream on PostgreSQL and PGlite; among the last events of `stream`
   * on EventStoreDB, which has no global index of ids.
   */
  findEvents(stream: string, ids: string[]): Promise<RecordedEvent[]>;
  /** Every event whose metadata names this batch key (`{gtin}-{lot}`), in the global order. */
  readByBatchKey(batchKey: string): Promise<RecordedEvent[]>;
  /**
   * The checkpoint after the last event readable now (`START` when none): `readAll` from it answers only events
   * that commit later, including one appended earlier in a transaction still open. Read without scanning.
   */
  head(): Promise<Checkpoint>;
  /** Catch-up subscription: everything after `from`, then live events as they commit. */
  subscribe(handler: SubscriptionHandler, options?: SubscribeOptions): Subscription;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Injection token of the EventStore in NestJS modules. */
export const EVENT_STORE = Symbol('EVENT_STORE');
