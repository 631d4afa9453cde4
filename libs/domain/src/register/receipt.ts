import { Gs1ParseError, parsePackCode } from '#gs1';
import { batchKey } from '../batch/batch.js';
import { compareScannedExpiry } from '../batch/scanned-expiry.js';
import type { Discrepancy, Line, SerialNumber } from './register-events.js';

/** What arrived: counted lines, or one scan a pack (its DataMatrix element string or its GS1 Digital Link URI). */
export type Arrival = { kind: 'lines'; lines: Line[] } | { kind: 'scans'; scans: string[] };

export type ExpiryMismatch = Extract<Discrepancy, { kind: 'expiry_mismatch' }>;

export interface ReceiptComparison {
  /** Packs that enter the receiver's register: of shipped batches, at most the shipped quantity. */
  accepted: Line[];
  discrepancies: Discrepancy[];
  serials: SerialNumber[];
}

/**
 * Compares what arrived with what was shipped, batch by batch, and says every difference. Given the recorded
 * expiry of the batches (by batch key), it also reports each scanned expiry that differs from its batch's.
 */
export function compareReceipt(
  shipped: Line[],
  arrival: Arrival,
  recordedExpiries: ReadonlyMap<string, string> = new Map(),
): ReceiptComparison {
  const shippedByKey = new Map(shipped.map((line) => [batchKey(line.gtin, line.lot), line]));
  const counted = arrival.kind === 'lines' ? countLines(arrival.lines) : countScans(arrival.scans, shipped);
  const discrepancies: Discrepancy[] = [...counted.discrepancies];
  const accepted: Line[] = [];

  for (const [key, line] of shippedByKey) {
    const received = counted.packs.get(key)?.quantity ?? 0;
    if (received > 0) accepted.push({ gtin: line.gtin, lot: line.lot, quantity: Math.min(received, line.quantity) });
    if (received < line.quantity)
      discrepancies.push({ kind: 'missing', gtin: line.gtin, lot: line.lot, shipped: line.quantity, received });
    if (received > line.quantity)
      discrepancies.push({ kind: 'extra', gtin: line.gtin, lot: line.lot, shipped: line.quantity, received });
  }
  for (const [key, line] of counted.packs) {
    if (!shippedByKey.has(key)) {
      discrepancies.push({
        kind: 'wrong_batch',
        gtin: line.gtin,
        lot: line.lot === '' ? null : line.lot,
        received: line.quantity,
      });
    }
  }
  discrepancies.push(...expiryMismatches(counted.expiries, shippedByKey, recordedExpiries));
  return { accepted, discrepancies, serials: counted.serials };
}

/** Scanned expiries of shipped batches that differ from the recorded ones, one entry per batch and date. */
function expiryMismatches(
  expiries: Map<string, Map<string, number>>,
  shippedByKey: Map<string, Line>,
  recorded: ReadonlyMap<string, string>,
): ExpiryMismatch[] {
  const mismatches: ExpiryMismatch[] = [];
  for (const [key, byDate] of expiries) {
    const line = shippedByKey.get(key);
    const expiresOn = recorded.get(key);
    if (!line || expiresOn === undefined) continue;
    for (const [scanned, received] of byDate) {
      if (compareScannedExpiry(scanned, expiresOn) === 'differs') {
        mismatches.push({
          kind: 'expiry_mismatch',
          gtin: line.gtin,
          lot: line.lot,
          recorded: expiresOn,
          scanned,
          received,
        });
      }
    }
  }
  return mismatches;
}

interface Count {
  packs: Map<string, Line>;
  discrepancies: Discrepancy[];
  serials: SerialNumber[];
  /** Per batch key, the packs counted under each scanned expiry. */
  expiries: Map<string, Map<string, number>>;
}

function countLines(lines: Line[]): Count {
  const packs = new Map<string, Line>();
  for (const line of lines) {
    const key = batchKey(line.gtin, line.lot);
    const existing = packs.get(key);
    packs.set(key, { ...line, quantity: (existing?.quantity ?? 0) + line.quantity });
  }
  return { packs, discrepancies: [], serials: [], expiries: new Map() };
}

function countScans(scans: string[], shipped: Line[]): Count {
  const packs = new Map<string, Line>();
  const discrepancies: Discrepancy[] = [];
  const serials: SerialNumber[] = [];
  const seen = new Set<string>();
  const expiries = new Map<string, Map<string, number>>();
  for (const scan of scans) {
    let code;
    try {
      code = parsePackCode(scan);
    } catch (error) {
      if (!(error instanceof Gs1ParseError)) throw error;
      discrepancies.push({ kind: 'unknown_code', scan, reason: error.code, detail: error.message });
      continue;
    }
    const lot = code.lot ?? '';
    const runOn = shipped.find(
      (line) => line.gtin === code.gtin && line.lot !== lot && lot.startsWith(`${line.lot}21`),
    );
    if (runOn && !shipped.some((line) => line.gtin === code.gtin && line.lot === lot)) {
      discrepancies.push({
        kind: 'missing_separator',
        scan,
        gtin: code.gtin,
        lot,
        detail: `lot "${lot}" reads as shipped lot "${runOn.lot}" followed by (21) serial "${lot.slice(runOn.lot.length + 2)}": the scanner probably dropped the GS separator; scan the pack again`,
      });
      continue;
    }
    if (code.serial !== undefined) {
      const identity = `${code.gtin}|${lot}|${code.serial}`;
      if (seen.has(identity)) {
        discrepancies.push({ kind: 'duplicate_scan', gtin: code.gtin, lot: code.lot ?? null, serial: code.serial });
        continue;
      }
      seen.add(identity);
      if (code.lot !== undefined) serials.push({ gtin: code.gtin, lot: code.lot, serial: code.serial });
    }
    const key = batchKey(code.gtin, lot);
    packs.set(key, { gtin: code.gtin, lot, quantity: (packs.get(key)?.quantity ?? 0) + 1 });
    if (code.expiry !== undefined) {
      const byDate = expiries.get(key) ?? new Map<string, number>();
      byDate.set(code.expiry, (byDate.get(code.expiry) ?? 0) + 1);
      expiries.set(key, byDate);
    }
  }
  return { packs, discrepancies, serials, expiries };
}
