import { chainBreakReason, type ChainBreak } from './hash-chain.js';
import type { EventStore } from './event-store.js';
import { START } from './types.js';

export interface VerificationReport {
  ok: boolean;
  checkedEvents: number;
  checkedStreams: number;
  /** The first broken event of each broken stream. */
  broken: ChainBreak[];
}

/**
 * Recomputes every hash of every stream, walking the global order once and keeping only each stream's last
 * revision and hash in memory.
 */
export async function verifyChains(
  store: EventStore,
  options: { batchSize?: number; onProgress?: (checkedEvents: number) => void } = {},
): Promise<VerificationReport> {
  const tails = new Map<string, { revision: number; hash: string } | 'broken'>();
  const broken: ChainBreak[] = [];
  let checkedEvents = 0;
  let from = START;
  for (;;) {
    const page = await store.readAll({ from, maxCount: options.batchSize ?? 1000 });
    if (page.events.length === 0) break;
    for (const event of page.events) {
      checkedEvents += 1;
      const tail = tails.get(event.stream);
      if (tail === 'broken') continue;
      const reason = chainBreakReason(event, tail);
      if (reason) {
        broken.push({ stream: event.stream, revision: event.revision, eventId: event.id, reason });
        tails.set(event.stream, 'broken');
      } else {
        tails.set(event.stream, { revision: event.revision, hash: event.hash });
      }
    }
    from = page.checkpoint;
    options.onProgress?.(checkedEvents);
  }
  return { ok: broken.length === 0, checkedEvents, checkedStreams: tails.size, broken };
}
