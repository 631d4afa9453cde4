import { isIssuedPseudonym } from '../patient/pseudonym.js';
import type { ProfessionalState } from '../professional/professional.js';
import type { Decider } from '../shared/decider.js';
import { duplicate, forbid, refuse } from '../shared/domain-error.js';

export const INDICATIONS = [
  'NEUROPATHIC_PAIN',
  'EPILEPSY',
  'ONCOLOGY_SYMPTOMS',
  'PALLIATIVE_CARE',
  'CNS_SPASTICITY',
] as const;
export type Indication = (typeof INDICATIONS)[number];

/** Inclusion caps of the experimentation (3,000 patients in all); ANSM may change each. */
export const DEFAULT_CAPS: Record<Indication, number> = {
  NEUROPATHIC_PAIN: 750,
  EPILEPSY: 500,
  ONCOLOGY_SYMPTOMS: 500,
  PALLIATIVE_CARE: 500,
  CNS_SPASTICITY: 750,
};

const ATTESTATION_PREFIX: Record<Indication, string> = {
  NEUROPATHIC_PAIN: 'DNR',
  EPILEPSY: 'EPI',
  ONCOLOGY_SYMPTOMS: 'ONC',
  PALLIATIVE_CARE: 'PAL',
  CNS_SPASTICITY: 'SPA',
};

export const indicationStream = (indication: Indication) => `indication-${indication}`;

/** The indication a stream is, read back from `indicationStream`'s name; undefined for others. */
export function indicationOf(stream: string): Indication | undefined {
  const code = stream.startsWith('indication-') ? stream.slice('indication-'.length) : '';
  return (INDICATIONS as readonly string[]).includes(code) ? (code as Indication) : undefined;
}

export type IndicationEvent =
  | { type: 'InclusionCapSet'; data: { indication: Indication; cap: number } }
  | {
      type: 'PatientIncluded';
      data: {
        indication: Indication;
        patientId: string;
        includedOn: string;
        attestationNumber: string;
        prescriberRpps: string;
        referenceCentreId: string;
      };
    };

export interface IndicationState {
  cap: number | undefined;
  /** Pseudonym -> attestation number. */
  patients: Map<string, string>;
}

export type IndicationCommand =
  | { type: 'SetInclusionCap'; indication: Indication; cap: number }
  | {
      type: 'IncludePatient';
      indication: Indication;
      patientId: string;
      includedOn: string;
      consent: boolean;
      prescriber: ProfessionalState;
      prescriberRpps: string;
      /** The organisation of the caller's token. */
      organisation: string;
    };

export function capOf(indication: Indication, state: IndicationState): number {
  return state.cap ?? DEFAULT_CAPS[indication];
}

export const indicationDecider: Decider<IndicationCommand, IndicationEvent, IndicationState> = {
  initialState: () => ({ cap: undefined, patients: new Map() }),
  // In place, like every fold that grows a collection: one step per event, never a copy of the patients.
  evolve: (state, event) => {
    if (event.type === 'InclusionCapSet') state.cap = event.data.cap;
    else state.patients.set(event.data.patientId, event.data.attestationNumber);
    return state;
  },
  decide: (command, state) => {
    if (command.type === 'SetInclusionCap') {
      return [{ type: 'InclusionCapSet', data: { indication: command.indication, cap: command.cap } }];
    }
    const { prescriber, indication, patientId } = command;
    // Events are never deleted: only an id cannatrace issued, which names no one, may enter one.
    if (!isIssuedPseudonym(patientId))
      throw refuse('pseudonym_not_issued', 'a patient is included under a pseudonym cannatrace issues');
    requireReferenceCentrePrescriber(prescriber, command.organisation, command.includedOn);
    if (!command.consent) throw refuse('consent_required', 'a patient is included only after giving consent');
    if (state.patients.has(patientId))
      throw duplicate('patient_already_included', `patient ${patientId} is already included for ${indication}`);
    const cap = capOf(indication, state);
    if (state.patients.size >= cap)
      throw refuse('indication_cap_reached', `the ${cap} inclusions allowed for ${indication} are reached`);
    const attestationNumber = `ATT-${ATTESTATION_PREFIX[indication]}-${String(state.patients.size + 1).padStart(6, '0')}`;
    return [
      {
        type: 'PatientIncluded',
        data: {
          indication,
          patientId,
          includedOn: command.includedOn,
          attestationNumber,
          prescriberRpps: command.prescriberRpps,
          referenceCentreId: command.organisation,
        },
      },
    ];
  },
};

/** A trained prescriber (trained on or before `on`) of a reference centre, acting for that organisation. */
export function requireReferenceCentrePrescriber(
  prescriber: ProfessionalState,
  organisation: string,
  on: string,
): void {
  requireTrainedPrescriber(prescriber, organisation, on);
  if (prescriber.status === 'registered' && !prescriber.referenceCentre) {
    throw forbid('not_reference_centre', 'only a prescriber of a reference centre may do this');
  }
}

export function requireTrainedPrescriber(prescriber: ProfessionalState, organisation: string, on: string): void {
  if (prescriber.status !== 'registered' || prescriber.kind !== 'prescriber')
    throw forbid('not_a_prescriber', 'the caller is not a registered prescriber');
  if (prescriber.organisationId !== organisation)
    throw forbid('not_of_organisation', `the prescriber works for ${prescriber.organisationId}`);
  if (prescriber.trainedOn === null || prescriber.trainedOn > on)
    throw forbid('prescriber_not_trained', 'the prescriber has no training attestation');
}
