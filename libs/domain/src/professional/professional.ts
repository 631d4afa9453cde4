import type { OrganisationKind, OrganisationState } from '../organisation/organisation.js';
import { PHARMACY_KINDS } from '../organisation/organisation.js';
import type { Decider } from '../shared/decider.js';
import { duplicate, refuse } from '../shared/domain-error.js';

/** Organisations of the industry, where nobody prescribes or dispenses. */
const INDUSTRY_KINDS: readonly OrganisationKind[] = ['supplier', 'exploitant', 'laboratory'];

export const PROFESSIONAL_KINDS = ['prescriber', 'pharmacist'] as const;
export type ProfessionalKind = (typeof PROFESSIONAL_KINDS)[number];

export const professionalStream = (rpps: string) => `professional-${rpps}`;

export interface ProfessionalDetails {
  /** 11-digit RPPS number. */
  rpps: string;
  kind: ProfessionalKind;
  name: string;
  organisationId: string;
  /** Date of the training attestation; null when not trained. */
  trainedOn: string | null;
}

export type ProfessionalCommand = {
  type: 'RegisterProfessional';
  data: ProfessionalDetails;
  /** The organisation the professional works for, as it stands. */
  organisation: OrganisationState;
};

export type ProfessionalEvent = {
  type: 'ProfessionalRegistered';
  data: ProfessionalDetails & { referenceCentre: boolean };
};

export type ProfessionalState =
  { status: 'unknown' } | ({ status: 'registered' } & ProfessionalDetails & { referenceCentre: boolean });

export const professionalDecider: Decider<ProfessionalCommand, ProfessionalEvent, ProfessionalState> = {
  initialState: () => ({ status: 'unknown' }),
  evolve: (_state, event) => ({ status: 'registered', ...event.data }),
  decide: ({ data, organisation }, state) => {
    if (state.status === 'registered')
      throw duplicate('professional_exists', `RPPS ${data.rpps} is already registered`);
    if (organisation.status !== 'registered') {
      throw refuse('organisation_unknown', `organisation ${data.organisationId} is not registered`);
    }
    if (data.kind === 'pharmacist' && !PHARMACY_KINDS.includes(organisation.kind)) {
      throw refuse('pharmacist_needs_pharmacy', `a pharmacist works for a pharmacy, not a ${organisation.kind}`);
    }
    if (data.kind === 'prescriber' && INDUSTRY_KINDS.includes(organisation.kind)) {
      throw refuse('prescriber_needs_care_setting', `a prescriber cannot work for a ${organisation.kind}`);
    }
    return [
      { type: 'ProfessionalRegistered', data: { ...data, referenceCentre: organisation.kind === 'reference_centre' } },
    ];
  },
};
