import type { BatchEvent } from '../batch/batch.js';
import { daysBetween } from '../shared/dates.js';
import { registerSiteOf } from '../register/register-books.js';
import type { Discrepancy, RegisterEvent } from '../register/register-events.js';
import { batchOf } from '../batch/batch.js';
import type { AlertCandidate, AlertSubject } from './alert.js';
import type { AlertSettings } from './alert-settings.js';

/** A stored event in its current shape, with its id and who recorded it. */
export interface AlertEvidence {
  id: string;
  stream: string;
  type: string;
  data: unknown;
  metadata: { occurredAt: string; role?: string; organisation?: string };
}

/** Discrepancies of a receipt that ANSM follows; a duplicate scan or a missing separator is counted right. */
const RECEIPT_DISCREPANCIES = new Set<Discrepancy['kind']>(['missing', 'extra', 'wrong_batch', 'unknown_code']);

const subject = (fields: Partial<AlertSubject>): AlertSubject => ({
  site: null,
  gtin: null,
  lot: null,
  shipmentId: null,
  ...fields,
});

/**
 * The alerts one event raises as soon as it is written: a receipt's discrepancies and expiry mismatches, a loss
 * or adjustment above the threshold, a dispensation close to expiry, an out-of-specification analysis.
 * `supplierOf` names a batch's supplier, the site an analysis result concerns.
 */
export function eventAlerts(
  event: AlertEvidence,
  settings: AlertSettings,
  supplierOf: (gtin: string, lot: string) => string | null = () => null,
): AlertCandidate[] {
  const site = registerSiteOf(event.stream);
  if (site !== undefined) return registerAlerts(site, event, event as unknown as RegisterEvent, settings);
  const batch = batchOf(event.stream);
  if (batch === undefined) return [];
  const e = event as unknown as BatchEvent;
  if (e.type !== 'AnalysisRecorded' || e.data.conformant) return [];
  return [
    {
      kind: 'out_of_specification',
      subject: subject({ site: supplierOf(batch.gtin, batch.lot), ...batch }),
      evidence: [event.id],
      details: {
        recordedBy: { role: event.metadata.role ?? null, organisation: event.metadata.organisation ?? null },
        sampledOn: e.data.sampledOn,
        failures: e.data.failures,
      },
    },
  ];
}

function registerAlerts(
  site: string,
  { id }: AlertEvidence,
  e: RegisterEvent,
  settings: AlertSettings,
): AlertCandidate[] {
  switch (e.type) {
    case 'ShipmentReceived':
      return [...receiptDiscrepancies(site, id, e.data), ...expiryMismatches(site, id, e.data)];
    case 'LossDeclared': {
      const { gtin, lot, quantity, kind } = e.data;
      if (quantity <= settings.lossPacks) return [];
      return [
        {
          kind: 'loss_above_threshold',
          subject: subject({ site, gtin, lot }),
          evidence: [id],
          details: { loss: kind, quantity, threshold: settings.lossPacks },
        },
      ];
    }
    case 'InventoryCounted':
      return e.data.adjustments
        .filter((a) => Math.abs(a.difference) > settings.lossPacks)
        .map(({ gtin, lot, difference }) => ({
          kind: 'adjustment_above_threshold' as const,
          subject: subject({ site, gtin, lot }),
          evidence: [id],
          details: { difference, countedOn: e.data.countedOn, threshold: settings.lossPacks },
        }));
    case 'PrescriptionDispensed': {
      // The patient is left out: the alert is about the batch and the site.
      const { gtin, lot, quantity, dispensedOn, expiresOn } = e.data;
      if (expiresOn === null) return [];
      const daysLeft = daysBetween(dispensedOn, expiresOn);
      if (daysLeft > settings.expiryWindowDays) return [];
      return [
        {
          kind: 'dispensed_near_expiry',
          subject: subject({ site, gtin, lot }),
          evidence: [id],
          details: { dispensedOn, expiresOn, daysLeft, quantity, window: settings.expiryWindowDays },
        },
      ];
    }
    default:
      return [];
  }
}

type Receipt = Extract<RegisterEvent, { type: 'ShipmentReceived' }>['data'];

/** One alert for the receipt's discrepancies ANSM follows, when it has any. */
function receiptDiscrepancies(
  site: string,
  id: string,
  { shipmentId, from, discrepancies }: Receipt,
): AlertCandidate[] {
  const followed = discrepancies.filter((d) => RECEIPT_DISCREPANCIES.has(d.kind));
  if (followed.length === 0) return [];
  return [
    {
      kind: 'receipt_discrepancy',
      subject: subject({ site, shipmentId }),
      evidence: [id],
      details: { from, discrepancies: followed },
    },
  ];
}

/** One alert per batch whose packs' codes give another expiry: the receipt lists one per batch and scanned date. */
function expiryMismatches(site: string, id: string, { shipmentId, discrepancies }: Receipt): AlertCandidate[] {
  const byBatch = new Map<string, { gtin: string; lot: string; recorded: string; scanned: object[] }>();
  for (const d of discrepancies) {
    if (d.kind !== 'expiry_mismatch') continue;
    const key = `${d.gtin}\n${d.lot}`;
    const batch = byBatch.get(key) ?? { gtin: d.gtin, lot: d.lot, recorded: d.recorded, scanned: [] };
    batch.scanned.push({ expiresOn: d.scanned, received: d.received });
    byBatch.set(key, batch);
  }
  return [...byBatch.values()].map(({ gtin, lot, recorded, scanned }) => ({
    kind: 'expiry_mismatch',
    subject: subject({ site, gtin, lot, shipmentId }),
    evidence: [id],
    details: { recorded, scanned },
  }));
}
