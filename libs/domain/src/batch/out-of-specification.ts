import type { AnalysisFailure } from '../product/conformity.js';
import { refuse } from '../shared/domain-error.js';

/** Who recorded an analysis: a laboratory, or the batch's supplier. `null` for analyses recorded before v2. */
export interface AnalysisRecorder {
  role: string;
  organisation: string;
}

/** The batch's supplier's report on an out-of-specification result: the document's hash and its conclusion. */
export interface InvestigationReport {
  reportSha256: string;
  conclusion: string;
}

/**
 * An out-of-specification case: opened by a failing analysis (whoever recorded it), closed only by an
 * investigation report followed by a conforming retest recorded by a laboratory. A later failure opens a new case.
 */
export interface OutOfSpecification {
  failures: AnalysisFailure[];
  recordedBy: AnalysisRecorder | null;
  sampledOn: string;
  investigation: InvestigationReport | null;
  /** The laboratory whose conforming analysis, recorded after the investigation, cleared the case. */
  retestedBy: string | null;
}

export const isCleared = (oos: OutOfSpecification | null) => oos === null || oos.retestedBy !== null;

/** A failing analysis opens a case; a conforming one by a laboratory after the investigation closes it. */
export function afterAnalysis(
  oos: OutOfSpecification | null,
  analysis: {
    conformant: boolean;
    failures: AnalysisFailure[];
    sampledOn: string;
    recordedBy?: AnalysisRecorder | null;
  },
): OutOfSpecification | null {
  const recordedBy = analysis.recordedBy ?? null;
  if (!analysis.conformant) {
    return {
      failures: analysis.failures,
      recordedBy,
      sampledOn: analysis.sampledOn,
      investigation: null,
      retestedBy: null,
    };
  }
  if (oos && oos.investigation && oos.retestedBy === null && recordedBy?.role === 'laboratory') {
    return { ...oos, retestedBy: recordedBy.organisation };
  }
  return oos;
}

/** Why an out-of-specification case still stops the release, if it does. */
export function requireClearedForRelease(oos: OutOfSpecification | null): void {
  if (isCleared(oos)) return;
  if (oos!.investigation === null)
    throw refuse(
      'investigation_required',
      'an analysis was out of specification: release needs an investigation report, then a conforming laboratory retest',
    );
  throw refuse(
    'laboratory_retest_required',
    "an analysis was out of specification: release needs a conforming retest recorded by a laboratory after the investigation (the supplier's own analysis does not clear it)",
  );
}

/** An investigation reports on an open case, once. */
export function requireInvestigable(oos: OutOfSpecification | null): void {
  if (isCleared(oos))
    throw refuse('no_out_of_specification_result', 'no out-of-specification result awaits an investigation');
  if (oos!.investigation !== null)
    throw refuse('investigation_already_reported', 'this out-of-specification result is already investigated');
}
