import { registerSiteOf } from '../register/register-books.js';
import type { RegisterEvent } from '../register/register-events.js';

/** What one site did with a batch's packs. */
export interface SiteTrace {
  organisationId: string;
  /** Packs that entered: the release (supplier) or accepted receipts. */
  received: number;
  shipped: number;
  dispensed: number;
  lost: number;
  destroyed: number;
  /** Net inventory adjustments. */
  adjusted: number;
  onHand: number;
}

export interface TraceDispensation {
  dispensationId: string;
  prescriptionId: string;
  patientId: string;
  pharmacyId: string;
  quantity: number;
  dispensedOn: string;
}

export interface BatchTrace {
  gtin: string;
  lot: string;
  sites: SiteTrace[];
  dispensations: TraceDispensation[];
  /** Pseudonyms of every patient who received a pack, for their prescribers to contact. */
  patients: string[];
}

export type SiteCounter = Exclude<keyof SiteTrace, 'organisationId' | 'onHand'>;

/** A change to one site's counters for one batch. */
export interface SiteDelta {
  site: string;
  gtin: string;
  lot: string;
  counter: SiteCounter;
  packs: number;
}

/**
 * The stock movements an event of a site's register makes, batch by batch: the one mapping from register events
 * to movements, for the trace read model and for the trace folded from the store.
 */
export function siteDeltas(site: string, e: RegisterEvent): SiteDelta[] {
  const at = (counter: SiteCounter, line: { gtin: string; lot: string }, packs: number): SiteDelta => ({
    site,
    gtin: line.gtin,
    lot: line.lot,
    counter,
    packs,
  });
  switch (e.type) {
    case 'StockEntered':
      return [at('received', e.data, e.data.quantity)];
    case 'ShipmentDispatched':
      return e.data.lines.map((l) => at('shipped', l, l.quantity));
    case 'ShipmentReceived':
      return e.data.accepted.map((l) => at('received', l, l.quantity));
    case 'PrescriptionDispensed':
      return [at('dispensed', e.data, e.data.quantity)];
    case 'LossDeclared':
      return [at('lost', e.data, e.data.quantity)];
    case 'StockDestroyed':
      return [at('destroyed', e.data, e.data.quantity)];
    case 'InventoryCounted':
      return e.data.adjustments.map((a) => at('adjusted', a, a.difference));
    default:
      return [];
  }
}

export function onHand(site: Omit<SiteTrace, 'onHand'>): number {
  return site.received - site.shipped - site.dispensed - site.lost - site.destroyed + site.adjusted;
}

/** The trace of a batch folded from the events that concern it: every site that held it, every patient who got it. */
export function traceBatch(
  gtin: string,
  lot: string,
  events: Iterable<{ stream: string; type: string; data: unknown }>,
): BatchTrace {
  const sites = new Map<string, Omit<SiteTrace, 'onHand'>>();
  const dispensations: TraceDispensation[] = [];
  for (const event of events) {
    const holder = registerSiteOf(event.stream);
    if (holder === undefined) continue;
    const e = event as unknown as RegisterEvent;
    for (const delta of siteDeltas(holder, e)) {
      if (delta.gtin !== gtin || delta.lot !== lot) continue;
      const site = sites.get(delta.site) ?? {
        organisationId: delta.site,
        received: 0,
        shipped: 0,
        dispensed: 0,
        lost: 0,
        destroyed: 0,
        adjusted: 0,
      };
      site[delta.counter] += delta.packs;
      sites.set(delta.site, site);
    }
    if (e.type === 'PrescriptionDispensed' && e.data.gtin === gtin && e.data.lot === lot) {
      const { dispensationId, prescriptionId, patientId, quantity, dispensedOn } = e.data;
      dispensations.push({
        dispensationId,
        prescriptionId,
        patientId,
        pharmacyId: holder,
        quantity,
        dispensedOn,
      });
    }
  }
  return {
    gtin,
    lot,
    sites: [...sites.values()].map((s) => ({ ...s, onHand: onHand(s) })),
    dispensations,
    patients: [...new Set(dispensations.map((d) => d.patientId))],
  };
}
