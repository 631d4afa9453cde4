/**
 * Checks a document against the structure of EPCIS 2.0 (JSON/JSON-LD binding) and the CBV 2.0 vocabularies,
 * written from the standards independently of the exporter. Answers every problem found.
 */
const BIZ_STEPS = new Set(
  'accepting arriving assembling collecting commissioning consigning creating_class_instance cycle_counting decommissioning departing destroying disassembling dispensing encoding entering_exiting holding inspecting installing killing loading other packing picking receiving removing repackaging repairing replacing reserving retail_selling sampling sensor_reporting shipping staging_outbound stock_taking stocking storing transporting unloading unpacking void_shipping'.split(
    ' ',
  ),
);
const DISPOSITIONS = new Set(
  'active available completeness_verified completeness_inferred conformant container_closed container_open damaged destroyed dispensed disposed encoded expired in_progress in_transit inactive mismatch_instance mismatch_class mismatch_quantity needs_replacement no_pedigree_match non_conformant non_sellable_other partially_dispensed recalled reserved retail_sold returned sellable_accessible sellable_not_accessible stolen unavailable unknown'.split(
    ' ',
  ),
);
const SOURCE_DESTINATION_TYPES = new Set(['owning_party', 'possessing_party', 'location']);
const BIZ_TRANSACTION_TYPES = new Set([
  'bol',
  'cert',
  'desadv',
  'inv',
  'pedigree',
  'po',
  'poc',
  'prodorder',
  'recadv',
  'rma',
  'testprd',
  'testrpt',
  'upevt',
]);
const OBJECT_EVENT_KEYS = new Set([
  'type',
  'eventID',
  'eventTime',
  'eventTimeZoneOffset',
  'recordTime',
  'certificationInfo',
  'errorDeclaration',
  'action',
  'bizStep',
  'disposition',
  'epcList',
  'quantityList',
  'readPoint',
  'bizLocation',
  'bizTransactionList',
  'sourceList',
  'destinationList',
  'sensorElementList',
  'persistentDisposition',
  'ilmd',
]);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const OFFSET = /^[+-]([01]\d|2[0-3]):[0-5]\d$/;
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;
/** A URI outside the CBV's own namespaces, which EPCIS 2.0 allows for a vocabulary the CBV lacks. */
const OTHER_VOCABULARY_URI = /^(?!urn:epcglobal:cbv|https?:\/\/ns\.gs1\.org\/cbv\/)[a-z][a-z0-9+.-]*:\S+$/i;

export function epcisProblems(document: unknown): string[] {
  const problems: string[] = [];
  const d = document as Record<string, unknown>;
  const context = d['@context'];
  if (
    !(Array.isArray(context) ? context : [context]).includes(
      'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
    )
  ) {
    problems.push('@context lacks the EPCIS 2.0 context');
  }
  if (d.type !== 'EPCISDocument' && d.type !== 'EPCISQueryDocument')
    problems.push('type is neither EPCISDocument nor EPCISQueryDocument');
  if (d.schemaVersion !== '2.0') problems.push('schemaVersion is not 2.0');
  if (typeof d.creationDate !== 'string' || !DATE_TIME.test(d.creationDate))
    problems.push('creationDate is not a date-time');
  // A query document carries its events in queryResults.resultsBody, with the name of the query.
  const results = (d.epcisBody as { queryResults?: { queryName?: unknown; resultsBody?: { eventList?: unknown } } })
    ?.queryResults;
  if (d.type === 'EPCISQueryDocument' && typeof results?.queryName !== 'string')
    problems.push('queryResults.queryName is not a string');
  const events =
    d.type === 'EPCISQueryDocument'
      ? results?.resultsBody?.eventList
      : (d.epcisBody as { eventList?: unknown })?.eventList;
  if (!Array.isArray(events)) return [...problems, 'the event list is not a list'];
  events.forEach((raw, i) => {
    const e = raw as Record<string, unknown>;
    const at = (what: string) => problems.push(`event ${i}: ${what}`);
    if (e.type !== 'ObjectEvent') at('type is not ObjectEvent');
    for (const key of Object.keys(e))
      if (!OBJECT_EVENT_KEYS.has(key) && !key.includes(':')) at(`unknown property ${key}`);
    if (typeof e.eventTime !== 'string' || !DATE_TIME.test(e.eventTime)) at('eventTime is not a date-time');
    if (typeof e.recordTime === 'string' && !DATE_TIME.test(e.recordTime)) at('recordTime is not a date-time');
    if (typeof e.eventTimeZoneOffset !== 'string' || !OFFSET.test(e.eventTimeZoneOffset))
      at('eventTimeZoneOffset is not ±hh:mm');
    if (typeof e.eventID !== 'string' || !URI.test(e.eventID)) at('eventID is not a URI');
    if (!['ADD', 'OBSERVE', 'DELETE'].includes(e.action as string)) at(`action ${String(e.action)}`);
    if (e.bizStep !== undefined && !BIZ_STEPS.has(e.bizStep as string))
      at(`bizStep ${String(e.bizStep)} is not in the CBV`);
    if (e.disposition !== undefined && !DISPOSITIONS.has(e.disposition as string))
      at(`disposition ${String(e.disposition)} is not in the CBV`);
    const epcList = e.epcList as unknown[] | undefined;
    const quantityList = e.quantityList as Record<string, unknown>[] | undefined;
    if (!(epcList?.length || quantityList?.length)) at('neither epcList nor quantityList');
    for (const epc of epcList ?? [])
      if (typeof epc !== 'string' || !URI.test(epc)) at(`epc ${String(epc)} is not a URI`);
    for (const q of quantityList ?? []) {
      if (typeof q.epcClass !== 'string' || !URI.test(q.epcClass)) at('quantityList epcClass is not a URI');
      if (q.quantity !== undefined && (typeof q.quantity !== 'number' || q.quantity < 0))
        at('quantity is not a number >= 0');
    }
    for (const place of ['readPoint', 'bizLocation'] as const) {
      const value = e[place] as { id?: unknown } | undefined;
      if (value !== undefined && (typeof value.id !== 'string' || !URI.test(value.id))) at(`${place}.id is not a URI`);
    }
    for (const s of (e.sourceList as { type: string; source: string }[]) ?? []) {
      if (!SOURCE_DESTINATION_TYPES.has(s.type) || !URI.test(s.source)) at('bad source');
    }
    for (const s of (e.destinationList as { type: string; destination: string }[]) ?? []) {
      if (!SOURCE_DESTINATION_TYPES.has(s.type) || !URI.test(s.destination)) at('bad destination');
    }
    for (const t of (e.bizTransactionList as { type?: string; bizTransaction: string }[]) ?? []) {
      // The type is optional; when given, a CBV value or a URI of another vocabulary (EPCIS 2.0 JSON schema).
      const typeOk = t.type === undefined || BIZ_TRANSACTION_TYPES.has(t.type) || OTHER_VOCABULARY_URI.test(t.type);
      if (!typeOk || !URI.test(t.bizTransaction)) at('bad bizTransaction');
    }
  });
  return problems;
}
