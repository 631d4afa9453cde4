import type { BatchEvent } from '../batch/batch.js';
import { registerSiteOf } from '../register/register-books.js';
import type { RegisterEvent } from '../register/register-events.js';
import { siteDeltas } from '../trace/trace.js';

/** Where one site stands in a batch's recall: what ANSM follows until every site is done. */
export interface SiteRecallProgress {
  organisationId: string;
  /**
   * Packs the site held, or had on their way to it, when notified; null when it was not notified (its packs
   * arrived after the recall).
   */
  notified: number | null;
  /** When the site acknowledged the notice (its packs then became unusable there); null until then. */
  acknowledgedAt: string | null;
  /** Packs counted into quarantine; null until counted. */
  quarantined: number | null;
  /** Packs sent back in returns since the recall. */
  returned: number;
  /** Of those, packs of returns not yet received by the site they were sent to. */
  returnsInTransit: number;
  /** Packs of ordinary (not return) shipments dispatched to the site and not yet received by it. */
  incoming: number;
  /** Packs destroyed since the recall. */
  destroyed: number;
  /** Packs the site holds now. */
  onHand: number;
  /**
   * Acknowledged, and nothing left: no pack held (the batch's supplier, where returns end, may hold them), none on
   * its way back, none on its way to it.
   */
  complete: boolean;
}

export interface RecallProgress {
  gtin: string;
  lot: string;
  recalled: boolean;
  recalledAt: string | null;
  reason: string | null;
  sites: SiteRecallProgress[];
  /** Recalled, and every site notified, holding packs or with packs on their way to it is complete. */
  complete: boolean;
}

export interface RecallHistoryEvent {
  stream: string;
  type: string;
  data: unknown;
  metadata: { occurredAt: string };
}

type Counters = Omit<SiteRecallProgress, 'onHand' | 'complete'> & { onHand: number };

/**
 * A recall's progress, folded from every event of the batch in the global order (the batch's stream and the
 * registers' events that name it): no table of its own, exact whatever the read models' lag.
 */
export function recallProgress(gtin: string, lot: string, events: Iterable<RecallHistoryEvent>): RecallProgress {
  const sites = new Map<string, Counters>();
  const site = (organisationId: string): Counters => {
    let counters = sites.get(organisationId);
    if (!counters) {
      counters = {
        organisationId,
        notified: null,
        acknowledgedAt: null,
        quarantined: null,
        returned: 0,
        returnsInTransit: 0,
        incoming: 0,
        destroyed: 0,
        onHand: 0,
      };
      sites.set(organisationId, counters);
    }
    return counters;
  };
  let supplierId: string | null = null;
  let recalledAt: string | null = null;
  let reason: string | null = null;
  /** Returns on their way: shipment id -> sender and packs of this batch. */
  const returning = new Map<string, { from: string; packs: number }>();
  /** Ordinary shipments on their way: shipment id -> receiver and packs of this batch. */
  const arriving = new Map<string, { to: string; packs: number }>();
  const ofBatch = (line: { gtin: string; lot: string }) => line.gtin === gtin && line.lot === lot;

  for (const event of events) {
    const holder = registerSiteOf(event.stream);
    const deltas = holder === undefined ? [] : siteDeltas(holder, event as unknown as RegisterEvent);
    for (const delta of deltas) {
      if (!ofBatch(delta)) continue;
      const counters = site(delta.site);
      counters.onHand += delta.counter === 'received' || delta.counter === 'adjusted' ? delta.packs : -delta.packs;
    }
    if (holder === undefined) {
      const e = event as unknown as BatchEvent;
      if (e.type === 'BatchRegistered') supplierId = e.data.supplierId;
      if (e.type === 'BatchRecalled') {
        recalledAt = event.metadata.occurredAt;
        reason = e.data.reason;
      }
      if (e.type === 'RecallSiteNotified') site(e.data.organisationId).notified = e.data.quantity;
      continue;
    }
    const e = event as unknown as RegisterEvent;
    switch (e.type) {
      case 'RecallAcknowledged':
        if (ofBatch(e.data)) site(holder).acknowledgedAt = event.metadata.occurredAt;
        break;
      case 'RecalledStockQuarantined':
        if (ofBatch(e.data)) site(holder).quarantined = e.data.quantity;
        break;
      case 'StockDestroyed':
        if (recalledAt !== null && ofBatch(e.data)) site(holder).destroyed += e.data.quantity;
        break;
      case 'ShipmentDispatched': {
        const packs = e.data.lines.filter(ofBatch).reduce((sum, line) => sum + line.quantity, 0);
        if (packs === 0) break;
        if (!e.data.return) {
          site(e.data.to).incoming += packs;
          arriving.set(e.data.shipmentId, { to: e.data.to, packs });
          break;
        }
        if (recalledAt === null) break;
        site(holder).returned += packs;
        site(holder).returnsInTransit += packs;
        returning.set(e.data.shipmentId, { from: holder, packs });
        break;
      }
      case 'ShipmentReceived': {
        const shipped = arriving.get(e.data.shipmentId);
        if (shipped) {
          site(shipped.to).incoming -= shipped.packs;
          arriving.delete(e.data.shipmentId);
        }
        const pending = returning.get(e.data.shipmentId);
        if (!pending) break;
        site(pending.from).returnsInTransit -= pending.packs;
        returning.delete(e.data.shipmentId);
        break;
      }
    }
  }

  const progress = [...sites.values()]
    .filter((s) => s.notified !== null || s.onHand > 0 || s.incoming > 0 || s.acknowledgedAt !== null)
    .map((s) => ({
      ...s,
      complete:
        recalledAt !== null &&
        s.acknowledgedAt !== null &&
        (s.onHand === 0 || s.organisationId === supplierId) &&
        s.returnsInTransit === 0 &&
        s.incoming === 0,
    }));
  return {
    gtin,
    lot,
    recalled: recalledAt !== null,
    recalledAt,
    reason,
    sites: progress,
    complete: recalledAt !== null && progress.every((s) => s.complete),
  };
}

/**
 * The sites a recall notifies, from the batch's events before it: each site with packs on hand, or on their way
 * to it (a shipment dispatched before the recall reaches its receiver after it), with those packs.
 */
export function recallHolders(
  gtin: string,
  lot: string,
  events: Iterable<RecallHistoryEvent>,
): { organisationId: string; onHand: number }[] {
  return recallProgress(gtin, lot, events).sites.map((s) => ({
    organisationId: s.organisationId,
    onHand: s.onHand + s.incoming,
  }));
}
