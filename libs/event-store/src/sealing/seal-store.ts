import type { EventStore } from '../event-store.js';
import { START } from '../types.js';
import type { CheckpointLog } from './checkpoint-log.js';
import { checkpointHash, nextStoreHead, type SealedCheckpoint, type StreamHead } from './store-head.js';

export interface SealOptions {
  /** At most this many events per checkpoint; a store far behind is sealed in several. */
  maxEvents?: number;
  clock?: () => Date;
}

/**
 * Seals the events committed since the last checkpoint into the next one: their count, the running hash of the
 * global order, and the new head of every stream they changed. Answers the checkpoint, or null when there was
 * nothing new (or another process sealed the same events first). Runs beside the appends, never on their path.
 */
export async function sealStore(
  store: EventStore,
  log: CheckpointLog,
  options: SealOptions = {},
): Promise<SealedCheckpoint | null> {
  const maxEvents = options.maxEvents ?? 10_000;
  const previous = await log.latest();
  let from = previous?.upTo ?? START;
  let storeHead = previous?.storeHead ?? null;
  let eventCount = previous?.eventCount ?? 0;
  let streamCount = previous?.streamCount ?? 0;
  const heads = new Map<string, StreamHead>();
  let sealed = 0;
  while (sealed < maxEvents) {
    const page = await store.readSeals({ from, maxCount: Math.min(5000, maxEvents - sealed) });
    if (page.events.length === 0) break;
    for (const event of page.events) {
      storeHead = nextStoreHead(storeHead, event.hash);
      eventCount += 1;
      if (event.revision === 0) streamCount += 1;
      heads.set(event.stream, { stream: event.stream, revision: event.revision, eventId: event.id, hash: event.hash });
    }
    sealed += page.events.length;
    from = page.checkpoint;
  }
  if (sealed === 0 || storeHead === null) return null;
  const fields = {
    seq: (previous?.seq ?? 0) + 1,
    upTo: from,
    eventCount,
    streamCount,
    storeHead,
    prevHash: previous?.hash ?? null,
    sealedAt: (options.clock?.() ?? new Date()).toISOString(),
  };
  const checkpoint = { ...fields, hash: checkpointHash(fields) };
  return (await log.append(checkpoint, [...heads.values()])) ? checkpoint : null;
}

/** Seals until the checkpoints reach everything committed; answers the last checkpoint. */
export async function sealAll(
  store: EventStore,
  log: CheckpointLog,
  options: SealOptions = {},
): Promise<SealedCheckpoint | null> {
  for (;;) {
    const before = await log.latest();
    if (await sealStore(store, log, options)) continue;
    // Nothing sealed: nothing new, or another process sealed first (then there may be more to seal).
    const after = await log.latest();
    if (after?.seq === before?.seq) return after;
  }
}
