import { epcisEventsOf, type EpcisObjectEvent, type RecordedForExport } from './batch-epcis.js';

/**
 * The EPCIS 2.0 SimpleEventQuery parameters this repository answers (REST binding names; list values are the
 * parameter's `|`-separated values). Times are ISO 8601 instants.
 */
export interface EpcisQuery {
  eventType?: string[];
  GE_eventTime?: string;
  LT_eventTime?: string;
  GE_recordTime?: string;
  LT_recordTime?: string;
  EQ_action?: string[];
  EQ_bizStep?: string[];
  EQ_disposition?: string[];
  EQ_readPoint?: string[];
  EQ_bizLocation?: string[];
  MATCH_epc?: string[];
  MATCH_anyEPC?: string[];
  MATCH_epcClass?: string[];
  MATCH_anyEPCClass?: string[];
  EQ_eventID?: string[];
}

export const EPCIS_QUERY_PARAMETERS = [
  'eventType',
  'GE_eventTime',
  'LT_eventTime',
  'GE_recordTime',
  'LT_recordTime',
  'EQ_action',
  'EQ_bizStep',
  'EQ_disposition',
  'EQ_readPoint',
  'EQ_bizLocation',
  'MATCH_epc',
  'MATCH_anyEPC',
  'MATCH_epcClass',
  'MATCH_anyEPCClass',
  'EQ_eventID',
] as const satisfies readonly (keyof EpcisQuery)[];

/** A CBV value as the bare word the documents carry, whether given bare or as one of its URIs. */
function bare(value: string, vocabulary: 'BizStep' | 'Disp'): string {
  const prefixes =
    vocabulary === 'BizStep'
      ? ['https://ref.gs1.org/cbv/BizStep-', 'urn:epcglobal:cbv:bizstep:']
      : ['https://ref.gs1.org/cbv/Disp-', 'urn:epcglobal:cbv:disp:'];
  const prefix = prefixes.find((p) => value.startsWith(p));
  return prefix ? value.slice(prefix.length) : value;
}

const oneOf = (wanted: string[] | undefined, actual: string | undefined) =>
  wanted === undefined || (actual !== undefined && wanted.includes(actual));
const anyOf = (wanted: string[] | undefined, actual: string[]) =>
  wanted === undefined || actual.some((a) => wanted.includes(a));
const notBefore = (bound: string | undefined, time: string) =>
  bound === undefined || Date.parse(time) >= Date.parse(bound);
const before = (bound: string | undefined, time: string) => bound === undefined || Date.parse(time) < Date.parse(bound);

/** Whether an event meets every parameter of a query (parameters are ANDed, the values of one are ORed). */
export function matchesEpcisQuery(event: EpcisObjectEvent, query: EpcisQuery): boolean {
  const epcs = event.epcList ?? [];
  const classes = (event.quantityList ?? []).map((q) => q.epcClass);
  return (
    oneOf(query.eventType, event.type) &&
    notBefore(query.GE_eventTime, event.eventTime) &&
    before(query.LT_eventTime, event.eventTime) &&
    notBefore(query.GE_recordTime, event.recordTime) &&
    before(query.LT_recordTime, event.recordTime) &&
    oneOf(query.EQ_action, event.action) &&
    oneOf(
      query.EQ_bizStep?.map((v) => bare(v, 'BizStep')),
      event.bizStep,
    ) &&
    oneOf(
      query.EQ_disposition?.map((v) => bare(v, 'Disp')),
      event.disposition,
    ) &&
    oneOf(query.EQ_readPoint, event.readPoint?.id) &&
    oneOf(query.EQ_bizLocation, event.bizLocation?.id) &&
    anyOf(query.MATCH_epc, epcs) &&
    anyOf(query.MATCH_anyEPC, epcs) &&
    anyOf(query.MATCH_epcClass, classes) &&
    anyOf(query.MATCH_anyEPCClass, classes) &&
    oneOf(query.EQ_eventID, event.eventID)
  );
}

/** The batches (GTIN and lot) a recorded event concerns, from the batch keys of its metadata. */
export function batchesOf(
  event: RecordedForExport & { metadata: { batchKeys?: string[] } },
): { gtin: string; lot: string }[] {
  return (event.metadata.batchKeys ?? []).map((key) => ({ gtin: key.slice(0, 14), lot: key.slice(15) }));
}

/** Every EPCIS event the recorded events give, batch by batch, in the store's order. */
export function epcisEventsOfAll(
  events: (RecordedForExport & { metadata: { batchKeys?: string[] } })[],
  glns: ReadonlyMap<string, string>,
): EpcisObjectEvent[] {
  return events.flatMap((event) => batchesOf(event).flatMap(({ gtin, lot }) => epcisEventsOf(gtin, lot, event, glns)));
}
