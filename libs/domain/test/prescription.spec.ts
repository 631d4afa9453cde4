import { describe, expect, it } from '@jest/globals';
import {
  allowedPacks,
  fold,
  indicationDecider,
  prescriptionDecider,
  pseudonymOf,
  type IndicationEvent,
  type IndicationState,
  type OrganisationState,
  type PrescriptionDetails,
  type ProfessionalState,
} from '#domain';
import { flower } from './fixtures.js';
import { specification } from './given-when-then.js';

const centrePrescriber: ProfessionalState = {
  status: 'registered',
  rpps: '10000000001',
  kind: 'prescriber',
  name: 'Dr A',
  organisationId: 'CHU-1',
  trainedOn: '2026-01-05',
  referenceCentre: true,
};
const generalPractitioner: ProfessionalState = {
  ...centrePrescriber,
  rpps: '10000000003',
  organisationId: 'CAB-1',
  referenceCentre: false,
};

describe('indication decider', () => {
  const given = specification(indicationDecider);
  /** Pseudonyms as cannatrace issues them; the given events may hold ids clients chose before. */
  const issued = (n: number) => pseudonymOf(new Uint8Array(10).fill(n));
  const [A, B, C, P, LAST] = [1, 2, 3, 4, 5].map(issued);
  const include = (patientId: string, overrides: object = {}) => ({
    type: 'IncludePatient' as const,
    indication: 'EPILEPSY' as const,
    patientId,
    includedOn: '2026-02-01',
    consent: true,
    prescriber: centrePrescriber,
    prescriberRpps: '10000000001',
    organisation: 'CHU-1',
    ...overrides,
  });
  const included = (patientId: string, n: number): IndicationEvent => ({
    type: 'PatientIncluded',
    data: {
      indication: 'EPILEPSY',
      patientId,
      includedOn: '2026-02-01',
      attestationNumber: `ATT-EPI-${String(n).padStart(6, '0')}`,
      prescriberRpps: '10000000001',
      referenceCentreId: 'CHU-1',
    },
  });

  it('includes a consenting patient with a numbered attestation', () => {
    given([])
      .when(include(A))
      .then([included(A, 1)]);
    given([included(A, 1)])
      .when(include(B))
      .then([included(B, 2)]);
  });
  it('refuses without consent, twice, or from outside a reference centre, or untrained', () => {
    given([])
      .when(include(P, { consent: false }))
      .thenRefused('rule', 'consent_required');
    given([included(P, 1)])
      .when(include(P))
      .thenRefused('conflict', 'patient_already_included');
    given([])
      .when(include(P, { prescriber: generalPractitioner, organisation: 'CAB-1' }))
      .thenRefused('forbidden', 'not_reference_centre');
    given([])
      .when(include(P, { prescriber: { ...centrePrescriber, trainedOn: null } }))
      .thenRefused('forbidden', 'prescriber_not_trained');
    given([])
      .when(include(P, { organisation: 'OTHER' }))
      .thenRefused('forbidden', 'not_of_organisation');
  });
  it('includes only under a pseudonym cannatrace issued, never an id a client chose', () => {
    for (const chosen of ['PSN-ALPHA-01', '185072A12345678', 'jean_dupont_1985-07-12', `${A.slice(0, -1)}#`])
      given([]).when(include(chosen)).thenRefused('rule', 'pseudonym_not_issued');
  });
  it('refuses the inclusion over the cap, the default one or the one ANSM sets', () => {
    const two = [included('LEGACY-A', 1), included('LEGACY-B', 2)];
    given([{ type: 'InclusionCapSet', data: { indication: 'EPILEPSY', cap: 2 } }, ...two])
      .when(include(C))
      .thenRefused('rule', 'indication_cap_reached');
    given([{ type: 'InclusionCapSet', data: { indication: 'EPILEPSY', cap: 3 } }, ...two])
      .when(include(C))
      .then([included(C, 3)]);
    const full = Array.from({ length: 500 }, (_, i) => included(`P${i}`, i + 1));
    given(full).when(include(LAST)).thenRefused('rule', 'indication_cap_reached');
    given(full.slice(1))
      .when(include(LAST))
      .then([included(LAST, 500)]);
  });
});

describe('prescription decider', () => {
  const given = specification(prescriptionDecider);
  const pharmacy: OrganisationState = {
    status: 'registered',
    id: 'PH-1',
    kind: 'community_pharmacy',
    name: 'PH',
    country: 'FR',
  };
  const inclusions: IndicationState = fold(indicationDecider, [
    {
      type: 'PatientIncluded',
      data: {
        indication: 'EPILEPSY',
        patientId: 'PSEUDO-A',
        includedOn: '2026-02-01',
        attestationNumber: 'ATT-EPI-000001',
        prescriberRpps: '10000000001',
        referenceCentreId: 'CHU-1',
      },
    },
  ]);
  const details: PrescriptionDetails = {
    securePrescriptionNumber: 'RX-0001',
    patientId: 'PSEUDO-A',
    indication: 'EPILEPSY',
    gtin: flower.status === 'authorised' ? flower.gtin : '',
    dailyDose: 0.5,
    durationDays: 28,
    quantity: 4,
    pharmacyId: 'PH-1',
    issuedOn: '2026-03-01',
    renewalOf: null,
  };
  const issue = (data: Partial<PrescriptionDetails> = {}, overrides: object = {}) => ({
    type: 'IssuePrescription' as const,
    data: { ...details, ...data },
    prescriber: centrePrescriber,
    prescriberRpps: '10000000001',
    organisation: 'CHU-1',
    inclusions,
    renewed: undefined,
    product: flower,
    pharmacy,
    today: '2026-03-01',
    ...overrides,
  });
  const issued = { type: 'PrescriptionIssued' as const, data: { ...details, prescriberRpps: '10000000001' } };

  it('issues an initial prescription from a reference centre for an included patient, up to 28 days', () => {
    given([]).when(issue()).then([issued]);
    given([])
      .when(issue({ durationDays: 29 }))
      .thenRefused('rule', 'duration_out_of_range');
    given([])
      .when(issue({ durationDays: 0 }))
      .thenRefused('rule', 'duration_out_of_range');
  });
  it('refuses an initial prescription outside a reference centre, for a patient not included, or twice', () => {
    given([])
      .when(issue({}, { prescriber: generalPractitioner, organisation: 'CAB-1' }))
      .thenRefused('forbidden', 'not_reference_centre');
    given([])
      .when(issue({ patientId: 'PSEUDO-Z' }))
      .thenRefused('rule', 'patient_not_included');
    given([])
      .when(issue({ indication: 'PALLIATIVE_CARE' }, { inclusions: indicationDecider.initialState() }))
      .thenRefused('rule', 'patient_not_included');
    given([issued]).when(issue()).thenRefused('conflict', 'prescription_number_used');
  });
  it('lets any trained prescriber renew a prescription of the same patient and indication', () => {
    const renewed = fold(prescriptionDecider, [issued]);
    const renewal = { securePrescriptionNumber: 'RX-0002', renewalOf: 'RX-0001', issuedOn: '2026-03-27' };
    const gp = {
      prescriber: generalPractitioner,
      prescriberRpps: '10000000003',
      organisation: 'CAB-1',
      renewed,
      today: '2026-03-27',
    };
    given([])
      .when(issue(renewal, gp))
      .then([{ type: 'PrescriptionIssued', data: { ...details, ...renewal, prescriberRpps: '10000000003' } }]);
    given([])
      .when(issue({ ...renewal, patientId: 'PSEUDO-B' }, gp))
      .thenRefused('rule', 'renewal_of_another_patient');
    given([])
      .when(issue(renewal, { ...gp, renewed: { status: 'unknown' } }))
      .thenRefused('rule', 'renewed_prescription_unknown');
    given([])
      .when(issue(renewal, { ...gp, prescriber: { ...generalPractitioner, trainedOn: null } }))
      .thenRefused('forbidden', 'prescriber_not_trained');
  });
  it('refuses an unknown product, a designated organisation that is not a pharmacy, a date in the future', () => {
    given([])
      .when(issue({}, { product: { status: 'unknown' } }))
      .thenRefused('rule', 'product_unknown');
    given([])
      .when(issue({}, { pharmacy: { ...pharmacy, kind: 'exploitant' } }))
      .thenRefused('rule', 'pharmacy_unknown');
    given([])
      .when(issue({ issuedOn: '2026-03-02' }))
      .thenRefused('rule', 'issued_in_the_future');
  });
  it('is cancelled by its prescriber only, once', () => {
    given([issued])
      .when({ type: 'CancelPrescription', reason: 'changed', prescriberRpps: '10000000001' })
      .then([{ type: 'PrescriptionCancelled', data: { reason: 'changed' } }]);
    given([issued])
      .when({ type: 'CancelPrescription', reason: 'x', prescriberRpps: '10000000003' })
      .thenRefused('forbidden', 'not_prescription_author');
    given([issued, { type: 'PrescriptionCancelled', data: { reason: 'x' } }])
      .when({ type: 'CancelPrescription', reason: 'x', prescriberRpps: '10000000001' })
      .thenRefused('rule', 'prescription_cancelled');
  });
  it('allows every pack when presented by day 3, only the remaining days from day 4 (rounded down)', () => {
    const p = { quantity: 4, durationDays: 28, issuedOn: '2026-03-01' };
    expect(allowedPacks(p, '2026-03-04')).toBe(4);
    expect(allowedPacks(p, '2026-03-05')).toBe(3); // 4 x 24 / 28 = 3.43
    expect(allowedPacks(p, '2026-03-22')).toBe(1); // 4 x 7 / 28
    expect(allowedPacks(p, '2026-03-23')).toBe(0); // 4 x 6 / 28 = 0.86
  });
});
