import type { Migration, RecordedEvent, SqlQueryable } from '#event-store';

/**
 * A read model kept from the global order of events. `apply` receives a batch of events and writes its changes
 * in the projector's transaction, which also moves the projection's checkpoint: all of it commits, or none.
 */
export interface Projection {
  readonly name: string;
  readonly migrations: Migration[];
  /** Tables a rebuild empties before replaying from the start. */
  readonly tables: string[];
  apply(tx: SqlQueryable, events: RecordedEvent[]): Promise<void>;
}
