import { batchDecider, batchKey, batchStream, fold, type BatchEvent } from '#domain';
import { START, type EventStore } from '#event-store';
import { Progress } from '../progress.js';

/**
 * With a batch: its history from the event store, one line an event, then its state as of the instant.
 * Without: every event of the store as one JSON line each on standard output.
 */
export async function replay(
  store: EventStore,
  batch: { gtin: string; lot: string } | undefined,
  asOf: Date,
): Promise<string> {
  if (batch) {
    const events = (await store.readByBatchKey(batchKey(batch.gtin, batch.lot))).filter(
      (e) => Date.parse(e.metadata.recordedAt) <= asOf.getTime(),
    );
    for (const e of events) {
      console.log(
        `${e.metadata.recordedAt}  ${e.stream}@${e.revision}  ${e.type}  by ${e.metadata.organisation}/${e.metadata.actor}`,
      );
    }
    const state = fold(
      batchDecider,
      events
        .filter((e) => e.stream === batchStream(batch.gtin, batch.lot))
        .map((e) => ({ type: e.type, data: e.data }) as BatchEvent),
    );
    console.log(JSON.stringify(state));
    return `${events.length} events concern lot ${batch.lot} of ${batch.gtin} as of ${asOf.toISOString()}`;
  }
  const progress = new Progress('replaying');
  let count = 0;
  let from = START;
  for (;;) {
    const page = await store.readAll({ from, maxCount: 1000 });
    if (page.events.length === 0) break;
    for (const e of page.events) process.stdout.write(`${JSON.stringify(e)}\n`);
    count += page.events.length;
    progress.update(count);
    from = page.checkpoint;
  }
  const seconds = progress.finish();
  return `${count} events replayed in ${seconds.toFixed(1)} s`;
}
