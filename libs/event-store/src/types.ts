/** JSON values an event may carry: what survives a round trip through every adapter unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who did it, when it happened in the world, and which command and batches it concerns. */
export interface EventMetadata {
  actor: string;
  role: string;
  organisation: string;
  /** When it happened in the world (ISO 8601); may differ from the recording time. */
  occurredAt: string;
  commandId: string;
  correlationId: string;
  causationId?: string;
  /** Batch keys (`{gtin}-{lot}`) this event concerns, so an auditor can find every event of a batch. */
  batchKeys?: string[];
  /** The shape version of the event's data; absent means 1 (see libs/domain versioning). */
  schemaVersion?: number;
}

/** Metadata as stored: the caller's, plus the recording instant set by the store. */
export interface RecordedMetadata extends EventMetadata {
  recordedAt: string;
}

export interface NewEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  /** A UUID; generated when absent. Re-appending the same ids at the same place writes nothing twice. */
  id?: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  id: string;
  type: Type;
  stream: string;
  /** 0-based position of the event in its stream. */
  revision: number;
  /** Opaque checkpoint of the event in the global order: resume a read or a subscription after it. */
  position: Checkpoint;
  data: Data;
  metadata: RecordedMetadata;
  /** SHA-256 of the previous event of the stream, null for the first. */
  prevHash: string | null;
  hash: string;
}

/** An opaque position in the global order. `START` reads from the very beginning. */
export type Checkpoint = string;
export const START: Checkpoint = 'start';

export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface AppendOptions {
  /** Defaults to 'any'. */
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  revision: number;
  /** Global position of the last appended event. */
  position: Checkpoint;
  eventIds: string[];
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first event forwards and the last backwards. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  from?: Checkpoint;
  maxCount?: number;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Where the next read starts: the last event's position, or `from` when nothing was read. */
  checkpoint: Checkpoint;
}

/** What sealing needs of an event: where it stands and its hash, without its content. */
export interface EventSeal {
  stream: string;
  revision: number;
  id: string;
  hash: string;
  position: Checkpoint;
}

export interface ReadSealsResult {
  events: EventSeal[];
  checkpoint: Checkpoint;
}

export type SubscriptionHandler = (events: RecordedEvent[], checkpoint: Checkpoint) => Promise<void> | void;

export interface SubscribeOptions {
  from?: Checkpoint;
  batchSize?: number;
  /** Fallback poll when no notification arrives. */
  pollIntervalMs?: number;
}

export interface Subscription {
  /** Stops after the batch in hand; resolves once the loop has ended. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: rejects with the handler's or the store's error. */
  readonly done: Promise<void>;
}
