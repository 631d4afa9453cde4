import type { EntityManager } from 'typeorm';
import { batchKey, siteDeltas, type DecidedEvent, type Line, type RegisterEvent } from '#domain';
import { MassBalanceShipmentRow } from '../entities/mass-balance-shipment.entity.js';
import { MassBalanceSiteRow } from '../entities/mass-balance-site.entity.js';
import { MassBalanceRow } from '../entities/mass-balance.entity.js';
import { judgeBalances } from '../mass-balance.queries.js';
import type { Projection } from '../projection.js';

const COUNTERS = ['entered', 'received', 'shipped', 'dispensed', 'lost', 'destroyed', 'adjusted'] as const;
type Counter = (typeof COUNTERS)[number];

interface SiteChange extends Record<Counter, number> {
  site_id: string;
  gtin: string;
  lot: string;
  entry_event_id: string | null;
  last_event_id: string | null;
}

/** The register stated its stock of a batch: `delta` is what this batch's movements had added before it. */
interface Statement {
  site_id: string;
  gtin: string;
  lot: string;
  stated: number;
  delta: number;
  event_id: string | null;
}

interface ShipmentLine {
  shipment_id: string;
  gtin: string;
  lot: string;
  from_site: string;
  to_site: string;
  quantity: number;
  missing: number;
  event_id: string | null;
}

/**
 * The mass balance of every batch (issue 17): per site the sums of its register's movements and the stock the
 * register stated, per shipment line what was dispatched, accepted and declared missing, and per batch the terms
 * of the equation with the sites whose figures disagree (`massBalance`, #domain). A batch of events is folded in
 * memory (changes summed per row, in the order of the events), written with one set-based statement per kind of
 * change, and then only the batches it touched are judged again, from their rows that still count.
 */
export const massBalanceProjection: Projection = {
  name: 'mass-balance',
  entities: [MassBalanceRow, MassBalanceSiteRow, MassBalanceShipmentRow],
  async apply(tx, events) {
    const fold = new MassBalanceFold();
    for (const decided of events) fold.add(decided);
    await fold.write(tx);
  },
};

class MassBalanceFold {
  private readonly releases = new Map<string, { gtin: string; lot: string; quantity: number; event_id: string }>();
  private readonly changes = new Map<string, SiteChange>();
  private readonly statements = new Map<string, Statement>();
  /** Per site, the keys of rows this batch changed or stated, in memory only until written. */
  private readonly siteKeys = new Map<string, Set<string>>();
  /** Per site, its last statement of its whole stock (a book's closing or opening): rows not named are 0. */
  private readonly wholeSite = new Map<string, string | null>();
  private readonly dispatched = new Map<string, ShipmentLine>();
  private readonly receipts = new Map<string, ShipmentLine>();
  private readonly received = new Map<string, string | null>();
  readonly touched = new Map<string, { gtin: string; lot: string }>();

  add(decided: DecidedEvent): void {
    if (decided.of === 'batch') {
      const { gtin, lot, event, recorded } = decided;
      if (event.type !== 'BatchReleased') return;
      const key = batchKey(gtin, lot);
      this.releases.set(key, { gtin, lot, quantity: event.data.quantity, event_id: recorded?.eventId ?? '' });
      this.touched.set(key, { gtin, lot });
      return;
    }
    if (decided.of !== 'register') return;
    const { site, event } = decided;
    const eventId = decided.recorded?.eventId ?? null;
    // What the register says of its stock is compared with the movements before the event's own.
    this.statementsOf(site, event, eventId);
    this.shipmentsOf(site, event, eventId);
    for (const delta of siteDeltas(site, event)) {
      const change = this.change(site, delta.gtin, delta.lot);
      change[delta.counter] += delta.packs;
      change.last_event_id = eventId;
    }
    if (event.type === 'StockEntered') {
      const change = this.change(site, event.data.gtin, event.data.lot);
      change.entered += event.data.quantity;
      change.entry_event_id = eventId;
    }
  }

  private statementsOf(site: string, event: RegisterEvent, eventId: string | null): void {
    switch (event.type) {
      case 'InventoryCounted':
        for (const count of event.data.counts) this.state(site, count, count.recorded, eventId);
        break;
      case 'RecallAcknowledged':
        this.state(site, event.data, event.data.onHand, eventId);
        break;
      case 'RecalledStockQuarantined':
        this.state(site, event.data, event.data.quantity, eventId);
        break;
      case 'RegisterBookClosed':
        this.stateWhole(site, event.data.closing, eventId);
        break;
      case 'RegisterBookOpened':
        this.stateWhole(site, event.data.carried.stock, eventId);
        break;
    }
  }

  /** A book's balance names every batch held; a batch it leaves out is stated at 0. */
  private stateWhole(site: string, lines: Line[], eventId: string | null): void {
    const named = new Set<string>();
    for (const line of lines) {
      this.state(site, line, line.quantity, eventId);
      named.add(batchKey(line.gtin, line.lot));
    }
    for (const key of this.siteKeys.get(site) ?? []) {
      const row = this.changes.get(`${site}|${key}`) ?? this.statements.get(`${site}|${key}`);
      if (!named.has(key) && row) this.state(site, row, 0, eventId);
    }
    this.wholeSite.set(site, eventId);
  }

  private state(site: string, batch: { gtin: string; lot: string }, stated: number, eventId: string | null): void {
    const { gtin, lot } = batch;
    const change = this.changes.get(`${site}|${batchKey(gtin, lot)}`);
    const delta = change
      ? change.received - change.shipped - change.dispensed - change.lost - change.destroyed + change.adjusted
      : 0;
    this.statements.set(`${site}|${batchKey(gtin, lot)}`, {
      site_id: site,
      gtin,
      lot,
      stated,
      delta,
      event_id: eventId,
    });
    this.keyOf(site, gtin, lot);
  }

  private shipmentsOf(site: string, event: RegisterEvent, eventId: string | null): void {
    if (event.type === 'ShipmentDispatched') {
      const { shipmentId, to, lines } = event.data;
      for (const line of lines) {
        const key = `${shipmentId}|${batchKey(line.gtin, line.lot)}`;
        const known = this.dispatched.get(key);
        if (known) known.quantity += line.quantity;
        else
          this.dispatched.set(key, {
            shipment_id: shipmentId,
            gtin: line.gtin,
            lot: line.lot,
            from_site: site,
            to_site: to,
            quantity: line.quantity,
            missing: 0,
            event_id: eventId,
          });
        this.touched.set(batchKey(line.gtin, line.lot), { gtin: line.gtin, lot: line.lot });
      }
    } else if (event.type === 'ShipmentReceived') {
      const { shipmentId, from, accepted, discrepancies } = event.data;
      const line = (gtin: string, lot: string) => {
        const key = `${shipmentId}|${batchKey(gtin, lot)}`;
        const found = this.receipts.get(key) ?? {
          shipment_id: shipmentId,
          gtin,
          lot,
          from_site: from,
          to_site: site,
          quantity: 0,
          missing: 0,
          event_id: eventId,
        };
        this.receipts.set(key, found);
        this.touched.set(batchKey(gtin, lot), { gtin, lot });
        return found;
      };
      for (const a of accepted) line(a.gtin, a.lot).quantity += a.quantity;
      for (const d of discrepancies) if (d.kind === 'missing') line(d.gtin, d.lot).missing += d.shipped - d.received;
      this.received.set(shipmentId, eventId);
    }
  }

  private change(site: string, gtin: string, lot: string): SiteChange {
    const key = `${site}|${batchKey(gtin, lot)}`;
    let change = this.changes.get(key);
    if (!change) {
      change = {
        site_id: site,
        gtin,
        lot,
        ...(Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>),
        entry_event_id: null,
        last_event_id: null,
      };
      this.changes.set(key, change);
      this.keyOf(site, gtin, lot);
    }
    return change;
  }

  private keyOf(site: string, gtin: string, lot: string): void {
    const keys = this.siteKeys.get(site) ?? new Set<string>();
    keys.add(batchKey(gtin, lot));
    this.siteKeys.set(site, keys);
    this.touched.set(batchKey(gtin, lot), { gtin, lot });
  }

  async write(tx: EntityManager): Promise<void> {
    const json = (rows: unknown[]) => JSON.stringify(rows);
    if (this.releases.size > 0)
      await tx.query(
        `INSERT INTO rm_mass_balances (gtin, lot, released, release_event_id)
         SELECT gtin, lot, quantity, NULLIF(event_id, '') FROM jsonb_to_recordset($1::jsonb) AS x(gtin text, lot text, quantity integer, event_id text)
         ON CONFLICT (gtin, lot) DO UPDATE SET released = EXCLUDED.released, release_event_id = EXCLUDED.release_event_id`,
        [json([...this.releases.values()])],
      );
    // Statements first: they compare with the stock as it stood before this batch's movements plus `delta`.
    if (this.statements.size > 0)
      await tx.query(
        `INSERT INTO rm_mass_balance_sites (gtin, lot, site_id, stated, stated_expected, stated_event_id)
         SELECT gtin, lot, site_id, stated, delta, event_id
         FROM jsonb_to_recordset($1::jsonb) AS x(gtin text, lot text, site_id text, stated integer, delta integer, event_id text)
         ON CONFLICT (gtin, lot, site_id) DO UPDATE SET stated = EXCLUDED.stated,
           stated_expected = rm_mass_balance_sites.on_hand + EXCLUDED.stated_expected, stated_event_id = EXCLUDED.stated_event_id`,
        [json([...this.statements.values()])],
      );
    if (this.wholeSite.size > 0) {
      // Rows of the site this batch did not state: the book left them out, so their stock was stated at 0.
      const changed = await tx.query(
        `UPDATE rm_mass_balance_sites s SET stated = 0, stated_expected = s.on_hand, stated_event_id = x.event_id
         FROM jsonb_to_recordset($1::jsonb) AS x(site_id text, event_id text)
         WHERE s.site_id = x.site_id
           AND (s.stated IS DISTINCT FROM 0 OR s.stated_expected IS DISTINCT FROM s.on_hand)
           AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS k(site_id text, gtin text, lot text)
                           WHERE k.site_id = s.site_id AND k.gtin = s.gtin AND k.lot = s.lot)
         RETURNING s.gtin, s.lot`,
        [
          json([...this.wholeSite].map(([site_id, event_id]) => ({ site_id, event_id }))),
          json([...this.statements.values()].map(({ site_id, gtin, lot }) => ({ site_id, gtin, lot }))),
        ],
      );
      this.touch(changed);
    }
    if (this.changes.size > 0)
      await tx.query(
        `INSERT INTO rm_mass_balance_sites (site_id, gtin, lot, ${COUNTERS.join(', ')}, entry_event_id, last_event_id)
         SELECT site_id, gtin, lot, ${COUNTERS.join(', ')}, entry_event_id, last_event_id
         FROM jsonb_to_recordset($1::jsonb) AS x(site_id text, gtin text, lot text,
           ${COUNTERS.map((c) => `${c} integer`).join(', ')}, entry_event_id text, last_event_id text)
         ON CONFLICT (gtin, lot, site_id) DO UPDATE SET
           ${COUNTERS.map((c) => `${c} = rm_mass_balance_sites.${c} + EXCLUDED.${c}`).join(', ')},
           entry_event_id = COALESCE(EXCLUDED.entry_event_id, rm_mass_balance_sites.entry_event_id),
           last_event_id = COALESCE(EXCLUDED.last_event_id, rm_mass_balance_sites.last_event_id)`,
        [json([...this.changes.values()])],
      );
    await this.writeShipments(tx, json);
    await judgeBalances(tx, [...this.touched.values()]);
  }

  private async writeShipments(tx: EntityManager, json: (rows: unknown[]) => string): Promise<void> {
    if (this.dispatched.size > 0)
      await tx.query(
        `INSERT INTO rm_mass_balance_shipments (shipment_id, gtin, lot, from_site, to_site, shipped, dispatch_event_id)
         SELECT shipment_id, gtin, lot, from_site, to_site, quantity, event_id
         FROM jsonb_to_recordset($1::jsonb) AS x(shipment_id text, gtin text, lot text, from_site text, to_site text, quantity integer, event_id text)
         ON CONFLICT (shipment_id, gtin, lot) DO UPDATE SET shipped = rm_mass_balance_shipments.shipped + EXCLUDED.shipped,
           from_site = EXCLUDED.from_site, to_site = EXCLUDED.to_site, dispatch_event_id = EXCLUDED.dispatch_event_id`,
        [json([...this.dispatched.values()])],
      );
    if (this.receipts.size > 0)
      await tx.query(
        `INSERT INTO rm_mass_balance_shipments (shipment_id, gtin, lot, from_site, to_site, accepted, missing, received, receipt_event_id)
         SELECT shipment_id, gtin, lot, from_site, to_site, quantity, missing, true, event_id
         FROM jsonb_to_recordset($1::jsonb) AS x(shipment_id text, gtin text, lot text, from_site text, to_site text, quantity integer, missing integer, event_id text)
         ON CONFLICT (shipment_id, gtin, lot) DO UPDATE SET accepted = EXCLUDED.accepted, missing = EXCLUDED.missing,
           received = true, receipt_event_id = EXCLUDED.receipt_event_id`,
        [json([...this.receipts.values()])],
      );
    if (this.received.size > 0) {
      // Lines dispatched that the receipt does not name: nothing accepted, nothing declared missing.
      const unnamed = await tx.query(
        `UPDATE rm_mass_balance_shipments s SET received = true, receipt_event_id = x.event_id
         FROM jsonb_to_recordset($1::jsonb) AS x(shipment_id text, event_id text)
         WHERE s.shipment_id = x.shipment_id AND NOT s.received
         RETURNING s.gtin, s.lot`,
        [json([...this.received].map(([shipment_id, event_id]) => ({ shipment_id, event_id })))],
      );
      this.touch(unnamed);
    }
  }

  /** Batches of rows an UPDATE changed (TypeORM answers [rows, count] for an UPDATE ... RETURNING). */
  private touch(result: unknown): void {
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as {
      gtin: string;
      lot: string;
    }[];
    for (const { gtin, lot } of rows) this.touched.set(batchKey(gtin, lot), { gtin, lot });
  }
}
