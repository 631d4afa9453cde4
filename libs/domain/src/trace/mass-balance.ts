/**
 * The mass balance of a batch: every pack released is somewhere the registers can name.
 *
 *   released = awaiting entry + on hand (every site) + in transit + missing at receipt
 *              + dispensed + lost + destroyed − net inventory adjustments
 *
 * The equation alone cannot say where figures disagree, so each site and each shipment is also checked against
 * itself; a site named by any check is a disagreeing site (with what was expected and what was recorded).
 */

/** One site's figures for one batch: the sums of its register's movements, and the stock its register stated. */
export interface SiteBalance {
  site: string;
  /** Packs entered by the batch's release (part of `received`). */
  entered: number;
  /** Packs that entered: the release entry and the packs accepted at receipts. */
  received: number;
  /** Packs dispatched, returns included. */
  shipped: number;
  dispensed: number;
  lost: number;
  destroyed: number;
  /** Net inventory adjustments (positive: packs found). */
  adjusted: number;
  /** What the movements leave: received − shipped − dispensed − lost − destroyed + adjusted. */
  onHand: number;
  /**
   * The stock the register last stated itself (an inventory's recorded figure, a recall's acknowledgement, a
   * quarantine count, a book's closing or opening balance), and what the movements gave at that point.
   */
  stated: number | null;
  statedExpected: number | null;
  statedEventId: string | null;
  /** The last release entry, and the last event that moved the site's packs. */
  entryEventId: string | null;
  lastEventId: string | null;
}

/** One batch's line of one shipment: dispatched by its sender, and once received, accepted or declared missing. */
export interface ShipmentBalance {
  shipmentId: string;
  from: string;
  to: string;
  shipped: number;
  accepted: number;
  /** Packs the receipt declared missing (shipped − counted). */
  missing: number;
  received: boolean;
  dispatchEventId: string | null;
  receiptEventId: string | null;
}

export type DisagreementReason =
  /** More packs left the site than entered it. */
  | 'negative_stock'
  /** The register stated a stock other than its movements give. */
  | 'register_differs'
  /** Packs entered by the release are not the quantity released. */
  | 'release_entry_differs'
  /** A receipt's accepted and missing packs are not what was dispatched (or nothing was dispatched). */
  | 'shipment_differs';

export interface Disagreement {
  site: string;
  reason: DisagreementReason;
  expected: number;
  recorded: number;
  /** The shipment, for `shipment_differs`. */
  shipmentId: string | null;
  /** Ids of the events that show it. */
  evidence: string[];
}

export interface MassBalanceTerms {
  /** Quantity of the BatchReleased event (0 before release). */
  released: number;
  /** Released packs whose entry into the supplier's register is not yet written (the release-entries process). */
  awaitingEntry: number;
  onHand: number;
  /** Packs dispatched and not yet received. */
  inTransit: number;
  /** Packs declared missing at receipt: they left the sender and entered no register. */
  missingAtReceipt: number;
  dispensed: number;
  lost: number;
  destroyed: number;
  /** Net inventory adjustments, subtracted: packs found add to the stock without having been released again. */
  adjusted: number;
}

export interface MassBalance {
  gtin: string;
  lot: string;
  terms: MassBalanceTerms;
  /** released − (every other term, adjustments subtracted): 0 when the equation holds. */
  difference: number;
  balanced: boolean;
  /** The sites whose figures disagree, sorted. */
  sites: string[];
  disagreements: Disagreement[];
  /** Ids of every event that shows a disagreement. */
  evidence: string[];
}

/** The sites' figures summed over every site of a batch. */
export type SiteTotals = Pick<SiteBalance, 'entered' | 'onHand' | 'dispensed' | 'lost' | 'destroyed' | 'adjusted'>;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export function siteTotals(sites: readonly SiteBalance[]): SiteTotals {
  return {
    entered: sum(sites.map((s) => s.entered)),
    onHand: sum(sites.map((s) => s.onHand)),
    dispensed: sum(sites.map((s) => s.dispensed)),
    lost: sum(sites.map((s) => s.lost)),
    destroyed: sum(sites.map((s) => s.destroyed)),
    adjusted: sum(sites.map((s) => s.adjusted)),
  };
}

/**
 * Judges a batch's balance from its release, its sites' figures, and the shipment lines that still count: those
 * in transit, received with packs missing, or whose receipt does not add up (the others cancel out). Given the
 * sites' `totals` (summed where the rows are), `sites` need only hold those that may disagree: a negative stock,
 * a statement other than expected, a release entry.
 */
export function massBalance(
  gtin: string,
  lot: string,
  release: { quantity: number; eventId: string | null } | null,
  sites: readonly SiteBalance[],
  shipments: readonly ShipmentBalance[],
  totals: SiteTotals = siteTotals(sites),
): MassBalance {
  const released = release?.quantity ?? 0;
  const entered = totals.entered;
  const terms: MassBalanceTerms = {
    released,
    // Until the entry is written the packs are still the supplier's, unregistered: pending, not missing.
    awaitingEntry: entered === 0 ? released : 0,
    onHand: totals.onHand,
    inTransit: sum(shipments.filter((s) => !s.received).map((s) => s.shipped)),
    missingAtReceipt: sum(shipments.filter((s) => s.received).map((s) => s.missing)),
    dispensed: totals.dispensed,
    lost: totals.lost,
    destroyed: totals.destroyed,
    adjusted: totals.adjusted,
  };
  const accounted =
    terms.awaitingEntry +
    terms.onHand +
    terms.inTransit +
    terms.missingAtReceipt +
    terms.dispensed +
    terms.lost +
    terms.destroyed -
    terms.adjusted;
  const difference = released - accounted;
  const disagreements = [
    ...sites.flatMap((site) => siteDisagreements(site)),
    ...entryDisagreements(sites, release, entered),
    ...shipments.flatMap((line) => shipmentDisagreements(line)),
  ];
  const evidence = [...new Set(disagreements.flatMap((d) => d.evidence))].sort();
  return {
    gtin,
    lot,
    terms,
    difference,
    balanced: difference === 0 && disagreements.length === 0,
    sites: [...new Set(disagreements.map((d) => d.site))].sort(),
    disagreements,
    evidence,
  };
}

const ids = (...values: (string | null)[]) => values.filter((v): v is string => v !== null);

function siteDisagreements(site: SiteBalance): Disagreement[] {
  const found: Disagreement[] = [];
  const at = (reason: DisagreementReason, expected: number, recorded: number, evidence: string[]) =>
    found.push({ site: site.site, reason, expected, recorded, shipmentId: null, evidence });
  if (site.onHand < 0) at('negative_stock', 0, site.onHand, ids(site.lastEventId));
  if (site.stated !== null && site.statedExpected !== null && site.stated !== site.statedExpected)
    at('register_differs', site.statedExpected, site.stated, ids(site.statedEventId));
  return found;
}

/** The release enters once, at the supplier, in the quantity released; an entry before any release is wrong too. */
function entryDisagreements(
  sites: readonly SiteBalance[],
  release: { quantity: number; eventId: string | null } | null,
  entered: number,
): Disagreement[] {
  const released = release?.quantity ?? 0;
  if (entered === 0 || (entered === released && release !== null)) return [];
  return sites
    .filter((s) => s.entered !== 0)
    .map((s) => ({
      site: s.site,
      reason: 'release_entry_differs' as const,
      expected: released,
      recorded: entered,
      shipmentId: null,
      evidence: ids(release?.eventId ?? null, s.entryEventId),
    }));
}

/** A received line is right when accepted + missing = shipped; both parties are named when it is not. */
function shipmentDisagreements(line: ShipmentBalance): Disagreement[] {
  if (!line.received || line.accepted + line.missing === line.shipped) return [];
  const evidence = ids(line.dispatchEventId, line.receiptEventId);
  return [line.from, line.to].map((site) => ({
    site,
    reason: 'shipment_differs' as const,
    expected: line.shipped,
    recorded: line.accepted + line.missing,
    shipmentId: line.shipmentId,
    evidence,
  }));
}
