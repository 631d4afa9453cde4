import { batchKey, registerSiteOf, siteDeltas, type RegisterEvent } from '#domain';
import type { RecordedEvent, SqlQueryable } from '#event-store';
import type { Projection } from '../projection.js';

const COUNTERS = ['received', 'shipped', 'dispensed', 'lost', 'destroyed', 'adjusted'] as const;

/**
 * Where every batch is: per site, the packs received, shipped, dispensed, lost, destroyed and adjusted (on hand
 * follows from them), every dispensation with its patient pseudonym, and every shipment with its receipt.
 */
export const traceProjection: Projection = {
  name: 'trace',
  tables: ['rm_batch_sites', 'rm_dispensations', 'rm_shipments'],
  migrations: [
    {
      id: 'projections-002-trace',
      sql: `
CREATE TABLE rm_batch_sites (
  gtin text NOT NULL,
  lot text NOT NULL,
  site_id text NOT NULL,
  ${COUNTERS.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n  ')},
  on_hand integer GENERATED ALWAYS AS (received - shipped - dispensed - lost - destroyed + adjusted) STORED,
  PRIMARY KEY (gtin, lot, site_id)
);
CREATE INDEX rm_batch_sites_site_idx ON rm_batch_sites (site_id);
CREATE TABLE rm_dispensations (
  dispensation_id text PRIMARY KEY,
  prescription_id text NOT NULL,
  patient_id text NOT NULL,
  pharmacy_id text NOT NULL,
  gtin text NOT NULL,
  lot text NOT NULL,
  quantity integer NOT NULL,
  serial text,
  dispensed_on date NOT NULL,
  global_order bigserial
);
CREATE INDEX rm_dispensations_batch_idx ON rm_dispensations (gtin, lot);
CREATE INDEX rm_dispensations_prescription_idx ON rm_dispensations (prescription_id);
CREATE TABLE rm_shipments (
  shipment_id text PRIMARY KEY,
  from_site text NOT NULL,
  to_site text NOT NULL,
  lines jsonb NOT NULL,
  carrier text,
  dispatched_at timestamptz NOT NULL,
  received_at timestamptz,
  accepted jsonb,
  discrepancies jsonb
);
CREATE INDEX rm_shipments_to_idx ON rm_shipments (to_site, received_at);
CREATE INDEX rm_shipments_from_idx ON rm_shipments (from_site);`,
    },
    {
      // Counters change batch after batch: room left on each page lets PostgreSQL update a row in place (HOT)
      // instead of writing a new version and an entry in both indexes. Pages written from now on keep it.
      id: 'projections-005-batch-sites-fillfactor',
      sql: 'ALTER TABLE rm_batch_sites SET (fillfactor = 50);',
    },
  ],
  async apply(tx, events) {
    await applySiteCounters(tx, events);
    await applyDispensations(tx, events);
    await applyShipments(tx, events);
  },
};

/** One statement for the whole batch: counter changes summed per site and batch, then upserted. */
async function applySiteCounters(tx: SqlQueryable, events: RecordedEvent[]): Promise<void> {
  const rows = new Map<string, Record<string, string | number>>();
  for (const event of events) {
    for (const delta of siteDeltas(event.stream, event)) {
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

async function applyDispensations(tx: SqlQueryable, events: RecordedEvent[]): Promise<void> {
  const rows = events
    .filter((e) => e.type === 'PrescriptionDispensed' && registerSiteOf(e.stream) !== undefined)
    .map((e) => {
      const d = (e as unknown as Extract<RegisterEvent, { type: 'PrescriptionDispensed' }>).data;
      return { ...d, pharmacy_id: registerSiteOf(e.stream) };
    });
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

/** Dispatches inserted, then receipts applied, each kind in one statement for the whole batch. */
async function applyShipments(tx: SqlQueryable, events: RecordedEvent[]): Promise<void> {
  const dispatched = [];
  const received = [];
  // Only a register's events are movements of stock; an event of the same type elsewhere is not.
  for (const event of events.filter((e) => registerSiteOf(e.stream) !== undefined)) {
    if (event.type === 'ShipmentDispatched') {
      const d = (event as unknown as Extract<RegisterEvent, { type: 'ShipmentDispatched' }>).data;
      dispatched.push({
        shipment_id: d.shipmentId,
        from_site: registerSiteOf(event.stream),
        to_site: d.to,
        lines: d.lines,
        carrier: d.carrier,
        dispatched_at: event.metadata.occurredAt,
      });
    } else if (event.type === 'ShipmentReceived') {
      const d = (event as unknown as Extract<RegisterEvent, { type: 'ShipmentReceived' }>).data;
      received.push({
        shipment_id: d.shipmentId,
        received_at: event.metadata.occurredAt,
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
