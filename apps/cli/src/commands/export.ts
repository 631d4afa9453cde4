import { batchEpcisDocument, batchKey, exportGlns, type EpcisDocument } from '#domain';
import type { EventStore } from '#event-store';

/** A batch no event concerns: the command fails, as the api answers 404. */
export class UnknownBatchError extends Error {
  constructor(gtin: string, lot: string) {
    super(`no event concerns lot ${lot} of GTIN ${gtin}`);
    this.name = 'UnknownBatchError';
  }
}

/** A batch's history as an EPCIS 2.0 document; an unknown batch is an error, never an empty document. */
export async function exportBatch(
  store: Pick<EventStore, 'readByBatchKey' | 'readStream'>,
  batch: { gtin: string; lot: string },
): Promise<EpcisDocument> {
  const events = await store.readByBatchKey(batchKey(batch.gtin, batch.lot));
  if (events.length === 0) throw new UnknownBatchError(batch.gtin, batch.lot);
  return batchEpcisDocument(batch.gtin, batch.lot, events, {
    glns: await exportGlns(events, (stream) => store.readStream(stream)),
  });
}
