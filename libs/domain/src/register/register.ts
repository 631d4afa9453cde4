import { batchKey, type BatchState, type RegisteredBatch } from '../batch/batch.js';
import { compareScannedExpiry } from '../batch/scanned-expiry.js';
import {
  EU_COUNTRIES,
  PHARMACY_KINDS,
  type OrganisationKind,
  type OrganisationState,
} from '../organisation/organisation.js';
import type { PrescriptionState } from '../prescription/prescription.js';
import type { ProfessionalState } from '../professional/professional.js';
import { daysBetween } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import { duplicate, forbid, notFound, refuse } from '../shared/domain-error.js';
import { MAX_DURATION_DAYS } from '../prescription/prescription.js';
import { compareReceipt, type Arrival } from './receipt.js';
import { addMonths, type Month } from './register-books.js';
import type { CarriedRegister, Fill, Line, RecallAtSite, RegisterEvent } from './register-events.js';
import { acknowledgeRecall, quarantineRecalledStock, quarantinedHere, returnableBatch } from './recall-at-site.js';

/** Stock moves supplier -> exploitant -> pharmacy, and back from a pharmacy to the exploitant (returns). */
const ROUTES: Partial<Record<OrganisationKind, readonly OrganisationKind[]>> = {
  supplier: ['exploitant'],
  exploitant: PHARMACY_KINDS,
  hospital_pharmacy: ['exploitant'],
  community_pharmacy: ['exploitant'],
};

export interface ShipmentDispatch {
  to: string;
  lines: Line[];
  carrier: string | null;
  importAuthorisation: string | null;
}

/**
 * One book of a site's register (see register-books.ts). `evolve` changes it in place: a fold costs one step per
 * event, whatever the size of the book. `decide` never changes it.
 */
export interface RegisterState {
  book: {
    /** null for the legacy single-stream register. */
    month: Month | null;
    opened: boolean;
    closed: boolean;
    /** The month of the book that took over, once closed. */
    nextMonth: Month | null;
  };
  /** Packs held, per batch key. */
  stock: Map<string, Line>;
  /** Batches whose release entered this register. */
  releasesEntered: Set<string>;
  /** Shipments dispatched in this book. */
  dispatches: Map<string, ShipmentDispatch>;
  /** Shipments received, with the month of the book that received them. */
  received: Map<string, Month | null>;
  /** Per prescription: packs dispensed so far, and the day it was first presented. */
  fills: Map<string, Fill>;
  /** Per batch key: the serials dispensed here. */
  serials: Map<string, { gtin: string; lot: string; expiresOn: string | null; serials: Set<string> }>;
  /** Per batch key: the recalls this site acknowledged (its packs of the batch are quarantined). */
  recalls: Map<string, RecallAtSite>;
}

/** A shipment is received within this many months of its dispatch; receipts are remembered that long. */
export const RECEIPT_WINDOW_MONTHS = 12;

/** Days after issue within which a prescription is presented for its full quantity (day 0 is the issue day). */
export const PRESENTATION_DAYS = 3;

export type RegisterCommand =
  | { type: 'CloseBook'; nextMonth: Month }
  /** Opens a monthly book from the closed previous one (undefined for a site's first book). */
  | { type: 'OpenBook'; month: Month; previousBook: string | null; previous: RegisterState | undefined }
  | { type: 'EnterReleasedStock'; site: string; batch: RegisteredBatch }
  | {
      type: 'DispatchShipment';
      shipmentId: string;
      sender: OrganisationState;
      receiver: OrganisationState;
      lines: Line[];
      carrier: string | null;
      importAuthorisation: string | null;
      /** A return to whoever supplied the site: allowed for any batch held (recalled, on hold, expired or none of these). */
      return?: boolean;
      /** The batches of the lines, by batch key, as they stand. */
      batches: Map<string, BatchState>;
      today: string;
    }
  | {
      type: 'ReceiveShipment';
      site: string;
      shipmentId: string;
      /** The dispatch as the sender's register recorded it; undefined when no such shipment exists. */
      dispatch: { from: string; to: string; lines: Line[]; month: Month } | undefined;
      arrival: Arrival;
      /** The recorded expiry of the shipped batches, by batch key: a scanned expiry that differs is reported. */
      expiries: ReadonlyMap<string, string>;
    }
  | { type: 'DeclareLoss'; data: Extract<RegisterEvent, { type: 'LossDeclared' }>['data'] }
  | {
      type: 'DestroyStock';
      data: Extract<RegisterEvent, { type: 'StockDestroyed' }>['data'];
      witness: ProfessionalState;
      /** The RPPS (token subject) of whoever records the destruction. */
      actor: string;
    }
  | { type: 'CountInventory'; countedOn: string; counts: Line[] }
  | { type: 'AcknowledgeRecall'; gtin: string; lot: string; batch: BatchState; site: string }
  | { type: 'QuarantineRecalledStock'; data: Line }
  | {
      type: 'Dispense';
      site: string;
      dispensationId: string;
      prescriptionId: string;
      prescription: PrescriptionState;
      pharmacist: ProfessionalState;
      /** `scannedExpiry`: the expiry the pack's code gives (YYYY-MM-DD), when it was scanned and gives one. */
      pack: { gtin: string; lot: string; serial: string | null; scannedExpiry?: string };
      quantity: number;
      batch: BatchState;
      today: string;
    };

export const registerDecider: Decider<RegisterCommand, RegisterEvent, RegisterState> = {
  initialState: () => ({
    book: { month: null, opened: false, closed: false, nextMonth: null },
    stock: new Map(),
    releasesEntered: new Set(),
    dispatches: new Map(),
    received: new Map(),
    fills: new Map(),
    serials: new Map(),
    recalls: new Map(),
  }),
  evolve,
  decide,
};

function evolve(state: RegisterState, event: RegisterEvent): RegisterState {
  const move = ({ gtin, lot }: { gtin: string; lot: string }, packs: number) => {
    const key = batchKey(gtin, lot);
    state.stock.set(key, { gtin, lot, quantity: (state.stock.get(key)?.quantity ?? 0) + packs });
  };
  switch (event.type) {
    case 'RegisterBookOpened':
      state.book = { month: event.data.month, opened: true, closed: false, nextMonth: null };
      carryInto(state, event.data.carried);
      break;
    case 'RegisterBookClosed':
      state.book = { ...state.book, closed: true, nextMonth: event.data.nextMonth };
      break;
    case 'StockEntered':
      move(event.data, event.data.quantity);
      state.releasesEntered.add(batchKey(event.data.gtin, event.data.lot));
      break;
    case 'ShipmentDispatched': {
      const { shipmentId, to, lines, carrier, importAuthorisation } = event.data;
      for (const line of lines) move(line, -line.quantity);
      state.dispatches.set(shipmentId, { to, lines, carrier, importAuthorisation });
      break;
    }
    case 'ShipmentReceived':
      for (const line of event.data.accepted) move(line, line.quantity);
      state.received.set(event.data.shipmentId, state.book.month);
      break;
    case 'LossDeclared':
    case 'StockDestroyed':
      move(event.data, -event.data.quantity);
      break;
    case 'InventoryCounted':
      for (const { gtin, lot, difference } of event.data.adjustments) move({ gtin, lot }, difference);
      break;
    case 'RecallAcknowledged':
      state.recalls.set(batchKey(event.data.gtin, event.data.lot), {
        gtin: event.data.gtin,
        lot: event.data.lot,
        quarantined: null,
      });
      break;
    case 'RecalledStockQuarantined': {
      const recall = state.recalls.get(batchKey(event.data.gtin, event.data.lot));
      if (recall) recall.quarantined = event.data.quantity;
      break;
    }
    case 'PrescriptionDispensed': {
      const { prescriptionId, quantity, serial, gtin, lot, dispensedOn, expiresOn } = event.data;
      move(event.data, -quantity);
      const fill = state.fills.get(prescriptionId);
      if (fill) fill.dispensed += quantity;
      else state.fills.set(prescriptionId, { prescriptionId, dispensed: quantity, firstOn: dispensedOn });
      if (serial !== null) {
        const key = batchKey(gtin, lot);
        const batch = state.serials.get(key) ?? { gtin, lot, expiresOn, serials: new Set<string>() };
        batch.serials.add(serial);
        state.serials.set(key, batch);
      }
      break;
    }
  }
  return state;
}

function carryInto(state: RegisterState, carried: CarriedRegister): void {
  for (const line of carried.stock) state.stock.set(batchKey(line.gtin, line.lot), { ...line });
  for (const key of carried.releasesEntered) state.releasesEntered.add(key);
  for (const { shipmentId, month } of carried.received) state.received.set(shipmentId, month);
  for (const fill of carried.fills) state.fills.set(fill.prescriptionId, { ...fill });
  for (const { gtin, lot, expiresOn, serials } of carried.serials) {
    state.serials.set(batchKey(gtin, lot), { gtin, lot, expiresOn, serials: new Set(serials) });
  }
  for (const recall of carried.recalls ?? []) state.recalls.set(batchKey(recall.gtin, recall.lot), { ...recall });
}

/**
 * What a book opening in `month` takes from the closed previous one: the stock, and only those facts the rules
 * can still need: receipts of the last 12 months, prescriptions whose 28 days may still run, serials of batches
 * not yet expired.
 */
export function carryOver(previous: RegisterState | undefined, month: Month): CarriedRegister {
  if (!previous) return { stock: [], releasesEntered: [], received: [], fills: [], serials: [], recalls: [] };
  const opensOn = `${month}-01`;
  const oldestReceipt = addMonths(month, -RECEIPT_WINDOW_MONTHS);
  const previousMonth = previous.book.month ?? addMonths(month, -1);
  return {
    stock: [...previous.stock.values()].filter((line) => line.quantity !== 0).map((line) => ({ ...line })),
    releasesEntered: [...previous.releasesEntered],
    received: [...previous.received]
      .map(([shipmentId, received]) => ({ shipmentId, month: received ?? previousMonth }))
      .filter((receipt) => receipt.month >= oldestReceipt),
    fills: [...previous.fills.values()]
      .filter((fill) => daysBetween(fill.firstOn, opensOn) < MAX_DURATION_DAYS)
      .map((fill) => ({ ...fill })),
    serials: [...previous.serials.values()]
      .filter((batch) => batch.expiresOn === null || batch.expiresOn > opensOn)
      .map(({ gtin, lot, expiresOn, serials }) => ({ gtin, lot, expiresOn, serials: [...serials] })),
    // Recalls are rare and their acknowledgement must not be asked twice: every one is carried on.
    recalls: [...previous.recalls.values()].map((recall) => ({ ...recall })),
  };
}

function decide(command: RegisterCommand, state: RegisterState): RegisterEvent[] {
  switch (command.type) {
    case 'CloseBook':
      return closeBook(command.nextMonth, state);
    case 'OpenBook':
      return openBook(command, state);
  }
  if (!state.book.opened || state.book.closed) throw bookClosed(state);
  switch (command.type) {
    case 'EnterReleasedStock':
      return enterRelease(command.site, command.batch, state);
    case 'DispatchShipment':
      return dispatch(command, state);
    case 'ReceiveShipment':
      return receive(command, state);
    case 'DeclareLoss':
      requireStock(state, command.data);
      return [{ type: 'LossDeclared', data: command.data }];
    case 'DestroyStock':
      return destroy(command, state);
    case 'CountInventory':
      return count(command, state);
    case 'Dispense':
      return dispense(command, state);
    case 'AcknowledgeRecall':
      return acknowledgeRecall(command, state);
    case 'QuarantineRecalledStock':
      return quarantineRecalledStock(command.data, state);
  }
}

/** Raised when a movement meets a book that is not open: whoever runs the command writes it in the next book. */
export const REGISTER_BOOK_CLOSED = 'register_book_closed';

function bookClosed(state: RegisterState) {
  return duplicate(
    REGISTER_BOOK_CLOSED,
    `the register book ${state.book.month ?? '(single register)'} is ${state.book.opened ? 'closed' : 'not open'}`,
  );
}

function closeBook(nextMonth: Month, state: RegisterState): RegisterEvent[] {
  if (state.book.closed) return [];
  const closing = [...state.stock.values()].filter((line) => line.quantity !== 0).map((line) => ({ ...line }));
  return [{ type: 'RegisterBookClosed', data: { nextMonth, closing } }];
}

function openBook(command: Extract<RegisterCommand, { type: 'OpenBook' }>, state: RegisterState): RegisterEvent[] {
  if (state.book.opened) return [];
  if (command.previous && !command.previous.book.closed) {
    throw duplicate(REGISTER_BOOK_CLOSED, `the book before ${command.month} must be closed before it is carried over`);
  }
  return [bookOpening(command.month, command.previousBook, command.previous)];
}

/** The opening of the book of `month`, carrying over from the previous book's state (none for a new site). */
export function bookOpening(
  month: Month,
  previousBook: string | null,
  previous: RegisterState | undefined,
): Extract<RegisterEvent, { type: 'RegisterBookOpened' }> {
  return { type: 'RegisterBookOpened', data: { month, previousBook, carried: carryOver(previous, month) } };
}

/** A released batch's packs enter its supplier's register, once. */
function enterRelease(
  site: string,
  batch: RegisteredBatch,
  state: RegisterState,
): Extract<RegisterEvent, { type: 'StockEntered' }>[] {
  const key = batchKey(batch.gtin, batch.lot);
  if (!batch.released || batch.supplierId !== site || state.releasesEntered.has(key)) return [];
  return [
    {
      type: 'StockEntered',
      data: { gtin: batch.gtin, lot: batch.lot, quantity: batch.quantity, reason: 'batch_release' },
    },
  ];
}

function dispatch(
  command: Extract<RegisterCommand, { type: 'DispatchShipment' }>,
  state: RegisterState,
): RegisterEvent[] {
  const { sender, receiver, shipmentId } = command;
  if (sender.status !== 'registered') throw forbid('sender_unknown', 'the sending organisation is not registered');
  const allowed = ROUTES[sender.kind] ?? [];
  if (receiver.status !== 'registered')
    throw refuse('receiver_unknown', 'the receiving organisation is not registered');
  // A return's route is checked batch by batch below: back to whoever supplied the site.
  if (!command.return && !allowed.includes(receiver.kind)) {
    throw refuse('route_not_allowed', `a ${sender.kind} does not ship to a ${receiver.kind}`);
  }
  if (!EU_COUNTRIES.has(sender.country) && !command.importAuthorisation) {
    throw refuse(
      'import_authorisation_required',
      `a shipment from ${sender.country}, outside the EU, needs an ANSM import authorisation`,
    );
  }
  if (state.dispatches.has(shipmentId))
    throw duplicate('shipment_exists', `shipment ${shipmentId} is already dispatched`);

  const lines = mergeLines(command.lines);
  const events: RegisterEvent[] = [];
  for (const line of lines) {
    const found = command.batches.get(batchKey(line.gtin, line.lot));
    if (!command.return) quarantinedHere(state, line);
    const batch = command.return
      ? returnableBatch(found, line, sender, receiver)
      : usableBatch(found, line, command.today);
    // A release not yet entered (its process lags behind) is entered by the dispatch itself, once.
    const entry = enterRelease(sender.id, batch, state);
    events.push(...entry);
    const held =
      (state.stock.get(batchKey(line.gtin, line.lot))?.quantity ?? 0) +
      entry.reduce((sum, e) => sum + e.data.quantity, 0);
    if (line.quantity > held)
      throw refuse('insufficient_stock', `${line.quantity} packs of lot ${line.lot} asked, ${held} held`);
  }
  events.push({
    type: 'ShipmentDispatched',
    data: {
      shipmentId,
      to: receiver.id,
      lines,
      carrier: command.carrier,
      importAuthorisation: command.importAuthorisation,
      ...(command.return ? { return: true as const } : {}),
    },
  });
  return events;
}

function receive(
  command: Extract<RegisterCommand, { type: 'ReceiveShipment' }>,
  state: RegisterState,
): RegisterEvent[] {
  const { dispatch: shipped, shipmentId } = command;
  if (!shipped) throw notFound('shipment_unknown', `no shipment ${shipmentId}`);
  if (shipped.to !== command.site)
    throw forbid('not_shipment_receiver', `shipment ${shipmentId} is addressed to ${shipped.to}`);
  if (state.received.has(shipmentId))
    throw duplicate('shipment_already_received', `shipment ${shipmentId} is already received`);
  if (state.book.month !== null && shipped.month < addMonths(state.book.month, -RECEIPT_WINDOW_MONTHS)) {
    throw refuse(
      'receipt_too_late',
      `shipment ${shipmentId} left in ${shipped.month}: a receipt is recorded within ${RECEIPT_WINDOW_MONTHS} months; declare the packs lost`,
    );
  }
  const { accepted, discrepancies, serials } = compareReceipt(shipped.lines, command.arrival, command.expiries);
  return [{ type: 'ShipmentReceived', data: { shipmentId, from: shipped.from, accepted, discrepancies, serials } }];
}

function destroy(command: Extract<RegisterCommand, { type: 'DestroyStock' }>, state: RegisterState): RegisterEvent[] {
  const { data, witness } = command;
  if (witness.status !== 'registered' || witness.kind !== 'pharmacist') {
    throw refuse('witness_not_pharmacist', `RPPS ${data.witnessRpps} is not a registered pharmacist`);
  }
  if (data.witnessRpps === command.actor) throw refuse('witness_is_actor', 'the witness must be another pharmacist');
  if (sameDayMonthsLater(data.arsNotifiedOn, 1) > data.destroyedOn) {
    throw refuse('ars_not_notified_a_month_ahead', 'a destruction is notified to the ARS at least one month ahead');
  }
  requireStock(state, data);
  return [{ type: 'StockDestroyed', data }];
}

/** Counts replace the recorded stock; each difference is recorded as an adjustment. Every held batch is counted. */
function count(command: Extract<RegisterCommand, { type: 'CountInventory' }>, state: RegisterState): RegisterEvent[] {
  const counted = new Map(mergeLines(command.counts).map((line) => [batchKey(line.gtin, line.lot), line]));
  const uncounted = [...state.stock]
    .filter(([key, held]) => held.quantity > 0 && !counted.has(key))
    .map(([key]) => key);
  if (uncounted.length > 0) {
    throw refuse(
      'inventory_incomplete',
      `every batch held must be counted (0 when none is found); not counted: ${uncounted.join(', ')}`,
    );
  }
  const counts = [...counted].map(([key, line]) => ({
    gtin: line.gtin,
    lot: line.lot,
    counted: line.quantity,
    recorded: state.stock.get(key)?.quantity ?? 0,
  }));
  const adjustments = counts
    .filter((c) => c.counted !== c.recorded)
    .map((c) => ({ gtin: c.gtin, lot: c.lot, difference: c.counted - c.recorded }));
  return [{ type: 'InventoryCounted', data: { countedOn: command.countedOn, counts, adjustments } }];
}

/** Dispensing and shipping a batch needs it released, not on hold, not recalled, not expired. */
function usableBatch(
  batch: BatchState | undefined,
  line: { gtin: string; lot: string },
  today: string,
): RegisteredBatch {
  if (!batch || batch.status !== 'registered') throw refuse('batch_unknown', `no lot ${line.lot} of GTIN ${line.gtin}`);
  if (batch.recalled) throw refuse('batch_recalled', `lot ${line.lot} is recalled`);
  if (batch.onHold) throw refuse('batch_on_hold', `lot ${line.lot} is on hold`);
  if (!batch.released) throw refuse('batch_not_released', `lot ${line.lot} is not released`);
  if (batch.expiresOn <= today) throw refuse('batch_expired', `lot ${line.lot} expired on ${batch.expiresOn}`);
  return batch;
}

/**
 * The packs a prescription allows in all. Presented (first dispensed) within 3 days of issue: all of them. Later:
 * the share of the days of treatment still to run, rounded down to whole packs, so that never more than the
 * remaining treatment is given.
 */
export function allowedPacks(
  prescription: { quantity: number; durationDays: number; issuedOn: string },
  presentedOn: string,
): number {
  const delay = daysBetween(prescription.issuedOn, presentedOn);
  if (delay <= PRESENTATION_DAYS) return prescription.quantity;
  const remainingDays = Math.max(0, prescription.durationDays - delay);
  return Math.floor((prescription.quantity * remainingDays) / prescription.durationDays);
}

function dispense(command: Extract<RegisterCommand, { type: 'Dispense' }>, state: RegisterState): RegisterEvent[] {
  const { pharmacist, prescription, pack, quantity, today, site } = command;
  if (pharmacist.status !== 'registered' || pharmacist.kind !== 'pharmacist' || pharmacist.organisationId !== site) {
    throw forbid('pharmacist_not_of_pharmacy', `only a registered pharmacist of ${site} dispenses here`);
  }
  if (pharmacist.trainedOn === null || pharmacist.trainedOn > today)
    throw forbid('pharmacist_not_trained', 'the pharmacist has no training attestation');
  if (prescription.status === 'unknown')
    throw notFound('prescription_unknown', `no prescription ${command.prescriptionId}`);
  if (prescription.pharmacyId !== site)
    throw forbid('prescription_for_another_pharmacy', `the prescription names pharmacy ${prescription.pharmacyId}`);
  if (prescription.status === 'cancelled') throw refuse('prescription_cancelled', 'the prescription is cancelled');
  if (prescription.gtin !== pack.gtin)
    throw refuse('wrong_product', `the prescription is for GTIN ${prescription.gtin}, not ${pack.gtin}`);

  const elapsed = daysBetween(prescription.issuedOn, today);
  if (elapsed < 0) throw refuse('prescription_not_yet_valid', `the prescription is issued on ${prescription.issuedOn}`);
  if (elapsed >= prescription.durationDays) {
    throw refuse(
      'treatment_period_over',
      `the ${prescription.durationDays} days of treatment from ${prescription.issuedOn} are over`,
    );
  }
  const fill = state.fills.get(command.prescriptionId);
  const remaining = remainingPacks(prescription, fill, today);
  if (quantity > remaining) {
    const allowed = allowedPacks(prescription, fill?.firstOn ?? today);
    const why =
      allowed < prescription.quantity
        ? `presented ${daysBetween(prescription.issuedOn, fill?.firstOn ?? today)} days after issue, it allows only the remaining days of treatment: ${allowed} of ${prescription.quantity} packs (rounded down)`
        : `it allows ${prescription.quantity} packs`;
    throw refuse(
      'exceeds_prescription',
      `${fill?.dispensed ?? 0} packs dispensed so far, ${quantity} more asked: ${why}`,
    );
  }
  quarantinedHere(state, pack);
  const batch = usableBatch(command.batch, pack, today);
  if (compareScannedExpiry(pack.scannedExpiry, batch.expiresOn) === 'differs') {
    throw refuse(
      'scanned_expiry_differs',
      `the pack's code gives expiry ${pack.scannedExpiry}, lot ${pack.lot} expires on ${batch.expiresOn}: set the pack aside and report it`,
    );
  }
  if (pack.serial !== null) {
    if (quantity !== 1)
      throw refuse('one_pack_per_serial', 'a scanned serial is one pack: dispense it with quantity 1');
    if (state.serials.get(batchKey(pack.gtin, pack.lot))?.serials.has(pack.serial)) {
      throw refuse('serial_already_dispensed', `the pack with serial ${pack.serial} is already dispensed`);
    }
  }
  requireStock(state, { gtin: pack.gtin, lot: pack.lot, quantity });
  return [
    {
      type: 'PrescriptionDispensed',
      data: {
        dispensationId: command.dispensationId,
        prescriptionId: command.prescriptionId,
        patientId: prescription.patientId,
        gtin: pack.gtin,
        lot: pack.lot,
        quantity,
        serial: pack.serial,
        dispensedOn: today,
        expiresOn: batch.expiresOn,
      },
    },
  ];
}

/**
 * Packs a prescription still allows on `today`, given what was dispensed so far: none once cancelled or once its
 * days of treatment are over. The dispensation rule and the prescription's answer both use it.
 */
export function remainingPacks(
  prescription: { status: string; quantity: number; durationDays: number; issuedOn: string },
  fill: Pick<Fill, 'dispensed' | 'firstOn'> | undefined,
  today: string,
): number {
  const elapsed = daysBetween(prescription.issuedOn, today);
  if (prescription.status !== 'issued' || elapsed < 0 || elapsed >= prescription.durationDays) return 0;
  return Math.max(0, allowedPacks(prescription, fill?.firstOn ?? today) - (fill?.dispensed ?? 0));
}

export function requireStock(state: RegisterState, line: Line): void {
  const held = state.stock.get(batchKey(line.gtin, line.lot))?.quantity ?? 0;
  if (line.quantity > held) {
    throw refuse('insufficient_stock', `${line.quantity} packs of lot ${line.lot} asked, ${held} held`);
  }
}

/** Lines of the same batch added together, in first-seen order. */
export function mergeLines(lines: Line[]): Line[] {
  const merged = new Map<string, Line>();
  for (const line of lines) {
    const key = batchKey(line.gtin, line.lot);
    const existing = merged.get(key);
    merged.set(key, existing ? { ...existing, quantity: existing.quantity + line.quantity } : { ...line });
  }
  return [...merged.values()];
}

function sameDayMonthsLater(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
