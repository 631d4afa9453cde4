import type { EntityManager } from 'typeorm';
import { batchKey, siteDeltas, type DecidedEvent, type RegisterEvent } from '#domain';
import { BatchSiteRow } from '../entities/batch-site.entity.js';
import { DispensationRow } from '../entities/dispensation.entity.js';
import { ShipmentRow } from '../entities/shipment.entity.js';
import type { Projection } from '../projection.js';

const COUNTERS = ['received', 'shipped', 'dispensed', 'lost', 'destroyed', 'adjusted'] as const;

/** A register's event: only those are movements of stock (an event of the same type elsewhere is not). */
type RegisterEntry = { site: string; event: RegisterEvent; occurredAt: string };
type Of<T extends RegisterEvent['type']> = Extract<RegisterEvent, { type: T }>;

/**
 * Where every batch is: per site, the packs received, shipped, dispensed, lost, destroyed and adjusted (on hand
 * follows from them), every dispensation with its patient pseudonym, and every shipment with its receipt. Each
 * kind of change is one set-based statement for the whole batch of events, the rows passed as one JSON document.
 */
export const traceProjection: Projection = {
  name: 'trace',
  entities: [BatchSiteRow, DispensationRow, ShipmentRow],
  async apply(tx, events) {
    const entries = events.filter((e): e is DecidedEvent & RegisterEntry => e.of === 'register');
    await applySiteCounters(tx, entries);
    await applyDispensations(tx, entries);
    await applyShipments(tx, entries);
  },
};

/** Counter changes (the domain's stock movements) summed per site and batch, then upserted. */
async function applySiteCounters(tx: EntityManager, entries: RegisterEntry[]): Promise<void> {
  const rows = new Map<string, Record<string, string | number>>();
  for (const { site, event } of entries) {
    for (const delta of siteDeltas(site, event)) {
      const key = `${delta.site}|${batchKey(delta.gtin, delta.lot)}`;
      const row = rows.get(key) ?? {
        site_id: delta.site,
        gtin: delta.gtin,
        lot: delta.lot,
        ...Object.fromEntries(COUNTERS.map((c) => [c, 0])),
      };
      row[delta.counter] = (row[delta.counter] as number) + delta.packs;
      rows.set(key, row);
    }
  }
  if (rows.size === 0) return;
  await tx.query(
    `INSERT INTO rm_batch_sites (site_id, gtin, lot, ${COUNTERS.join(', ')})
     SELECT site_id, gtin, lot, ${COUNTERS.join(', ')}
     FROM jsonb_to_recordset($1::jsonb) AS x(site_id text, gtin text, lot text, ${COUNTERS.map((c) => `${c} integer`).join(', ')})
     ON CONFLICT (gtin, lot, site_id) DO UPDATE SET ${COUNTERS.map((c) => `${c} = rm_batch_sites.${c} + EXCLUDED.${c}`).join(', ')}`,
    [JSON.stringify([...rows.values()])],
  );
}

async function applyDispensations(tx: EntityManager, entries: RegisterEntry[]): Promise<void> {
  const rows: (Of<'PrescriptionDispensed'>['data'] & { pharmacy_id: string })[] = [];
  for (const { site, event } of entries)
    if (event.type === 'PrescriptionDispensed') rows.push({ ...event.data, pharmacy_id: site });
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO rm_dispensations (dispensation_id, prescription_id, patient_id, pharmacy_id, gtin, lot, quantity, serial, dispensed_on)
     SELECT "dispensationId", "prescriptionId", "patientId", pharmacy_id, gtin, lot, quantity, serial, "dispensedOn"::date
     FROM jsonb_to_recordset($1::jsonb) AS x("dispensationId" text, "prescriptionId" text, "patientId" text, pharmacy_id text,
       gtin text, lot text, quantity integer, serial text, "dispensedOn" text)
     ON CONFLICT (dispensation_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/** Dispatches inserted, then receipts applied. */
async function applyShipments(tx: EntityManager, entries: RegisterEntry[]): Promise<void> {
  const dispatched = [];
  const received = [];
  for (const { site, event, occurredAt } of entries) {
    if (event.type === 'ShipmentDispatched') {
      const d = event.data;
      dispatched.push({
        shipment_id: d.shipmentId,
        from_site: site,
        to_site: d.to,
        lines: d.lines,
        carrier: d.carrier,
        dispatched_at: occurredAt,
      });
    } else if (event.type === 'ShipmentReceived') {
      const d = event.data;
      received.push({
        shipment_id: d.shipmentId,
        received_at: occurredAt,
        accepted: d.accepted,
        discrepancies: d.discrepancies,
      });
    }
  }
  if (dispatched.length > 0) {
    await tx.query(
      `INSERT INTO rm_shipments (shipment_id, from_site, to_site, lines, carrier, dispatched_at)
       SELECT shipment_id, from_site, to_site, lines, carrier, dispatched_at
       FROM jsonb_to_recordset($1::jsonb) AS x(shipment_id text, from_site text, to_site text, lines jsonb, carrier text, dispatched_at timestamptz)
       ON CONFLICT (shipment_id) DO NOTHING`,
      [JSON.stringify(dispatched)],
    );
  }
  if (received.length > 0) {
    await tx.query(
      `UPDATE rm_shipments s SET received_at = x.received_at, accepted = x.accepted, discrepancies = x.discrepancies
       FROM jsonb_to_recordset($1::jsonb) AS x(shipment_id text, received_at timestamptz, accepted jsonb, discrepancies jsonb)
       WHERE s.shipment_id = x.shipment_id`,
      [JSON.stringify(received)],
    );
  }
}
