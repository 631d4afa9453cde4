import { organisationStream, registerSiteOf, siteDeltas, type RegisterEvent } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';

/** Who is looking: a webhook subscription's organisation, or the caller of the event stream. */
export interface Viewer {
  role: string;
  organisation: string;
}

/**
 * THE rule of which events an organisation may see (webhooks and the event stream both ask it, nothing else):
 * ANSM sees every event. Any other organisation sees
 * - what it did (the event's metadata names it),
 * - its own register and its own organisation record (including what the api's processes write there),
 * - a shipment dispatched to it,
 * - the events of a batch's own stream once it is a party to that batch: its supplier, its exploitant, or a site
 *   that had received packs of it by then (`parties`).
 * Other organisations' registers (their stock, their patients' pseudonyms) are never shown.
 */
export function maySee(viewer: Viewer, event: RecordedEvent, parties: ReadonlySet<string>): boolean {
  if (viewer.role === 'ansm') return true;
  const org = viewer.organisation;
  if (event.metadata.organisation === org) return true;
  if (registerSiteOf(event.stream) === org || event.stream === organisationStream(org)) return true;
  if (event.type === 'ShipmentDispatched' && (event.data as { to?: unknown }).to === org) return true;
  return isBatchStream(event) && parties.has(org);
}

/** Events of a batch's own stream (registration, analyses, release, hold, recall): the ones `parties` is asked for. */
export function isBatchStream(event: RecordedEvent): boolean {
  const [key] = event.metadata.batchKeys ?? [];
  return key !== undefined && event.stream === `batch-${key}`;
}

/**
 * The parties to a batch up to (and including) one of its events, from the batch's events in the global order:
 * its supplier and exploitant, and every site that had received packs of it.
 */
export function batchParties(batchEvents: RecordedEvent[], upTo: string): Set<string> {
  const parties = new Set<string>();
  for (const event of batchEvents) {
    if (event.type === 'BatchRegistered') {
      const data = event.data as { supplierId: string; exploitantId: string };
      parties.add(data.supplierId).add(data.exploitantId);
    }
    const site = registerSiteOf(event.stream);
    const deltas = site === undefined ? [] : siteDeltas(site, event as unknown as RegisterEvent);
    for (const delta of deltas) {
      if (delta.counter === 'received' && delta.packs > 0) parties.add(delta.site);
    }
    if (event.id === upTo) break;
  }
  return parties;
}

/** `maySee`, reading the batch's parties from the store when the event is one of a batch's own stream. */
export async function visibleTo(
  store: Pick<EventStore, 'readByBatchKey'>,
  viewer: Viewer,
  event: RecordedEvent,
): Promise<boolean> {
  const parties =
    viewer.role !== 'ansm' && isBatchStream(event)
      ? batchParties(await store.readByBatchKey((event.metadata.batchKeys ?? [])[0]), event.id)
      : new Set<string>();
  return maySee(viewer, event, parties);
}
