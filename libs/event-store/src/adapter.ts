import type { Checkpoint, ReadAllResult, ReadSealsResult, ReadStreamOptions, RecordedEvent } from './types.js';

/** An event ready to store: id, revision-independent content and the hash chained to its predecessor. */
export interface SealedEvent {
  id: string;
  type: string;
  data: RecordedEvent['data'];
  metadata: RecordedEvent['metadata'];
  prevHash: string | null;
  hash: string;
}

export type AdapterAppendOutcome =
  | { outcome: 'appended'; revision: number; position: Checkpoint }
  /** The stream was not at the expected revision; `actual` is -1 when it does not exist. */
  | { outcome: 'conflict'; actual: number }
  /** Some of the ids are already stored: the stored events carrying them, nothing written. */
  | { outcome: 'duplicate'; stored: RecordedEvent[] };

/**
 * What a storage technology provides to the port. The port computes hashes, resolves expected states and
 * checks idempotency; an adapter stores atomically and reads in order.
 */
export interface EventStoreAdapter {
  readonly name: string;
  /**
   * Writes all events or none, at revisions expected+1.., only if the stream's last revision is `expected`
   * (-1: no stream) and none of the ids is stored yet.
   */
  append(stream: string, expected: number, events: SealedEvent[]): Promise<AdapterAppendOutcome>;
  /** Stored events carrying any of these ids, in any stream. */
  findByIds(stream: string, ids: string[]): Promise<RecordedEvent[]>;
  readStream(stream: string, options: Required<ReadStreamOptions>): Promise<RecordedEvent[]>;
  /**
   * Several streams forwards, each from its own revision, in one round trip. Optional: without it the port reads
   * them one by one, at once.
   */
  readStreams?(reads: { stream: string; fromRevision: number }[]): Promise<RecordedEvent[][]>;
  /** Events after `from` in the global order, never skipping one that commits later with a lower position. */
  readAll(from: Checkpoint, maxCount: number): Promise<ReadAllResult>;
  /**
   * The checkpoint after the last event `readAll` would answer now. Optional: without it the port reads the
   * global order's seals to its end.
   */
  head?(): Promise<Checkpoint>;
  /** `readAll` without the events' content. Optional: without it the port reads whole events. */
  readSeals?(from: Checkpoint, maxCount: number): Promise<ReadSealsResult>;
  /**
   * Every event whose metadata names this batch key, in the global order. Optional: without it the port scans
   * the global order.
   */
  readByBatchKey?(batchKey: string): Promise<RecordedEvent[]>;
  /** Calls `onAppend` soon after any append commits (best effort; subscribers also poll). */
  watch(onAppend: () => void): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
