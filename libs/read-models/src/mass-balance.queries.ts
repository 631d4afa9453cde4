import type { DataSource, EntityManager } from 'typeorm';
import {
  batchKey,
  massBalance,
  type MassBalance,
  type ShipmentBalance,
  type SiteBalance,
  type SiteTotals,
} from '#domain';

interface Batch {
  gtin: string;
  lot: string;
}

/** A batch's mass balance with every site's figures (ANSM's and the supplier's view of it). */
export interface BatchMassBalance extends MassBalance {
  siteFigures: SiteBalance[];
}

/** A batch out of balance, as the alert sweep raises it (alert kind `mass_imbalance`). */
export interface MassImbalance {
  gtin: string;
  lot: string;
  /** The sites whose figures disagree. */
  sites: string[];
  /** Ids of the events that show it. */
  evidence: string[];
  /** released − what the registers account for (0 when only a site's own figures disagree). */
  difference: number;
  released: number;
}

const batchesParam = (batches: Batch[]) => JSON.stringify(batches.map(({ gtin, lot }) => ({ gtin, lot })));
const IN_BATCHES = `(gtin, lot) IN (SELECT gtin, lot FROM jsonb_to_recordset($1::jsonb) AS b(gtin text, lot text))`;

/**
 * Each batch's balance from its rows that count: its release, every site's figures, and the shipment lines in
 * transit, with packs missing, or whose receipt does not add up (the partial index holds only those).
 */
async function balancesOf(
  manager: DataSource | EntityManager,
  batches: Batch[],
  { suspectsOnly }: { suspectsOnly: boolean },
): Promise<BatchMassBalance[]> {
  if (batches.length === 0) return [];
  const param = batchesParam(batches);
  // Judging, only the sites that may disagree are read; the sums over every site are taken where the rows are.
  const suspects = suspectsOnly ? 'AND (on_hand < 0 OR stated IS DISTINCT FROM stated_expected OR entered <> 0)' : '';
  const [releases, totals, sites, shipments] = await Promise.all([
    manager.query<{ gtin: string; lot: string; released: number; release_event_id: string | null }[]>(
      `SELECT gtin, lot, released, release_event_id FROM rm_mass_balances WHERE ${IN_BATCHES}`,
      [param],
    ),
    manager.query<(SiteTotals & Batch)[]>(
      `SELECT gtin, lot, sum(entered)::int AS entered, sum(on_hand)::int AS "onHand", sum(dispensed)::int AS dispensed,
         sum(lost)::int AS lost, sum(destroyed)::int AS destroyed, sum(adjusted)::int AS adjusted
       FROM rm_mass_balance_sites WHERE ${IN_BATCHES} GROUP BY gtin, lot`,
      [param],
    ),
    manager.query<(Record<string, unknown> & Batch)[]>(
      `SELECT gtin, lot, site_id, entered, received, shipped, dispensed, lost, destroyed, adjusted, on_hand, stated,
         stated_expected, stated_event_id, entry_event_id, last_event_id
       FROM rm_mass_balance_sites WHERE ${IN_BATCHES} ${suspects} ORDER BY site_id`,
      [param],
    ),
    manager.query<(Record<string, unknown> & Batch)[]>(
      `SELECT shipment_id, gtin, lot, from_site, to_site, shipped, accepted, missing, received, dispatch_event_id,
         receipt_event_id
       FROM rm_mass_balance_shipments
       WHERE ${IN_BATCHES} AND (NOT received OR missing <> 0 OR shipped <> accepted + missing) ORDER BY shipment_id`,
      [param],
    ),
  ]);
  const group = <T extends Batch>(rows: T[]) => {
    const by = new Map<string, T[]>();
    for (const row of rows) {
      const key = batchKey(row.gtin, row.lot);
      const group = by.get(key);
      if (group) group.push(row);
      else by.set(key, [row]);
    }
    return by;
  };
  const releaseOf = new Map(releases.map((r) => [batchKey(r.gtin, r.lot), r]));
  const totalsOf = new Map(totals.map((t) => [batchKey(t.gtin, t.lot), t]));
  const none: SiteTotals = { entered: 0, onHand: 0, dispensed: 0, lost: 0, destroyed: 0, adjusted: 0 };
  const sitesOf = group(sites);
  const shipmentsOf = group(shipments);
  return batches.map(({ gtin, lot }) => {
    const key = batchKey(gtin, lot);
    const release = releaseOf.get(key);
    const siteFigures = (sitesOf.get(key) ?? []).map(siteBalance);
    const balance = massBalance(
      gtin,
      lot,
      release && release.released > 0 ? { quantity: release.released, eventId: release.release_event_id } : null,
      siteFigures,
      (shipmentsOf.get(key) ?? []).map(shipmentBalance),
      totalsOf.get(key) ?? none,
    );
    return { ...balance, siteFigures };
  });
}

function siteBalance(r: Record<string, unknown>): SiteBalance {
  return {
    site: r.site_id as string,
    entered: r.entered as number,
    received: r.received as number,
    shipped: r.shipped as number,
    dispensed: r.dispensed as number,
    lost: r.lost as number,
    destroyed: r.destroyed as number,
    adjusted: r.adjusted as number,
    onHand: r.on_hand as number,
    stated: r.stated as number | null,
    statedExpected: r.stated_expected as number | null,
    statedEventId: r.stated_event_id as string | null,
    entryEventId: r.entry_event_id as string | null,
    lastEventId: r.last_event_id as string | null,
  };
}

function shipmentBalance(r: Record<string, unknown>): ShipmentBalance {
  return {
    shipmentId: r.shipment_id as string,
    from: r.from_site as string,
    to: r.to_site as string,
    shipped: r.shipped as number,
    accepted: r.accepted as number,
    missing: r.missing as number,
    received: r.received as boolean,
    dispatchEventId: r.dispatch_event_id as string | null,
    receiptEventId: r.receipt_event_id as string | null,
  };
}

/** Judges the batches again from their rows and records their terms, balance and disagreeing sites. */
export async function judgeBalances(tx: EntityManager, batches: Batch[]): Promise<void> {
  const balances = await balancesOf(tx, batches, { suspectsOnly: true });
  if (balances.length === 0) return;
  await tx.query(
    `INSERT INTO rm_mass_balances (gtin, lot, awaiting_entry, on_hand, in_transit, missing_at_receipt, dispensed, lost,
       destroyed, adjusted, difference, balanced, sites, evidence)
     SELECT gtin, lot, "awaitingEntry", "onHand", "inTransit", "missingAtReceipt", dispensed, lost, destroyed, adjusted,
       difference, balanced, ARRAY(SELECT jsonb_array_elements_text(sites)), ARRAY(SELECT jsonb_array_elements_text(evidence))
     FROM jsonb_to_recordset($1::jsonb) AS x(gtin text, lot text, "awaitingEntry" integer, "onHand" integer,
       "inTransit" integer, "missingAtReceipt" integer, dispensed integer, lost integer, destroyed integer,
       adjusted integer, difference integer, balanced boolean, sites jsonb, evidence jsonb)
     ON CONFLICT (gtin, lot) DO UPDATE SET awaiting_entry = EXCLUDED.awaiting_entry, on_hand = EXCLUDED.on_hand,
       in_transit = EXCLUDED.in_transit, missing_at_receipt = EXCLUDED.missing_at_receipt,
       dispensed = EXCLUDED.dispensed, lost = EXCLUDED.lost, destroyed = EXCLUDED.destroyed,
       adjusted = EXCLUDED.adjusted, difference = EXCLUDED.difference, balanced = EXCLUDED.balanced,
       sites = EXCLUDED.sites, evidence = EXCLUDED.evidence`,
    [
      JSON.stringify(
        balances.map(({ gtin, lot, terms, difference, balanced, sites, evidence }) => ({
          gtin,
          lot,
          ...terms,
          difference,
          balanced,
          sites,
          evidence,
        })),
      ),
    ],
  );
}

/** One batch's balance as the read models hold it; undefined when no event of it was projected. */
export async function readMassBalance(
  manager: DataSource | EntityManager,
  gtin: string,
  lot: string,
): Promise<BatchMassBalance | undefined> {
  const [known] = await manager.query<unknown[]>(
    `SELECT 1 FROM rm_mass_balances WHERE gtin = $1 AND lot = $2
     UNION ALL SELECT 1 FROM rm_mass_balance_sites WHERE gtin = $1 AND lot = $2 LIMIT 1`,
    [gtin, lot],
  );
  if (!known) return undefined;
  const [balance] = await balancesOf(manager, [{ gtin, lot }], { suspectsOnly: false });
  return balance;
}

/**
 * Every batch out of balance (the partial index holds only those), for the alert sweep: the batch, the sites
 * whose figures disagree and the events that show it. The lead wires it in as alert kind `mass_imbalance`.
 */
export async function findImbalances(manager: DataSource | EntityManager): Promise<MassImbalance[]> {
  const rows = await manager.query<MassImbalance[]>(
    `SELECT gtin, lot, sites, evidence, difference, released FROM rm_mass_balances WHERE NOT balanced ORDER BY gtin, lot`,
  );
  return rows.map(({ gtin, lot, sites, evidence, difference, released }) => ({
    gtin,
    lot,
    sites,
    evidence,
    difference,
    released,
  }));
}

/** A batch's recorded balance: the terms of its equation, and whether it holds. */
export interface MassBalanceSummary {
  gtin: string;
  lot: string;
  terms: MassBalance['terms'];
  difference: number;
  balanced: boolean;
  sites: string[];
  evidence: string[];
}

/** Batches' recorded balances (out of balance only, when asked), by GTIN and lot, `limit` at most. */
export async function listMassBalances(
  manager: DataSource | EntityManager,
  imbalancedOnly: boolean,
  limit = 500,
): Promise<MassBalanceSummary[]> {
  const rows = await manager.query<Record<string, unknown>[]>(
    `SELECT gtin, lot, released, awaiting_entry, on_hand, in_transit, missing_at_receipt, dispensed, lost, destroyed,
       adjusted, difference, balanced, sites, evidence
     FROM rm_mass_balances ${imbalancedOnly ? 'WHERE NOT balanced' : ''} ORDER BY gtin, lot LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    gtin: r.gtin as string,
    lot: r.lot as string,
    terms: {
      released: r.released as number,
      awaitingEntry: r.awaiting_entry as number,
      onHand: r.on_hand as number,
      inTransit: r.in_transit as number,
      missingAtReceipt: r.missing_at_receipt as number,
      dispensed: r.dispensed as number,
      lost: r.lost as number,
      destroyed: r.destroyed as number,
      adjusted: r.adjusted as number,
    },
    difference: r.difference as number,
    balanced: r.balanced as boolean,
    sites: r.sites as string[],
    evidence: r.evidence as string[],
  }));
}
