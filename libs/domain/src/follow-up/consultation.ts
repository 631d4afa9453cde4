import {
  requireActivePatient,
  requireReferenceCentrePrescriber,
  requireTrainedPrescriber,
  type Indication,
  type IndicationState,
} from '../indication/indication.js';
import type { ProfessionalState } from '../professional/professional.js';
import type { Decider } from '../shared/decider.js';
import { refuse } from '../shared/domain-error.js';
import { FOLLOW_UP_SCHEDULE_STREAM } from './schedule.js';
import { isStopReason, type StopReason } from './stop-reasons.js';

export const CONSULTATION_KINDS = ['renewal', 'long_consultation'] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];

export const CONSULTATION_DECISIONS = ['continue', 'change_product', 'change_dose', 'stop'] as const;
export type ConsultationDecision = (typeof CONSULTATION_DECISIONS)[number];

/**
 * Adverse effects a prescriber may tick: codes from a fixed list, never free text (events are kept for ever and
 * free text could name someone). A report with a narrative goes to vigilance.
 */
export const ADVERSE_EFFECTS = [
  'somnolence',
  'dizziness',
  'fatigue',
  'dry_mouth',
  'nausea',
  'vomiting',
  'diarrhoea',
  'appetite_change',
  'headache',
  'anxiety',
  'confusion',
  'mood_change',
  'psychotic_symptoms',
  'tachycardia',
  'hypotension',
  'falls',
  'dependence',
  'other',
] as const;
export type AdverseEffect = (typeof ADVERSE_EFFECTS)[number];

export const followUpStream = (patientId: string) => `follow-up-${patientId}`;

/** The patient a follow-up stream is, read back from `followUpStream`'s name; undefined for others. */
export function followUpPatientOf(stream: string): string | undefined {
  if (!stream.startsWith('follow-up-') || stream === FOLLOW_UP_SCHEDULE_STREAM) return undefined;
  return stream.slice('follow-up-'.length) || undefined;
}

export interface ConsultationDetails {
  consultationId: string;
  patientId: string;
  indication: Indication;
  consultedOn: string;
  kind: ConsultationKind;
  /** Effect on the symptom, 0 (none) to 10 (complete relief). */
  symptomEffect: number;
  adverseEffects: AdverseEffect[];
  decision: ConsultationDecision;
  stopReason?: StopReason;
}

export type FollowUpEvent = {
  type: 'ConsultationRecorded';
  data: ConsultationDetails & { prescriberRpps: string; organisationId: string };
};

/** What the patient's own stream needs to decide: nothing grows, a consultation is checked against its indication. */
export interface FollowUpState {
  consultations: number;
}

export type FollowUpCommand = {
  type: 'RecordConsultation';
  data: ConsultationDetails;
  prescriber: ProfessionalState;
  prescriberRpps: string;
  /** The organisation of the caller's token. */
  organisation: string;
  /** The inclusions and stops of the consultation's indication. */
  inclusions: IndicationState;
  today: string;
};

export const followUpDecider: Decider<FollowUpCommand, FollowUpEvent, FollowUpState> = {
  initialState: () => ({ consultations: 0 }),
  evolve: (state) => {
    state.consultations += 1;
    return state;
  },
  decide: (command) => [recordedConsultation(command)],
};

/**
 * Every rule of a consultation, as one function: the follow-up stream records it, and a stop runs it first
 * against the indication stream it is about to write to.
 */
export function recordedConsultation(command: FollowUpCommand): FollowUpEvent {
  const { data, prescriber, organisation } = command;
  // A long consultation happens at the reference structure; a renewal may be done by any trained prescriber.
  if (data.kind === 'long_consultation') requireReferenceCentrePrescriber(prescriber, organisation, data.consultedOn);
  else requireTrainedPrescriber(prescriber, organisation, data.consultedOn);
  const inclusion = requireActivePatient(command.inclusions, data.indication, data.patientId, data.consultationId);
  if (data.consultedOn > command.today)
    throw refuse('consulted_in_the_future', `consultedOn ${data.consultedOn} is after today`);
  if (data.consultedOn < inclusion.includedOn)
    throw refuse('consulted_before_inclusion', `consultedOn ${data.consultedOn} is before the inclusion`);
  if (!Number.isInteger(data.symptomEffect) || data.symptomEffect < 0 || data.symptomEffect > 10)
    throw refuse('symptom_effect_out_of_range', 'the effect on the symptom is a whole number from 0 to 10');
  if (!data.adverseEffects.every((effect) => ADVERSE_EFFECTS.includes(effect)))
    throw refuse('adverse_effect_unknown', `adverse effects are codes of the list: ${ADVERSE_EFFECTS.join(', ')}`);
  if (data.decision === 'stop' && !isStopReason(data.stopReason))
    throw refuse('stop_reason_required', 'a stop gives its reason, one of the fixed list');
  if (data.decision !== 'stop' && data.stopReason !== undefined)
    throw refuse('stop_reason_without_stop', 'a stop reason goes only with the decision to stop');
  return {
    type: 'ConsultationRecorded',
    data: { ...data, prescriberRpps: command.prescriberRpps, organisationId: organisation },
  };
}
