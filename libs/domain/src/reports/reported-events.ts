import type { Indication } from '../indication/indication.js';

/**
 * The follow-up events the regulator's reports read, as the issue-18 contract between the follow-up, vigilance and
 * reports work defines them (field names and stream names are the contract's). Only what the reports read is typed
 * here; the decider that writes these events owns their full shape. (The vigilance events are the vigilance
 * decider's own, in ../vigilance.)
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

const FOLLOW_UP_PREFIX = 'follow-up-';

/** The patient a follow-up stream is about; undefined for other streams (the schedule's stream among them). */
export function followUpPatientOf(stream: string): string | undefined {
  if (!stream.startsWith(FOLLOW_UP_PREFIX) || stream === 'follow-up-schedule') return undefined;
  return stream.slice(FOLLOW_UP_PREFIX.length) || undefined;
}
