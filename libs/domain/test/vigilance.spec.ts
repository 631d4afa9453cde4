import { describe, expect, it } from '@jest/globals';
import {
  subjectReports,
  thresholdCrossings,
  vigilanceReportDecider,
  vigilanceSignalDecider,
  vigilanceThresholdDecider,
  type OrganisationState,
  type VigilanceReportEvent,
  type VigilanceSignalRaised,
} from '#domain';
import { specification } from './given-when-then.js';

const pharmacy = (region?: '84' | '11' | '53'): OrganisationState => ({
  status: 'registered',
  id: 'PH-1',
  kind: 'community_pharmacy',
  name: 'Pharmacie du Centre',
  country: 'FR',
  ...(region ? { region } : {}),
});
const reporter = { role: 'pharmacist' as const, rpps: '10000000002', organisationId: 'PH-1' };
const declaration = {
  kind: 'adverse_effect' as const,
  patientId: 'CT-7AFG3H3YAQ90HCBC1',
  seriousness: 'serious' as const,
  onsetOn: '2026-11-20',
  outcome: 'recovering' as const,
  narrative: 'somnolence marquée après la deuxième prise',
};
const dispensed = [
  { gtin: '03400930000014', lot: 'L1' },
  { gtin: '03400930000014', lot: 'L1' },
  { gtin: '03400930000014', lot: 'L2' },
  { gtin: '03400930000021', lot: 'L9' },
];
const file = (over: Record<string, unknown> = {}) => ({
  type: 'FileVigilanceReport' as const,
  reportId: 'R1',
  declaration,
  reporter,
  organisation: pharmacy('84'),
  inCare: true,
  dispensed,
  today: '2026-11-25',
  ...over,
});
const filed = (over: Record<string, unknown> = {}): VigilanceReportEvent => ({
  type: 'VigilanceReportFiled',
  data: {
    reportId: 'R1',
    ...declaration,
    reporter,
    region: '84',
    centre: { kind: 'CRPV', id: 'CRPV-LYON', name: 'CRPV de Lyon' },
    batches: [
      { gtin: '03400930000014', lot: 'L1' },
      { gtin: '03400930000014', lot: 'L2' },
      { gtin: '03400930000021', lot: 'L9' },
    ],
    products: ['03400930000014', '03400930000021'],
    filedOn: '2026-11-25',
    ...over,
  },
});

describe('vigilance report decider', () => {
  const given = specification(vigilanceReportDecider);

  it("routes an adverse effect to the CRPV of the reporter's region, with the batches the patient received", () =>
    given([]).when(file()).then([filed()]));

  it("routes abuse or dependence to the CEIP-A of the reporter's region", () => {
    given([])
      .when(file({ declaration: { ...declaration, kind: 'abuse_dependence' } }))
      .then([
        filed({ kind: 'abuse_dependence', centre: { kind: 'CEIP-A', id: 'CEIPA-LYON', name: 'CEIP-A de Lyon' } }),
      ]);
    given([])
      .when(file({ organisation: pharmacy('11'), declaration: { ...declaration, kind: 'abuse_dependence' } }))
      .then([
        filed({
          kind: 'abuse_dependence',
          region: '11',
          centre: { kind: 'CEIP-A', id: 'CEIPA-PARIS', name: 'CEIP-A de Paris' },
        }),
      ]);
    given([])
      .when(file({ organisation: pharmacy('53') }))
      .then([filed({ region: '53', centre: { kind: 'CRPV', id: 'CRPV-RENNES', name: 'CRPV de Rennes' } })]);
  });

  it('refuses a reporter whose organisation has no region', () =>
    given([])
      .when(file({ organisation: pharmacy() }))
      .thenRefused('rule', 'organisation_without_region'));

  it('refuses a patient the reporter does not care for, and an onset after the filing', () => {
    given([])
      .when(file({ inCare: false }))
      .thenRefused('not_found', 'patient_not_in_care');
    given([])
      .when(file({ declaration: { ...declaration, onsetOn: '2026-11-26' } }))
      .thenRefused('rule', 'onset_after_filing');
  });

  it('files a report once', () => given([filed()]).when(file()).thenRefused('conflict', 'vigilance_report_exists'));

  it('corrects a filed report by a new event, routing it again when its kind changes', () => {
    given([filed()])
      .when({
        type: 'CorrectVigilanceReport',
        reportId: 'R1',
        changes: { kind: 'abuse_dependence', seriousness: 'serious', outcome: 'recovered' },
        reason: 'wrong form',
        by: { rpps: reporter.rpps },
      })
      .then([
        {
          type: 'VigilanceReportCorrected',
          data: {
            reportId: 'R1',
            // seriousness is unchanged, so not a change
            changes: {
              kind: 'abuse_dependence',
              outcome: 'recovered',
              centre: { kind: 'CEIP-A', id: 'CEIPA-LYON', name: 'CEIP-A de Lyon' },
            },
            reason: 'wrong form',
          },
        },
      ]);
    given([filed()])
      .when({
        type: 'CorrectVigilanceReport',
        reportId: 'R1',
        changes: { outcome: 'recovering' },
        reason: 'same',
        by: { rpps: reporter.rpps },
      })
      .thenRefused('rule', 'correction_changes_nothing');
  });

  it('corrects and follows up an existing report only, and only its reporter', () => {
    const correct = {
      type: 'CorrectVigilanceReport' as const,
      reportId: 'R1',
      changes: { seriousness: 'non_serious' as const },
      reason: 'reassessed',
      by: { rpps: reporter.rpps },
    };
    const followUp = {
      type: 'AddVigilanceFollowUp' as const,
      reportId: 'R1',
      outcome: 'recovered' as const,
      narrative: 'résolution complète',
      by: { rpps: reporter.rpps },
      today: '2026-12-01',
    };
    given([]).when(correct).thenRefused('not_found', 'vigilance_report_unknown');
    given([]).when(followUp).thenRefused('not_found', 'vigilance_report_unknown');
    given([filed()])
      .when({ ...followUp, by: { rpps: '10000000099' } })
      .thenRefused('not_found', 'vigilance_report_unknown');
    given([filed()])
      .when(followUp)
      .then([
        {
          type: 'VigilanceFollowUpAdded',
          data: { reportId: 'R1', outcome: 'recovered', narrative: 'résolution complète', addedOn: '2026-12-01' },
        },
      ]);
  });

  it('folds corrections and follow-ups into the current report', () => {
    const events: VigilanceReportEvent[] = [
      filed(),
      {
        type: 'VigilanceReportCorrected',
        data: { reportId: 'R1', changes: { seriousness: 'non_serious' }, reason: 'r' },
      },
      {
        type: 'VigilanceFollowUpAdded',
        data: { reportId: 'R1', outcome: 'recovered', narrative: 'n', addedOn: '2026-12-01' },
      },
    ];
    let state = vigilanceReportDecider.initialState();
    for (const e of events) state = vigilanceReportDecider.evolve(state, e);
    expect(state).toMatchObject({ status: 'filed', seriousness: 'non_serious', outcome: 'recovered', followUps: 1 });
  });
});

describe('vigilance signals', () => {
  const threshold = { reports: 3, days: 30 };
  const report = (reportId: string, filedOn: string, serious = true) => ({ reportId, filedOn, serious });

  it('crosses the threshold with 3 serious reports within 30 days (the first on the 30th day before)', () =>
    expect(
      thresholdCrossings([report('A', '2026-10-27'), report('B', '2026-11-10'), report('C', '2026-11-25')], threshold),
    ).toEqual([['A', 'B', 'C']]));

  it('does not cross it when the first falls one day outside, nor with non-serious reports', () => {
    expect(
      thresholdCrossings([report('A', '2026-10-26'), report('B', '2026-11-10'), report('C', '2026-11-25')], threshold),
    ).toEqual([]);
    expect(
      thresholdCrossings(
        [report('A', '2026-11-01'), report('B', '2026-11-10', false), report('C', '2026-11-25')],
        threshold,
      ),
    ).toEqual([]);
  });

  it('crosses once while reports keep coming, and again only after enough aged out', () => {
    const reports = [
      report('A', '2026-01-01'),
      report('B', '2026-01-02'),
      report('C', '2026-01-03'),
      report('D', '2026-01-04'),
      report('E', '2026-03-01'),
      report('F', '2026-03-02'),
      report('G', '2026-03-03'),
    ];
    expect(thresholdCrossings(reports, threshold)).toEqual([
      ['A', 'B', 'C'],
      ['E', 'F', 'G'],
    ]);
    expect(thresholdCrossings(reports, { reports: 4, days: 30 })).toEqual([['A', 'B', 'C', 'D']]);
  });

  it('counts a report corrected to serious', () => {
    const events: VigilanceReportEvent[] = [
      filed({ reportId: 'A', seriousness: 'non_serious' }),
      filed({ reportId: 'B' }),
      filed({ reportId: 'C' }),
      { type: 'VigilanceReportCorrected', data: { reportId: 'A', changes: { seriousness: 'serious' }, reason: 'r' } },
    ];
    expect(thresholdCrossings(subjectReports(events), threshold)).toEqual([['A', 'B', 'C']]);
  });

  it('raises a signal once', () => {
    const signal: VigilanceSignalRaised = {
      signalId: 'S1',
      subject: { kind: 'batch', gtin: '03400930000014', lot: 'L1' },
      reportIds: ['A', 'B', 'C'],
      threshold,
    };
    const given = specification(vigilanceSignalDecider);
    given([])
      .when({ type: 'RaiseVigilanceSignal', signal })
      .then([{ type: 'VigilanceSignalRaised', data: signal }]);
    given([{ type: 'VigilanceSignalRaised', data: signal }])
      .when({ type: 'RaiseVigilanceSignal', signal })
      .then([]);
  });

  it('keeps the threshold ANSM set, 3 in 30 days by default', () => {
    expect(vigilanceThresholdDecider.initialState()).toEqual({ reports: 3, days: 30 });
    specification(vigilanceThresholdDecider)([])
      .when({ type: 'SetVigilanceThreshold', threshold: { reports: 5, days: 60 } })
      .then([{ type: 'VigilanceThresholdSet', data: { reports: 5, days: 60 } }]);
    specification(vigilanceThresholdDecider)([{ type: 'VigilanceThresholdSet', data: { reports: 5, days: 60 } }])
      .when({ type: 'SetVigilanceThreshold', threshold: { reports: 5, days: 60 } })
      .then([]);
    specification(vigilanceThresholdDecider)([])
      .when({ type: 'SetVigilanceThreshold', threshold: { reports: 3, days: 30 } })
      .then([]);
  });
});
