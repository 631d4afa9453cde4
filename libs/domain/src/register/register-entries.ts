import { batchKey } from '../batch/batch.js';
import { parisDate } from '../shared/dates.js';
import type { RegisterEvent } from './register-events.js';

export type Movement =
  'release' | 'dispatch' | 'return' | 'receipt' | 'dispensation' | 'loss' | 'theft' | 'destruction' | 'inventory';

/** One line of the narcotics register: a dated entry or exit of packs of one batch, and the balance after it. */
export interface RegisterEntry {
  revision: number;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  movement: Movement;
  direction: 'entry' | 'exit';
  gtin: string;
  lot: string;
  quantity: number;
  /** Packs of this batch held after the movement. */
  balance: number;
  /** Shipment id, report or declaration reference. */
  reference: string | null;
  /** The other site of a shipment. */
  counterparty: string | null;
}

export interface RecordedRegisterEvent {
  revision: number;
  type: string;
  data: unknown;
  metadata: { occurredAt: string; recordedAt: string; actor: string };
}

/** A movement before it is dated and balanced; `signed` is positive for an entry. */
type PendingEntry = Pick<RegisterEntry, 'movement' | 'gtin' | 'lot' | 'reference' | 'counterparty'> & {
  signed: number;
};

/** Every register event as entries, in the register's order, with the running balance of each batch. */
export function registerEntries(events: RecordedRegisterEvent[]): RegisterEntry[] {
  const balances = new Map<string, number>();
  const entries: RegisterEntry[] = [];
  for (const recorded of events) {
    for (const movement of movementsOf(recorded as unknown as RegisterEvent)) {
      const key = batchKey(movement.gtin, movement.lot);
      const balance = (balances.get(key) ?? 0) + movement.signed;
      balances.set(key, balance);
      const { signed, ...rest } = movement;
      entries.push({
        revision: recorded.revision,
        occurredAt: recorded.metadata.occurredAt,
        recordedAt: recorded.metadata.recordedAt,
        actor: recorded.metadata.actor,
        ...rest,
        direction: signed >= 0 ? 'entry' : 'exit',
        quantity: Math.abs(signed),
        balance,
      });
    }
  }
  return entries;
}

function movementsOf(event: RegisterEvent): PendingEntry[] {
  const none = { reference: null, counterparty: null };
  switch (event.type) {
    case 'StockEntered':
      return [
        { ...none, movement: 'release', gtin: event.data.gtin, lot: event.data.lot, signed: event.data.quantity },
      ];
    case 'ShipmentDispatched':
      return event.data.lines.map((l) => ({
        // A return (of any batch held, to whoever supplied it) is written as such.
        movement: event.data.return ? ('return' as const) : ('dispatch' as const),
        gtin: l.gtin,
        lot: l.lot,
        signed: -l.quantity,
        reference: event.data.shipmentId,
        counterparty: event.data.to,
      }));
    case 'ShipmentReceived':
      return event.data.accepted.map((l) => ({
        movement: 'receipt' as const,
        gtin: l.gtin,
        lot: l.lot,
        signed: l.quantity,
        reference: event.data.shipmentId,
        counterparty: event.data.from,
      }));
    case 'LossDeclared':
      return [
        {
          movement: event.data.kind,
          gtin: event.data.gtin,
          lot: event.data.lot,
          signed: -event.data.quantity,
          reference: event.data.declarations.police,
          counterparty: null,
        },
      ];
    case 'StockDestroyed':
      return [
        {
          movement: 'destruction',
          gtin: event.data.gtin,
          lot: event.data.lot,
          signed: -event.data.quantity,
          reference: event.data.reportReference,
          counterparty: null,
        },
      ];
    case 'PrescriptionDispensed':
      return [
        {
          movement: 'dispensation',
          gtin: event.data.gtin,
          lot: event.data.lot,
          signed: -event.data.quantity,
          reference: event.data.dispensationId,
          counterparty: event.data.patientId,
        },
      ];
    case 'InventoryCounted':
      return event.data.adjustments.map((a) => ({
        ...none,
        movement: 'inventory' as const,
        gtin: a.gtin,
        lot: a.lot,
        signed: a.difference,
      }));
    default:
      return [];
  }
}

export interface MonthlyBalance {
  gtin: string;
  lot: string;
  opening: number;
  entries: number;
  exits: number;
  closing: number;
}

/** Per batch: the balance at the start of the month (Paris time), what entered and left during it, and the closing balance. */
export function monthlyBalance(entries: RegisterEntry[], month: string): MonthlyBalance[] {
  const rows = new Map<string, MonthlyBalance>();
  for (const entry of entries) {
    const entryMonth = parisDate(new Date(entry.occurredAt)).slice(0, 7);
    if (entryMonth > month) continue;
    const key = batchKey(entry.gtin, entry.lot);
    const row = rows.get(key) ?? { gtin: entry.gtin, lot: entry.lot, opening: 0, entries: 0, exits: 0, closing: 0 };
    const signed = entry.direction === 'entry' ? entry.quantity : -entry.quantity;
    if (entryMonth < month) row.opening += signed;
    else if (signed >= 0) row.entries += signed;
    else row.exits -= signed;
    row.closing = row.opening + row.entries - row.exits;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** The balance of one monthly book: its opening carried from the previous book, and what moved in it. */
export function bookBalance(events: RecordedRegisterEvent[]): MonthlyBalance[] {
  const rows = new Map<string, MonthlyBalance>();
  const row = (gtin: string, lot: string) => {
    const key = batchKey(gtin, lot);
    const found = rows.get(key) ?? { gtin, lot, opening: 0, entries: 0, exits: 0, closing: 0 };
    rows.set(key, found);
    return found;
  };
  for (const recorded of events) {
    const event = recorded as unknown as RegisterEvent;
    if (event.type === 'RegisterBookOpened') {
      for (const line of event.data.carried.stock) row(line.gtin, line.lot).opening += line.quantity;
    }
    for (const movement of movementsOf(event)) {
      const balance = row(movement.gtin, movement.lot);
      if (movement.signed >= 0) balance.entries += movement.signed;
      else balance.exits -= movement.signed;
    }
  }
  return [...rows.values()].map((r) => ({ ...r, closing: r.opening + r.entries - r.exits }));
}

/** A month in which nothing moved: every batch held closes as it opened. */
export function unchangedBalance(stock: Iterable<{ gtin: string; lot: string; quantity: number }>): MonthlyBalance[] {
  return [...stock]
    .filter((line) => line.quantity !== 0)
    .map(({ gtin, lot, quantity }) => ({ gtin, lot, opening: quantity, entries: 0, exits: 0, closing: quantity }));
}
