import { describe, expect, it } from '@jest/globals';
import {
  fold,
  followUpDecider,
  indicationDecider,
  isLongConsultationOverdue,
  longConsultationDueOn,
  prescriptionDecider,
  pseudonymOf,
  scheduleDecider,
  type ConsultationDetails,
  type FollowUpCommand,
  type IndicationEvent,
  type OrganisationState,
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
const [A, B, C] = [1, 2, 3].map((n) => pseudonymOf(new Uint8Array(10).fill(n)));

const included = (patientId: string, n: number, includedOn = '2026-02-01'): IndicationEvent => ({
  type: 'PatientIncluded',
  data: {
    indication: 'EPILEPSY',
    patientId,
    includedOn,
    attestationNumber: `ATT-EPI-${String(n).padStart(6, '0')}`,
    prescriberRpps: '10000000001',
    referenceCentreId: 'CHU-1',
  },
});
const stopped = (patientId: string, consultationId = 'C-STOP'): IndicationEvent => ({
  type: 'PatientTreatmentStopped',
  data: { indication: 'EPILEPSY', patientId, stoppedOn: '2026-04-01', reason: 'inefficacy', consultationId },
});
const capOf2: IndicationEvent = { type: 'InclusionCapSet', data: { indication: 'EPILEPSY', cap: 2 } };

describe('stops on the indication stream', () => {
  const given = specification(indicationDecider);
  const include = (patientId: string) => ({
    type: 'IncludePatient' as const,
    indication: 'EPILEPSY' as const,
    patientId,
    includedOn: '2026-05-01',
    consent: true,
    prescriber: centrePrescriber,
    prescriberRpps: '10000000001',
    organisation: 'CHU-1',
  });
  const stop = (patientId: string, overrides: object = {}) => ({
    type: 'StopTreatment' as const,
    indication: 'EPILEPSY' as const,
    patientId,
    stoppedOn: '2026-04-01',
    reason: 'inefficacy' as const,
    consultationId: 'C-STOP',
    ...overrides,
  });

  it('frees a place in the cap: a stopped patient is not counted, the attestations keep counting', () => {
    given([capOf2, included(A, 1), included(B, 2)])
      .when(include(C))
      .thenRefused('rule', 'indication_cap_reached');
    given([capOf2, included(A, 1), included(B, 2), stopped(A)])
      .when(include(C))
      .then([{ ...included(C, 3, '2026-05-01') }]);
  });
  it('stops an included patient once, with a reason from the list', () => {
    given([included(A, 1)])
      .when(stop(A))
      .then([stopped(A)]);
    given([included(A, 1), stopped(A, 'C-EARLIER')])
      .when(stop(A))
      .thenRefused('rule', 'patient_stopped');
    given([included(A, 1)])
      .when(stop(A, { reason: undefined }))
      .thenRefused('rule', 'stop_reason_required');
    given([included(A, 1)])
      .when(stop(A, { reason: 'bored' }))
      .thenRefused('rule', 'stop_reason_required');
    given([included(A, 1)])
      .when(stop(B))
      .thenRefused('rule', 'patient_not_included');
  });
  it('writes nothing when the same consultation is decided again', () => {
    given([included(A, 1), stopped(A)])
      .when(stop(A))
      .then([]);
  });
  it('keeps the patients in place: a fold of many events never copies them', () => {
    const state = indicationDecider.initialState();
    const same = indicationDecider.evolve(state, included(A, 1));
    expect(indicationDecider.evolve(same, stopped(A))).toBe(state);
    expect(state.stopped.get(A)).toBe('C-STOP');
  });
});

describe('consultations on the follow-up stream', () => {
  const given = specification(followUpDecider);
  const details: ConsultationDetails = {
    consultationId: 'C-1',
    patientId: A,
    indication: 'EPILEPSY',
    consultedOn: '2026-03-01',
    kind: 'renewal',
    symptomEffect: 6,
    adverseEffects: ['somnolence'],
    decision: 'continue',
  };
  const record = (
    data: Partial<ConsultationDetails> = {},
    overrides: Partial<FollowUpCommand> = {},
  ): FollowUpCommand => ({
    type: 'RecordConsultation',
    data: { ...details, ...data },
    prescriber: generalPractitioner,
    prescriberRpps: '10000000003',
    organisation: 'CAB-1',
    inclusions: fold(indicationDecider, [included(A, 1)]),
    today: '2026-03-01',
    ...overrides,
  });
  const recorded = (
    data: Partial<ConsultationDetails> = {},
    by = { prescriberRpps: '10000000003', organisationId: 'CAB-1' },
  ) => ({
    type: 'ConsultationRecorded' as const,
    data: { ...details, ...data, ...by },
  });
  const centre = { prescriber: centrePrescriber, prescriberRpps: '10000000001', organisation: 'CHU-1' };

  it('records a renewal consultation by any trained prescriber', () => {
    given([]).when(record()).then([recorded()]);
  });
  it('records a long consultation only by a prescriber of a reference centre', () => {
    given([])
      .when(record({ kind: 'long_consultation' }, centre))
      .then([recorded({ kind: 'long_consultation' }, { prescriberRpps: '10000000001', organisationId: 'CHU-1' })]);
    given([])
      .when(record({ kind: 'long_consultation' }))
      .thenRefused('forbidden', 'not_reference_centre');
  });
  it('refuses an untrained prescriber, or one acting for another organisation', () => {
    given([])
      .when(record({}, { prescriber: { ...generalPractitioner, trainedOn: '2026-03-02' } }))
      .thenRefused('forbidden', 'prescriber_not_trained');
    given([])
      .when(record({}, { organisation: 'CHU-1' }))
      .thenRefused('forbidden', 'not_of_organisation');
    given([])
      .when(record({}, { prescriber: { status: 'unknown' } }))
      .thenRefused('forbidden', 'not_a_prescriber');
  });
  it('refuses a consultation of a patient not included for that indication', () => {
    given([])
      .when(record({ patientId: B }))
      .thenRefused('rule', 'patient_not_included');
    given([])
      .when(record({ indication: 'PALLIATIVE_CARE' }, { inclusions: indicationDecider.initialState() }))
      .thenRefused('rule', 'patient_not_included');
  });
  it('refuses a renewal, or any consultation, of a stopped patient', () => {
    const afterStop = { inclusions: fold(indicationDecider, [included(A, 1), stopped(A)]) };
    given([]).when(record({}, afterStop)).thenRefused('rule', 'patient_stopped');
    given([])
      .when(record({ kind: 'long_consultation' }, { ...centre, ...afterStop }))
      .thenRefused('rule', 'patient_stopped');
  });
  it('lets the consultation that stopped the treatment be decided again (a retry)', () => {
    const stop = { decision: 'stop' as const, stopReason: 'adverse_effect' as const, consultationId: 'C-STOP' };
    given([])
      .when(record(stop, { inclusions: fold(indicationDecider, [included(A, 1), stopped(A)]) }))
      .then([recorded(stop)]);
  });
  it('refuses a date after today or before the inclusion', () => {
    given([])
      .when(record({ consultedOn: '2026-03-02' }))
      .thenRefused('rule', 'consulted_in_the_future');
    given([])
      .when(record({ consultedOn: '2026-01-31' }))
      .thenRefused('rule', 'consulted_before_inclusion');
    given([])
      .when(record({ consultedOn: '2026-02-01' }))
      .then([recorded({ consultedOn: '2026-02-01' })]);
  });
  it('needs a reason from the list to stop, and none otherwise', () => {
    given([])
      .when(record({ decision: 'stop' }))
      .thenRefused('rule', 'stop_reason_required');
    given([])
      .when(record({ decision: 'continue', stopReason: 'recovery' }))
      .thenRefused('rule', 'stop_reason_without_stop');
    given([])
      .when(record({ decision: 'stop', stopReason: 'recovery' }))
      .then([recorded({ decision: 'stop', stopReason: 'recovery' })]);
  });
  it('takes the effect from 0 to 10 and adverse effects only from the list', () => {
    given([])
      .when(record({ symptomEffect: 11 }))
      .thenRefused('rule', 'symptom_effect_out_of_range');
    given([])
      .when(record({ symptomEffect: 2.5 }))
      .thenRefused('rule', 'symptom_effect_out_of_range');
    given([])
      .when(record({ adverseEffects: ['feels odd' as never] }))
      .thenRefused('rule', 'adverse_effect_unknown');
    given([])
      .when(record({ symptomEffect: 0, adverseEffects: [] }))
      .then([recorded({ symptomEffect: 0, adverseEffects: [] })]);
  });
});

describe('renewal prescriptions after a stop', () => {
  const given = specification(prescriptionDecider);
  const pharmacy: OrganisationState = {
    status: 'registered',
    id: 'PH-1',
    kind: 'community_pharmacy',
    name: 'PH',
    country: 'FR',
  };
  const details = {
    securePrescriptionNumber: 'RX-0001',
    patientId: A,
    indication: 'EPILEPSY' as const,
    gtin: flower.status === 'authorised' ? flower.gtin : '',
    dailyDose: 0.5,
    durationDays: 28,
    quantity: 4,
    pharmacyId: 'PH-1',
    issuedOn: '2026-03-01',
    renewalOf: null,
  };
  const first = { type: 'PrescriptionIssued' as const, data: { ...details, prescriberRpps: '10000000001' } };
  const issue = (
    data: object,
    inclusions: IndicationEvent[],
    prescriber = centrePrescriber,
    organisation = 'CHU-1',
  ) => ({
    type: 'IssuePrescription' as const,
    data: { ...details, ...data },
    prescriber,
    prescriberRpps: prescriber.status === 'registered' ? prescriber.rpps : '',
    organisation,
    inclusions: fold(indicationDecider, inclusions),
    renewed: fold(prescriptionDecider, [first]),
    product: flower,
    pharmacy,
    today: '2026-04-20',
  });
  const renewal = { securePrescriptionNumber: 'RX-0002', renewalOf: 'RX-0001', issuedOn: '2026-04-20' };

  it('renews before the stop, refuses the renewal and a new initial prescription after it', () => {
    given([])
      .when(issue(renewal, [included(A, 1)], generalPractitioner, 'CAB-1'))
      .then([{ type: 'PrescriptionIssued', data: { ...details, ...renewal, prescriberRpps: '10000000003' } }]);
    given([])
      .when(issue(renewal, [included(A, 1), stopped(A)], generalPractitioner, 'CAB-1'))
      .thenRefused('rule', 'patient_stopped');
    given([])
      .when(issue({ securePrescriptionNumber: 'RX-0003', issuedOn: '2026-04-20' }, [included(A, 1), stopped(A)]))
      .thenRefused('rule', 'patient_stopped');
  });
});

describe('the long-consultation schedule', () => {
  const given = specification(scheduleDecider);

  it('lets ANSM set whole numbers from 0 to 12 a year', () => {
    const set = (firstYear: number, thereafter: number) => ({
      type: 'SetLongConsultationSchedule' as const,
      schedule: { firstYear, thereafter },
    });
    given([])
      .when(set(4, 1))
      .then([{ type: 'LongConsultationScheduleSet', data: { firstYear: 4, thereafter: 1 } }]);
    given([]).when(set(5, 2)).then([]);
    given([{ type: 'LongConsultationScheduleSet', data: { firstYear: 4, thereafter: 1 } }])
      .when(set(4, 1))
      .then([]);
    given([]).when(set(13, 1)).thenRefused('rule', 'schedule_out_of_range');
    given([]).when(set(5, -1)).thenRefused('rule', 'schedule_out_of_range');
    given([]).when(set(2.5, 1)).thenRefused('rule', 'schedule_out_of_range');
    expect(scheduleDecider.initialState()).toEqual({ firstYear: 5, thereafter: 2 });
  });
  it('spreads the due dates evenly: five in the first year, then two a year by default', () => {
    const schedule = scheduleDecider.initialState();
    const due = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => longConsultationDueOn('2026-01-01', n, schedule));
    expect(due).toEqual([
      '2026-03-15', // 73 days
      '2026-05-27', // 146
      '2026-08-08', // 219
      '2026-10-20', // 292
      '2027-01-01', // 365
      '2027-07-02', // 365 + 182
      '2028-01-01', // 365 + 365
      '2028-07-01', // 730 + 182
    ]);
    expect(longConsultationDueOn('2026-01-01', 6, { firstYear: 5, thereafter: 0 })).toBeNull();
  });
  it('says who is overdue as of a day, and a schedule changed by ANSM moves who is', () => {
    const patient = { includedOn: '2026-01-01', longConsultations: 1, stopped: false };
    const byDefault = fold(scheduleDecider, []);
    // Default: the second is due on 27 May; on time that day, overdue the next.
    expect(isLongConsultationOverdue(patient, byDefault, '2026-05-27')).toBe(false);
    expect(isLongConsultationOverdue(patient, byDefault, '2026-05-28')).toBe(true);
    // Two in the first year: the second is due on 1 January 2027, so not overdue in May any more.
    const fewer = fold(scheduleDecider, [
      { type: 'LongConsultationScheduleSet', data: { firstYear: 2, thereafter: 1 } },
    ]);
    expect(isLongConsultationOverdue(patient, fewer, '2026-05-28')).toBe(false);
    // Twelve a year: the second was due on 2 March (60 days).
    const more = fold(scheduleDecider, [
      { type: 'LongConsultationScheduleSet', data: { firstYear: 12, thereafter: 1 } },
    ]);
    expect(isLongConsultationOverdue(patient, more, '2026-03-03')).toBe(true);
    expect(isLongConsultationOverdue({ ...patient, stopped: true }, more, '2026-03-03')).toBe(false);
  });
});
