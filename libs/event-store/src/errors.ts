import type { ExpectedRevision } from './types.js';

/** Base of every error the port raises, whatever the adapter underneath. */
export class EventStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The stream was not where the caller expected it. */
export class WrongExpectedRevisionError extends EventStoreError {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${actual === -1 ? 'no stream' : actual}`);
  }
}

/** An event id already stored with other content, in another stream, or at another place. */
export class EventIdConflictError extends EventStoreError {
  constructor(
    readonly eventId: string,
    detail: string,
  ) {
    super(`event ${eventId}: ${detail}`);
  }
}

/** An event the store cannot hold as given (bad id, empty type, a value JSON cannot carry). */
export class InvalidEventError extends EventStoreError {}

/** The store did not answer, or answered too late. Safe to retry with the same event ids. */
export class EventStoreUnavailableError extends EventStoreError {}
