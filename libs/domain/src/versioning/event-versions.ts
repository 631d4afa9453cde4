import { EventVersions } from './upcasting.js';

/**
 * Every change of an event's shape, oldest first. An entry is never removed: events of every version stay in the
 * store and must stay readable.
 */
export const eventVersions = new EventVersions([
  // v2 records the batch's expiry, so that a register book carries dispensed serials only while the batch can
  // still be dispensed. A v1 dispensation's expiry is unknown: its serial is carried on.
  { type: 'PrescriptionDispensed', fromVersion: 1, upcast: (data) => ({ ...data, expiresOn: null }) },
  // v2 records who recorded the analysis (role and organisation), so that only a laboratory's retest clears an
  // out-of-specification result. A v1 analysis's recorder is unknown: it never counts as a laboratory retest.
  { type: 'AnalysisRecorded', fromVersion: 1, upcast: (data) => ({ ...data, recordedBy: null }) },
]);
