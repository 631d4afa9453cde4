import { batchKey, type BatchState, type RegisteredBatch } from '../batch/batch.js';
import { EU_COUNTRIES, PHARMACY_KINDS, type OrganisationKind, type OrganisationState } from '../organisation/organisation.js';
import type { ProfessionalState } from '../professional/professional.js';
import type { Decider } from '../shared/decider.js';
import { duplicate, forbid, notFound, refuse } from '../shared/domain-error.js';
import { compareReceipt, type Arrival } from './receipt.js';
import type { Line, RegisterEvent } from './register-events.js';

export const registerStream = (siteId: string) => `register-${siteId}`;

/** Stock moves supplier -> exploitant -> pharmacy, and back from a pharmacy to the exploitant (returns). */
const ROUTES: Partial<Record<OrganisationKind, readonly OrganisationKind[]>> = {
  supplier: ['exploitant'],
  exploitant: PHARMACY_KINDS,
  hospital_pharmacy: ['exploitant'],
  community_pharmacy: ['exploitant'],
};

export interface RegisterState {
  /** Packs held, per batch key. */
  stock: Map<string, Line>;
  /** Batches whose release entered this register. */
  releasesEntered: Set<string>;
  dispatched: Set<string>;
  received: Set<string>;
}

export type RegisterCommand =
  | { type: 'EnterReleasedStock'; site: string; batch: RegisteredBatch }
  | {
      type: 'DispatchShipment';
      shipmentId: string;
      sender: OrganisationState;
      receiver: OrganisationState;
      lines: Line[];
      carrier: string | null;
      importAuthorisation: string | null;
      /** The batches of the lines, by batch key, as they stand. */
      batches: Map<string, BatchState>;
      today: string;
    }
  | {
      type: 'ReceiveShipment';
      site: string;
      shipmentId: string;
      /** The dispatch as the sender's register recorded it; undefined when no such shipment exists. */
      dispatch: { from: string; to: string; lines: Line[] } | undefined;
      arrival: Arrival;
    }
  | { type: 'DeclareLoss'; data: Extract<RegisterEvent, { type: 'LossDeclared' }>['data'] }
  | {
      type: 'DestroyStock';
      data: Extract<RegisterEvent, { type: 'StockDestroyed' }>['data'];
      witness: ProfessionalState;
      /** The RPPS (token subject) of whoever records the destruction. */
      actor: string;
    }
  | { type: 'CountInventory'; countedOn: string; counts: Line[] };

export const registerDecider: Decider<RegisterCommand, RegisterEvent, RegisterState> = {
  initialState: () => ({ stock: new Map(), releasesEntered: new Set(), dispatched: new Set(), received: new Set() }),
  evolve,
  decide,
};

function evolve(state: RegisterState, event: RegisterEvent): RegisterState {
  const stock = new Map(state.stock);
  const move = ({ gtin, lot }: { gtin: string; lot: string }, packs: number) => {
    const key = batchKey(gtin, lot);
    stock.set(key, { gtin, lot, quantity: (stock.get(key)?.quantity ?? 0) + packs });
  };
  switch (event.type) {
    case 'StockEntered':
      move(event.data, event.data.quantity);
      return { ...state, stock, releasesEntered: new Set(state.releasesEntered).add(batchKey(event.data.gtin, event.data.lot)) };
    case 'ShipmentDispatched':
      for (const line of event.data.lines) move(line, -line.quantity);
      return { ...state, stock, dispatched: new Set(state.dispatched).add(event.data.shipmentId) };
    case 'ShipmentReceived':
      for (const line of event.data.accepted) move(line, line.quantity);
      return { ...state, stock, received: new Set(state.received).add(event.data.shipmentId) };
    case 'LossDeclared':
    case 'StockDestroyed':
      move(event.data, -event.data.quantity);
      return { ...state, stock };
    case 'InventoryCounted':
      for (const { gtin, lot, difference } of event.data.adjustments) move({ gtin, lot }, difference);
      return { ...state, stock };
  }
}

function decide(command: RegisterCommand, state: RegisterState): RegisterEvent[] {
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
  }
}

/** A released batch's packs enter its supplier's register, once. */
function enterRelease(site: string, batch: RegisteredBatch, state: RegisterState): RegisterEvent[] {
  const key = batchKey(batch.gtin, batch.lot);
  if (!batch.released || batch.supplierId !== site || state.releasesEntered.has(key)) return [];
  return [{ type: 'StockEntered', data: { gtin: batch.gtin, lot: batch.lot, quantity: batch.quantity, reason: 'batch_release' } }];
}

function dispatch(command: Extract<RegisterCommand, { type: 'DispatchShipment' }>, state: RegisterState): RegisterEvent[] {
  const { sender, receiver, shipmentId } = command;
  if (sender.status !== 'registered') throw forbid('sender_unknown', 'the sending organisation is not registered');
  const allowed = ROUTES[sender.kind] ?? [];
  if (receiver.status !== 'registered') throw refuse('receiver_unknown', 'the receiving organisation is not registered');
  if (!allowed.includes(receiver.kind)) {
    throw refuse('route_not_allowed', `a ${sender.kind} does not ship to a ${receiver.kind}`);
  }
  if (!EU_COUNTRIES.has(sender.country) && !command.importAuthorisation) {
    throw refuse('import_authorisation_required', `a shipment from ${sender.country}, outside the EU, needs an ANSM import authorisation`);
  }
  if (state.dispatched.has(shipmentId)) throw duplicate('shipment_exists', `shipment ${shipmentId} is already dispatched`);

  const lines = mergeLines(command.lines);
  const events: RegisterEvent[] = [];
  let current = state;
  for (const line of lines) {
    const batch = command.batches.get(batchKey(line.gtin, line.lot));
    if (!batch || batch.status !== 'registered') throw refuse('batch_unknown', `no lot ${line.lot} of GTIN ${line.gtin}`);
    if (batch.recalled) throw refuse('batch_recalled', `lot ${line.lot} is recalled`);
    if (batch.onHold) throw refuse('batch_on_hold', `lot ${line.lot} is on hold`);
    if (!batch.released) throw refuse('batch_not_released', `lot ${line.lot} is not released`);
    if (batch.expiresOn <= command.today) throw refuse('batch_expired', `lot ${line.lot} expired on ${batch.expiresOn}`);
    const entry = enterRelease(sender.id, batch, current);
    events.push(...entry);
    current = entry.reduce(evolve, current);
    requireStock(current, line);
  }
  events.push({
    type: 'ShipmentDispatched',
    data: { shipmentId, to: receiver.id, lines, carrier: command.carrier, importAuthorisation: command.importAuthorisation },
  });
  return events;
}

function receive(command: Extract<RegisterCommand, { type: 'ReceiveShipment' }>, state: RegisterState): RegisterEvent[] {
  const { dispatch: shipped, shipmentId } = command;
  if (!shipped) throw notFound('shipment_unknown', `no shipment ${shipmentId}`);
  if (shipped.to !== command.site) throw forbid('not_shipment_receiver', `shipment ${shipmentId} is addressed to ${shipped.to}`);
  if (state.received.has(shipmentId)) throw duplicate('shipment_already_received', `shipment ${shipmentId} is already received`);
  const { accepted, discrepancies, serials } = compareReceipt(shipped.lines, command.arrival);
  return [{ type: 'ShipmentReceived', data: { shipmentId, from: shipped.from, accepted, discrepancies, serials } }];
}

function destroy(command: Extract<RegisterCommand, { type: 'DestroyStock' }>, state: RegisterState): RegisterEvent[] {
  const { data, witness } = command;
  if (witness.status !== 'registered' || witness.kind !== 'pharmacist') {
    throw refuse('witness_not_pharmacist', `RPPS ${data.witnessRpps} is not a registered pharmacist`);
  }
  if (data.witnessRpps === command.actor) throw refuse('witness_is_actor', 'the witness must be another pharmacist');
  if (addMonths(data.arsNotifiedOn, 1) > data.destroyedOn) {
    throw refuse('ars_not_notified_a_month_ahead', 'a destruction is notified to the ARS at least one month ahead');
  }
  requireStock(state, data);
  return [{ type: 'StockDestroyed', data }];
}

/** Counts replace the recorded stock; each difference is recorded as an adjustment. Every held batch is counted. */
function count(command: Extract<RegisterCommand, { type: 'CountInventory' }>, state: RegisterState): RegisterEvent[] {
  const counted = new Map(mergeLines(command.counts).map((line) => [batchKey(line.gtin, line.lot), line]));
  const uncounted = [...state.stock].filter(([key, held]) => held.quantity > 0 && !counted.has(key)).map(([key]) => key);
  if (uncounted.length > 0) {
    throw refuse('inventory_incomplete', `every batch held must be counted (0 when none is found); not counted: ${uncounted.join(', ')}`);
  }
  const counts = [...counted].map(([key, line]) => ({ gtin: line.gtin, lot: line.lot, counted: line.quantity, recorded: state.stock.get(key)?.quantity ?? 0 }));
  const adjustments = counts
    .filter((c) => c.counted !== c.recorded)
    .map((c) => ({ gtin: c.gtin, lot: c.lot, difference: c.counted - c.recorded }));
  return [{ type: 'InventoryCounted', data: { countedOn: command.countedOn, counts, adjustments } }];
}

function requireStock(state: RegisterState, line: Line): void {
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

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
