import type { DecidedEvent } from '#domain';
import type { Checkpoint } from '#event-store';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A read model kept from the global order of events. `apply` receives a batch of events, typed by the decider
 * that wrote each, and writes its changes through the projector's transaction (`tx`), which also moves the
 * projection's checkpoint: all of it commits, or none.
 */
export interface Projection {
  readonly name: string;
  /** Tables a rebuild empties before replaying from the start. */
  readonly entities: EntityTarget<ObjectLiteral>[];
  apply(tx: EntityManager, events: DecidedEvent[], batch: ProjectedBatch): Promise<void>;
}

/** The batch's last event: its place in the global order and when the store recorded it. */
export interface ProjectedBatch {
  position: Checkpoint;
  recordedAt: string;
}
