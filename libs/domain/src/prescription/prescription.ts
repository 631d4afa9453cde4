import {
  requireActivePatient,
  requireReferenceCentrePrescriber,
  requireTrainedPrescriber,
  type Indication,
  type IndicationState,
} from '../indication/indication.js';
import { PHARMACY_KINDS, type OrganisationState } from '../organisation/organisation.js';
import type { ProductState } from '../product/product.js';
import type { ProfessionalState } from '../professional/professional.js';
import type { Decider } from '../shared/decider.js';
import { duplicate, forbid, notFound, refuse } from '../shared/domain-error.js';

export const MAX_DURATION_DAYS = 28;

export const prescriptionStream = (prescriptionId: string) => `prescription-${prescriptionId}`;

/** The prescription a stream is, read back from `prescriptionStream`'s name; undefined for others. */
export function prescriptionOf(stream: string): string | undefined {
  return stream.startsWith('prescription-') ? stream.slice('prescription-'.length) || undefined : undefined;
}

export interface PrescriptionDetails {
  /** The secure prescription's own number, which is also the prescription's id. */
  securePrescriptionNumber: string;
  patientId: string;
  indication: Indication;
  gtin: string;
  /** Amount of product per day, in the product's unit. */
  dailyDose: number;
  durationDays: number;
  /** Packs prescribed for the whole duration. */
  quantity: number;
  pharmacyId: string;
  issuedOn: string;
  renewalOf: string | null;
}

export type PrescriptionEvent =
  | { type: 'PrescriptionIssued'; data: PrescriptionDetails & { prescriberRpps: string } }
  | { type: 'PrescriptionCancelled'; data: { reason: string } };

export type PrescriptionState =
  { status: 'unknown' } | ({ status: 'issued' | 'cancelled' } & PrescriptionDetails & { prescriberRpps: string });

export type PrescriptionCommand =
  | {
      type: 'IssuePrescription';
      data: PrescriptionDetails;
      prescriber: ProfessionalState;
      prescriberRpps: string;
      organisation: string;
      /** The inclusions and stops of the prescription's indication. */
      inclusions: IndicationState;
      /** The prescription renewed, when `renewalOf` is given. */
      renewed: PrescriptionState | undefined;
      product: ProductState;
      pharmacy: OrganisationState;
      today: string;
    }
  | { type: 'CancelPrescription'; reason: string; prescriberRpps: string };

export const prescriptionDecider: Decider<PrescriptionCommand, PrescriptionEvent, PrescriptionState> = {
  initialState: () => ({ status: 'unknown' }),
  evolve: (state, event) =>
    event.type === 'PrescriptionIssued'
      ? { status: 'issued', ...event.data }
      : state.status === 'unknown'
        ? state
        : { ...state, status: 'cancelled' },
  decide: (command, state) => (command.type === 'IssuePrescription' ? issue(command, state) : cancel(command, state)),
};

function issue(
  command: Extract<PrescriptionCommand, { type: 'IssuePrescription' }>,
  state: PrescriptionState,
): PrescriptionEvent[] {
  const { data, prescriber } = command;
  if (state.status !== 'unknown')
    throw duplicate(
      'prescription_number_used',
      `secure prescription ${data.securePrescriptionNumber} is already issued`,
    );
  if (data.renewalOf === null) {
    requireReferenceCentrePrescriber(prescriber, command.organisation, data.issuedOn);
    requireActivePatient(command.inclusions, data.indication, data.patientId);
  } else {
    requireTrainedPrescriber(prescriber, command.organisation, data.issuedOn);
    const renewed = command.renewed;
    if (!renewed || renewed.status === 'unknown')
      throw refuse('renewed_prescription_unknown', `no prescription ${data.renewalOf} to renew`);
    if (renewed.patientId !== data.patientId)
      throw refuse('renewal_of_another_patient', 'a renewal is for the patient of the renewed prescription');
    if (renewed.indication !== data.indication)
      throw refuse('renewal_of_another_indication', 'a renewal keeps the indication of the renewed prescription');
    if (command.inclusions.stopped.has(data.patientId))
      throw refuse('patient_stopped', `the treatment of patient ${data.patientId} for ${data.indication} is stopped`);
  }
  if (data.durationDays < 1 || data.durationDays > MAX_DURATION_DAYS) {
    throw refuse(
      'duration_out_of_range',
      `a prescription lasts 1 to ${MAX_DURATION_DAYS} days, not ${data.durationDays}`,
    );
  }
  if (data.issuedOn > command.today) throw refuse('issued_in_the_future', `issuedOn ${data.issuedOn} is after today`);
  if (command.product.status !== 'authorised')
    throw refuse('product_unknown', `GTIN ${data.gtin} is not in the catalogue`);
  const { pharmacy } = command;
  if (pharmacy.status !== 'registered' || !PHARMACY_KINDS.includes(pharmacy.kind)) {
    throw refuse('pharmacy_unknown', `${data.pharmacyId} is not a registered pharmacy`);
  }
  return [{ type: 'PrescriptionIssued', data: { ...data, prescriberRpps: command.prescriberRpps } }];
}

function cancel(
  command: Extract<PrescriptionCommand, { type: 'CancelPrescription' }>,
  state: PrescriptionState,
): PrescriptionEvent[] {
  if (state.status === 'unknown') throw notFound('prescription_unknown', 'no such prescription');
  if (state.prescriberRpps !== command.prescriberRpps)
    throw forbid('not_prescription_author', 'only its prescriber cancels a prescription');
  if (state.status === 'cancelled') throw refuse('prescription_cancelled', 'the prescription is already cancelled');
  return [{ type: 'PrescriptionCancelled', data: { reason: command.reason } }];
}
