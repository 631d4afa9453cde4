import { digitalLinkUri } from '#gs1';
import { batchOf, type BatchEvent } from '../batch/batch.js';
import { registerSiteOf } from '../register/register-books.js';
import type { RegisterEvent } from '../register/register-events.js';

/** An EPCIS 2.0 ObjectEvent, as JSON-LD (GS1 EPCIS 2.0 and CBV 2.0). */
export interface EpcisObjectEvent {
  type: 'ObjectEvent';
  eventID: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  recordTime: string;
  action: 'ADD' | 'OBSERVE' | 'DELETE';
  bizStep: string;
  disposition: string;
  epcList?: string[];
  quantityList?: { epcClass: string; quantity?: number }[];
  readPoint?: { id: string };
  bizLocation?: { id: string };
  sourceList?: { type: string; source: string }[];
  destinationList?: { type: string; destination: string }[];
  bizTransactionList?: { type: string; bizTransaction: string }[];
}

export interface EpcisDocument {
  '@context': (string | Record<string, string>)[];
  type: 'EPCISDocument';
  schemaVersion: '2.0';
  creationDate: string;
  epcisBody: { eventList: EpcisObjectEvent[] };
}

export interface RecordedForExport {
  id: string;
  stream: string;
  type: string;
  data: unknown;
  metadata: { occurredAt: string; recordedAt: string; organisation: string };
}

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/** Options of an export: the GLN of each organisation that has one, by organisation id. */
export interface EpcisExportOptions {
  now?: Date;
  glns?: ReadonlyMap<string, string>;
}

/**
 * Places and parties as other systems can resolve them: a GLN as a GS1 Digital Link URI (414 for the location, 417
 * for the party), and cannatrace's own names for organisations without a GLN.
 */
function namer(glns: ReadonlyMap<string, string>) {
  const named = (ai: '414' | '417', id: string, fallback: string) => {
    const gln = glns.get(id);
    return gln ? digitalLinkUri([{ ai, value: gln }]) : fallback;
  };
  return {
    site: (id: string) => named('414', id, `urn:cannatrace:site:${id}`),
    party: (id: string) => named('417', id, `urn:cannatrace:organisation:${id}`),
  };
}
type Namer = ReturnType<typeof namer>;

/** GS1 Digital Link URIs, which EPCIS 2.0 accepts as identifiers: a lot as a class, a serial as an instance. */
const lotClass = (gtin: string, lot: string) =>
  digitalLinkUri([
    { ai: '01', value: gtin },
    { ai: '10', value: lot },
  ]);
const instance = (gtin: string, serial: string) =>
  digitalLinkUri([
    { ai: '01', value: gtin },
    { ai: '21', value: serial },
  ]);
/** A prescription is no CBV business transaction (not a purchase order): its type is cannatrace's own URI. */
export const PRESCRIPTION_TRANSACTION_TYPE = 'urn:cannatrace:btt:prescription';

/** The offset of Paris time at an instant, as EPCIS wants it (`+01:00` in winter, `+02:00` in summer). */
export function parisOffset(instant: string): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(new Date(instant))
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '');
  return match ? match[1] : '+00:00';
}

/**
 * A batch's history as EPCIS 2.0 events: commissioning, inspection, release, holds and recall from the batch
 * stream; storing, shipping, receiving, dispensing, losses, destruction and stock taking from the registers (the
 * table in docs/epcis.md gives each choice and its reason). Patients stay out: a dispensation names the
 * prescription, not the pseudonym.
 */
export function batchEpcisDocument(
  gtin: string,
  lot: string,
  events: RecordedForExport[],
  options: EpcisExportOptions = {},
): EpcisDocument {
  const now = options.now ?? new Date();
  const eventList = events.flatMap((event) => epcisEventsOf(gtin, lot, event, options.glns));
  return {
    '@context': [EPCIS_CONTEXT, { cannatrace: 'urn:cannatrace:' }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: now.toISOString(),
    epcisBody: { eventList },
  };
}

/** The organisations an export names: each holder and each sender and receiver of a shipment. */
export function organisationsNamed(events: RecordedForExport[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    ids.add(holderOf(event));
    const data = event.data as { to?: unknown; from?: unknown };
    if (typeof data?.to === 'string') ids.add(data.to);
    if (typeof data?.from === 'string') ids.add(data.from);
  }
  return [...ids];
}

/** Who holds what an event is about: the site whose register it is, or the organisation that recorded it. */
export function holderOf(event: RecordedForExport): string {
  return registerSiteOf(event.stream) ?? event.metadata.organisation;
}

/** The EPCIS events one cannatrace event gives for one batch (none when it is not about the batch's packs). */
export function epcisEventsOf(
  gtin: string,
  lot: string,
  event: RecordedForExport,
  glns: ReadonlyMap<string, string> = new Map(),
): EpcisObjectEvent[] {
  const { site, party } = namer(glns);
  const holder = holderOf(event);
  const at = (
    index: number,
    action: EpcisObjectEvent['action'],
    bizStep: string,
    disposition: string,
    quantity?: number,
  ): EpcisObjectEvent => ({
    type: 'ObjectEvent',
    eventID: index === 0 ? `urn:uuid:${event.id}` : `urn:uuid:${event.id}#${index}`,
    eventTime: event.metadata.occurredAt,
    eventTimeZoneOffset: parisOffset(event.metadata.occurredAt),
    recordTime: event.metadata.recordedAt,
    action,
    bizStep,
    disposition,
    // No quantity: an event about the batch as a whole.
    quantityList: [
      quantity === undefined ? { epcClass: lotClass(gtin, lot) } : { epcClass: lotClass(gtin, lot), quantity },
    ],
    readPoint: { id: site(holder) },
    bizLocation: { id: site(holder) },
  });
  return batchOf(event.stream) !== undefined
    ? fromBatch(event as unknown as BatchEvent, at)
    : fromRegister(gtin, lot, holder, event as unknown as RegisterEvent, at, party);
}

type At = (
  index: number,
  action: EpcisObjectEvent['action'],
  bizStep: string,
  disposition: string,
  quantity?: number,
) => EpcisObjectEvent;

/** A decision about the batch as a whole, wherever its packs are: it names no place, least of all the decider's. */
const nowhere = ({ readPoint: _readPoint, bizLocation: _bizLocation, ...event }: EpcisObjectEvent): EpcisObjectEvent =>
  event;

function fromBatch(event: BatchEvent, at: At): EpcisObjectEvent[] {
  switch (event.type) {
    case 'BatchRegistered':
      return [at(0, 'ADD', 'commissioning', 'active', event.data.quantity)];
    case 'AnalysisRecorded':
      return [at(0, 'OBSERVE', 'inspecting', event.data.conformant ? 'conformant' : 'non_conformant')];
    case 'BatchReleased':
      return [at(0, 'OBSERVE', 'inspecting', 'sellable_accessible', event.data.quantity)];
    case 'BatchPutOnHold':
      return [nowhere(at(0, 'OBSERVE', 'holding', 'non_sellable_other'))];
    case 'BatchHoldLifted':
      return [nowhere(at(0, 'OBSERVE', 'inspecting', 'sellable_accessible'))];
    case 'BatchRecalled':
      return [nowhere(at(0, 'OBSERVE', 'holding', 'recalled'))];
    default:
      return [];
  }
}

function fromRegister(
  gtin: string,
  lot: string,
  holder: string,
  event: RegisterEvent,
  at: At,
  party: Namer['party'],
): EpcisObjectEvent[] {
  // Each line of the event keeps its index among all the event's lines, so that an EPCIS event has one id
  // whichever batch it is exported or queried for.
  const ofThisBatch = <L extends { gtin: string; lot: string }>(lines: L[]) =>
    lines.map((line, index) => ({ line, index })).filter(({ line }) => line.gtin === gtin && line.lot === lot);
  switch (event.type) {
    case 'StockEntered':
      return [at(0, 'OBSERVE', 'storing', 'sellable_not_accessible', event.data.quantity)];
    case 'ShipmentDispatched': {
      const { to, shipmentId } = event.data;
      return ofThisBatch(event.data.lines).map(({ line, index }) => ({
        ...at(index, 'OBSERVE', 'shipping', 'in_transit', line.quantity),
        sourceList: [{ type: 'owning_party', source: party(holder) }],
        destinationList: [{ type: 'owning_party', destination: party(to) }],
        bizTransactionList: [{ type: 'desadv', bizTransaction: `urn:cannatrace:shipment:${shipmentId}` }],
      }));
    }
    case 'ShipmentReceived': {
      const { from, shipmentId } = event.data;
      return ofThisBatch(event.data.accepted).map(({ line, index }) => ({
        ...at(index, 'OBSERVE', 'receiving', 'sellable_not_accessible', line.quantity),
        sourceList: [{ type: 'owning_party', source: party(from) }],
        destinationList: [{ type: 'owning_party', destination: party(holder) }],
        bizTransactionList: [{ type: 'recadv', bizTransaction: `urn:cannatrace:shipment:${shipmentId}` }],
      }));
    }
    case 'PrescriptionDispensed': {
      const d = event.data;
      const dispensed = {
        ...at(0, 'OBSERVE', 'dispensing', 'dispensed', d.quantity),
        bizTransactionList: [
          { type: PRESCRIPTION_TRANSACTION_TYPE, bizTransaction: `urn:cannatrace:prescription:${d.prescriptionId}` },
        ],
      };
      return [
        d.serial === null ? dispensed : { ...dispensed, quantityList: undefined, epcList: [instance(gtin, d.serial)] },
      ];
    }
    case 'LossDeclared':
      return [at(0, 'OBSERVE', 'other', event.data.kind === 'theft' ? 'stolen' : 'unknown', event.data.quantity)];
    case 'StockDestroyed':
      return [at(0, 'DELETE', 'destroying', 'destroyed', event.data.quantity)];
    case 'InventoryCounted':
      return ofThisBatch(event.data.counts).map(({ line, index }) =>
        at(index, 'OBSERVE', 'stock_taking', 'sellable_not_accessible', line.counted),
      );
    default:
      return [];
  }
}
