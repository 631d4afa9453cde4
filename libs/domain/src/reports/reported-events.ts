import type { Indication } from '../indication/indication.js';
import type { Region } from '../organisation/regions.js';

/**
 * The follow-up and vigilance events the regulator's reports read, as the issue-18 contract between the
 * follow-up, vigilance and reports work defines them (field names and stream names are the contract's). Only what
 * the reports read is typed here; the deciders that write these events own their full shape.
 */

/** Why a patient's treatment stopped (the contract's `StopReason`). */
export const REPORTED_STOP_REASONS = [
  'inefficacy',
  'adverse_effect',
  'patient_choice',
  'recovery',
  'death',
  'other',
] as const;
export type ReportedStopReason = (typeof REPORTED_STOP_REASONS)[number];

/** On the indication's stream: the patient no longer counts against the cap. */
export type ReportedTreatmentStopped = {
  type: 'PatientTreatmentStopped';
  data: {
    indication: Indication;
    patientId: string;
    stoppedOn: string;
    reason: ReportedStopReason;
    consultationId: string;
  };
};

export const CONSULTATION_KINDS = ['renewal', 'long_consultation'] as const;
export const CONSULTATION_DECISIONS = ['continue', 'change_product', 'change_dose', 'stop'] as const;

/** On the patient's follow-up stream `follow-up-<patientId>`. */
export type ReportedFollowUpEvent = {
  type: 'ConsultationRecorded';
  data: {
    consultationId: string;
    patientId: string;
    indication: Indication;
    consultedOn: string;
    kind: (typeof CONSULTATION_KINDS)[number];
    decision: (typeof CONSULTATION_DECISIONS)[number];
  };
};

export const VIGILANCE_KINDS = ['adverse_effect', 'abuse_dependence'] as const;
export const SERIOUSNESS = ['serious', 'non_serious'] as const;

/** What of a vigilance report the reports count by (never its narrative). */
export interface ReportedVigilanceFacts {
  kind: (typeof VIGILANCE_KINDS)[number];
  patientId: string;
  seriousness: (typeof SERIOUSNESS)[number];
  region: Region;
  batches: { gtin: string; lot: string }[];
  products: string[];
  filedOn: string;
}

/** On the report's stream `vigilance-report-<reportId>`. */
export type ReportedVigilanceEvent =
  | { type: 'VigilanceReportFiled'; data: ReportedVigilanceFacts & { reportId: string } }
  | { type: 'VigilanceReportCorrected'; data: { reportId: string; changes: Partial<ReportedVigilanceFacts> } }
  | { type: 'VigilanceFollowUpAdded'; data: { reportId: string } };

const FOLLOW_UP_PREFIX = 'follow-up-';
const VIGILANCE_REPORT_PREFIX = 'vigilance-report-';

/** The patient a follow-up stream is about; undefined for other streams (the schedule's stream among them). */
export function followUpPatientOf(stream: string): string | undefined {
  if (!stream.startsWith(FOLLOW_UP_PREFIX) || stream === 'follow-up-schedule') return undefined;
  return stream.slice(FOLLOW_UP_PREFIX.length) || undefined;
}

/** The vigilance report a stream is; undefined for others. */
export function vigilanceReportOf(stream: string): string | undefined {
  return stream.startsWith(VIGILANCE_REPORT_PREFIX)
    ? stream.slice(VIGILANCE_REPORT_PREFIX.length) || undefined
    : undefined;
}
