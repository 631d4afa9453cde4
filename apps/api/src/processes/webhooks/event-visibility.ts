import {
  batchAccess,
  batchKey,
  batchOf,
  organisationStream,
  registerSiteOf,
  siteDeltas,
  VIGILANCE_THRESHOLDS_STREAM,
  vigilanceReportOf,
  vigilanceSignalOf,
  type BatchAccess,
  type RegisterEvent,
} from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';

/** Who is looking: a webhook subscription's organisation, or the caller of the event stream. */
export interface Viewer {
  role: string;
  organisation: string;
}

/** The events of a batch's stream a holder-view site may see (besides its own `RecallSiteNotified`). */
const HOLDER_EVENTS = new Set(['BatchPutOnHold', 'BatchHoldLifted', 'BatchRecalled']);

/**
 * THE rule of which events an organisation may see (webhooks and the event stream both ask it, nothing else):
 * ANSM sees every event, and it alone sees vigilance (reports carry free text and a patient's pseudonym, even
 * their reporter's organisation does not receive them: it reads its reports through GET /v1/vigilance/reports).
 * Any other organisation sees
 * - what it did (the event's metadata names it),
 * - its own register and its own organisation record (including what the api's processes write there),
 * - a shipment dispatched to it,
 * - of a batch's own stream, what its `batchAccess` (#domain, the rule of the batch views) allows at that event:
 *   `full` (its supplier, its exploitants) every event; `holder` (a site that holds, held or was sent packs) the
 *   hold, lift and recall, and the recall notice addressed to it, never another site's; `none` nothing.
 * Other organisations' registers (their stock, their patients' pseudonyms) are never shown.
 */
export function maySee(viewer: Viewer, event: RecordedEvent, access: BatchAccess): boolean {
  if (viewer.role === 'ansm') return true;
  if (isVigilance(event)) return false;
  const org = viewer.organisation;
  if (event.metadata.organisation === org) return true;
  if (registerSiteOf(event.stream) === org || event.stream === organisationStream(org)) return true;
  if (event.type === 'ShipmentDispatched' && (event.data as { to?: unknown }).to === org) return true;
  if (!isBatchStream(event) || access === 'none') return false;
  if (access === 'full') return true;
  if (event.type === 'RecallSiteNotified') return (event.data as { organisationId?: unknown }).organisationId === org;
  return HOLDER_EVENTS.has(event.type);
}

/** Events of vigilance: reports, their corrections and follow-ups, signals, the threshold. */
export function isVigilance(event: RecordedEvent): boolean {
  const { stream } = event;
  return (
    vigilanceReportOf(stream) !== undefined ||
    vigilanceSignalOf(stream) !== undefined ||
    stream === VIGILANCE_THRESHOLDS_STREAM
  );
}

/** Events of a batch's own stream (registration, analyses, release, hold, recall): the ones `batchAccess` weighs. */
export function isBatchStream(event: RecordedEvent): boolean {
  const [key] = event.metadata.batchKeys ?? [];
  const batch = batchOf(event.stream);
  return key !== undefined && batch !== undefined && batchKey(batch.gtin, batch.lot) === key;
}

/**
 * A viewer's `batchAccess` at one of a batch's events, from the batch's events in the global order up to (and
 * including) it: its supplier and exploitant from its registration, and the viewer's links (packs received, or
 * a shipment of the batch sent to it).
 */
export function batchAccessAt(viewer: Viewer, batchEvents: RecordedEvent[], upTo: string): BatchAccess {
  let batch: { supplierId: string; exploitantId: string } | undefined;
  const sites = new Set<string>();
  for (const event of batchEvents) {
    if (event.type === 'BatchRegistered') batch = event.data as { supplierId: string; exploitantId: string };
    const site = registerSiteOf(event.stream);
    for (const delta of site === undefined ? [] : siteDeltas(site, event as unknown as RegisterEvent)) {
      if (delta.counter === 'received' && delta.packs > 0) sites.add(delta.site);
    }
    if (event.type === 'ShipmentDispatched' && registerSiteOf(event.stream) !== undefined) {
      const { to } = event.data as { to?: unknown };
      if (typeof to === 'string') sites.add(to);
    }
    if (event.id === upTo) break;
  }
  return batch ? batchAccess(viewer, batch, { sites }) : 'none';
}

/** `maySee`, reading the batch's events from the store when the event is one of a batch's own stream. */
export async function visibleTo(
  store: Pick<EventStore, 'readByBatchKey'>,
  viewer: Viewer,
  event: RecordedEvent,
): Promise<boolean> {
  const access =
    viewer.role !== 'ansm' && isBatchStream(event)
      ? batchAccessAt(viewer, await store.readByBatchKey((event.metadata.batchKeys ?? [])[0]), event.id)
      : 'none';
  return maySee(viewer, event, access);
}
