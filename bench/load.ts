import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '#event-store';

export const GTIN = '03400930000014';
export const BATCHES = 1000;
export const PROBE_STREAM = 'register-PROBE';

const metadata = (lot: string, organisation: string) => ({
  actor: '10000000002',
  role: 'exploitant',
  organisation,
  occurredAt: '2026-03-01T10:00:00.000Z',
  commandId: randomUUID(),
  correlationId: randomUUID(),
  batchKeys: [`${GTIN}-${lot}`],
});

/** One register event of the circuit, cycling through entries, shipments, receipts and dispensations. */
function registerEvent(i: number, site: string): NewEvent {
  const lot = `L${i % BATCHES}`;
  const line = { gtin: GTIN, lot, quantity: 1 + (i % 5) };
  switch (i % 4) {
    case 0:
      return { type: 'StockEntered', data: { ...line, reason: 'batch_release' }, metadata: metadata(lot, site) };
    case 1:
      return {
        type: 'ShipmentDispatched',
        data: {
          shipmentId: `${site}~${String(i).padStart(12, '0')}`,
          to: 'PH-1',
          lines: [line],
          carrier: null,
          importAuthorisation: null,
        },
        metadata: metadata(lot, site),
      };
    case 2:
      return {
        type: 'ShipmentReceived',
        data: {
          shipmentId: `EXP-1~${String(i).padStart(12, '0')}`,
          from: 'EXP-1',
          accepted: [line],
          discrepancies: [],
          serials: [],
        },
        metadata: metadata(lot, site),
      };
    default:
      return {
        type: 'PrescriptionDispensed',
        data: {
          dispensationId: `D-${i}`,
          prescriptionId: `RX-${i % 5000}`,
          patientId: `PSN-${i % 3000}`,
          gtin: GTIN,
          lot,
          quantity: 1,
          serial: null,
          dispensedOn: '2026-03-02',
        },
        metadata: metadata(lot, site),
      };
  }
}

/**
 * About `total` events of the circuit: a registered batch per lot, then register events in appends of 100 over
 * 50 sites, with one probe stream that ends with exactly 1,000 events spread through the whole order.
 */
export async function loadCircuit(
  store: EventStore,
  total: number,
  onProgress: (done: number) => void,
): Promise<number> {
  let written = 0;
  for (let b = 0; b < BATCHES; b += 100) {
    await Promise.all(
      Array.from({ length: 100 }, (_, k) =>
        store.append(`batch-${GTIN}-L${b + k}`, [
          {
            type: 'BatchRegistered',
            data: {
              gtin: GTIN,
              lot: `L${b + k}`,
              quantity: 100_000,
              manufacturedOn: '2026-01-10',
              expiresOn: '2099-01-31',
              supplierId: 'SUP-1',
              exploitantId: 'EXP-1',
            },
            metadata: metadata(`L${b + k}`, 'SUP-1'),
          },
        ]),
      ),
    );
    written += 100;
  }
  const appends = Math.ceil((total - written - 1000) / 100);
  const probeEvery = Math.max(1, Math.floor(appends / 1000));
  let probe = 0;
  let i = 0;
  const writers = 4;
  for (let a = 0; a < appends; a += writers) {
    await Promise.all(
      Array.from({ length: Math.min(writers, appends - a) }, async (_, w) => {
        const site = `SITE-${(a + w) % 50}`;
        const events = Array.from({ length: 100 }, () => registerEvent(i++, site));
        await store.append(`register-${site}`, events);
      }),
    );
    written += Math.min(writers, appends - a) * 100;
    for (let k = 0; k < writers && probe < 1000; k++) {
      if ((a + k) % probeEvery === 0) {
        await store.append(PROBE_STREAM, [registerEvent(i++, 'PROBE')]);
        probe += 1;
        written += 1;
      }
    }
    if (a % 400 === 0) onProgress(written);
  }
  while (probe < 1000) {
    await store.append(PROBE_STREAM, [registerEvent(i++, 'PROBE')]);
    probe += 1;
    written += 1;
  }
  return written;
}
