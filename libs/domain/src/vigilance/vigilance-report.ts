import type { OrganisationState } from '../organisation/organisation.js';
import type { Region } from '../organisation/regions.js';
import type { Decider } from '../shared/decider.js';
import type { IsoDate } from '../shared/dates.js';
import { duplicate, notFound, refuse } from '../shared/domain-error.js';
import { centreFor, type VigilanceCentre, type VigilanceKind } from './centres.js';

export const SERIOUSNESS = ['serious', 'non_serious'] as const;
export type Seriousness = (typeof SERIOUSNESS)[number];
export const OUTCOMES = ['recovered', 'recovering', 'not_recovered', 'sequelae', 'fatal', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const vigilanceReportStream = (reportId: string) => `vigilance-report-${reportId}`;
const REPORT_STREAM = /^vigilance-report-(.+)$/;
/** The report id of a report's stream name; undefined for any other stream. */
export const vigilanceReportOf = (stream: string) => REPORT_STREAM.exec(stream)?.[1];

export interface VigilanceReporter {
  role: 'prescriber' | 'pharmacist';
  rpps: string;
  organisationId: string;
}

export interface BatchRef {
  gtin: string;
  lot: string;
}

/** What the reporter says. `narrative` is free text: never in logs, webhooks or other organisations' streams. */
export interface VigilanceDeclaration {
  kind: VigilanceKind;
  patientId: string;
  seriousness: Seriousness;
  onsetOn: IsoDate;
  outcome: Outcome;
  narrative: string;
}

export interface VigilanceReportFiled extends VigilanceDeclaration {
  reportId: string;
  reporter: VigilanceReporter;
  region: Region;
  centre: VigilanceCentre;
  /** The batches the patient received, from its dispensations. */
  batches: BatchRef[];
  /** Their GTINs. */
  products: string[];
  filedOn: IsoDate;
}

/** The filed fields a correction may change; a change of kind routes the report again (`centre`). */
export type VigilanceCorrection = Partial<
  Pick<VigilanceDeclaration, 'kind' | 'seriousness' | 'onsetOn' | 'outcome' | 'narrative'>
>;

export type VigilanceReportEvent =
  | { type: 'VigilanceReportFiled'; data: VigilanceReportFiled }
  | {
      type: 'VigilanceReportCorrected';
      data: { reportId: string; changes: VigilanceCorrection & { centre?: VigilanceCentre }; reason: string };
    }
  | {
      type: 'VigilanceFollowUpAdded';
      data: { reportId: string; outcome?: Outcome; narrative: string; addedOn: IsoDate };
    };

export type VigilanceReportState =
  { status: 'unknown' } | ({ status: 'filed'; followUps: number } & VigilanceReportFiled);

export type VigilanceReportCommand =
  | {
      type: 'FileVigilanceReport';
      reportId: string;
      declaration: VigilanceDeclaration;
      reporter: VigilanceReporter;
      /** The reporter's organisation as it stands: its region routes the report. */
      organisation: OrganisationState;
      /** The patient is one the reporter cares for (the pharmacy dispensed to it, the prescriber prescribed). */
      inCare: boolean;
      /** Every batch dispensed to the patient. */
      dispensed: BatchRef[];
      today: IsoDate;
    }
  | {
      type: 'CorrectVigilanceReport';
      reportId: string;
      changes: VigilanceCorrection;
      reason: string;
      by: { rpps: string };
    }
  | {
      type: 'AddVigilanceFollowUp';
      reportId: string;
      outcome?: Outcome;
      narrative: string;
      by: { rpps: string };
      today: IsoDate;
    };

export const vigilanceReportDecider: Decider<VigilanceReportCommand, VigilanceReportEvent, VigilanceReportState> = {
  initialState: () => ({ status: 'unknown' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'VigilanceReportFiled':
        return { status: 'filed', followUps: 0, ...event.data };
      case 'VigilanceReportCorrected':
        // Fixed fields replaced: the state never grows with corrections.
        return state.status === 'filed' ? Object.assign(state, event.data.changes) : state;
      case 'VigilanceFollowUpAdded':
        if (state.status !== 'filed') return state;
        state.followUps += 1;
        if (event.data.outcome !== undefined) state.outcome = event.data.outcome;
        return state;
    }
  },
  decide: (command, state) => {
    if (command.type === 'FileVigilanceReport') return file(command, state);
    if (state.status !== 'filed' || state.reporter.rpps !== command.by.rpps) {
      // Whoever may not change a report is not told it exists.
      throw notFound('vigilance_report_unknown', `no vigilance report ${command.reportId} of yours`);
    }
    if (command.type === 'AddVigilanceFollowUp') {
      return [
        {
          type: 'VigilanceFollowUpAdded',
          data: {
            reportId: command.reportId,
            ...(command.outcome !== undefined ? { outcome: command.outcome } : {}),
            narrative: command.narrative,
            addedOn: command.today,
          },
        },
      ];
    }
    const changes: VigilanceCorrection & { centre?: VigilanceCentre } = {};
    for (const [field, value] of Object.entries(command.changes) as [keyof VigilanceCorrection, string][]) {
      if (value !== undefined && value !== state[field]) Object.assign(changes, { [field]: value });
    }
    if (Object.keys(changes).length === 0)
      throw refuse('correction_changes_nothing', 'the correction changes no field of the report');
    if (changes.onsetOn !== undefined && changes.onsetOn > state.filedOn)
      throw refuse('onset_after_filing', 'the onset cannot come after the report was filed');
    if (changes.kind !== undefined) changes.centre = centreFor(changes.kind, state.region);
    return [
      { type: 'VigilanceReportCorrected', data: { reportId: command.reportId, changes, reason: command.reason } },
    ];
  },
};

function file(
  command: Extract<VigilanceReportCommand, { type: 'FileVigilanceReport' }>,
  state: VigilanceReportState,
): VigilanceReportEvent[] {
  const { declaration, organisation, reporter, reportId } = command;
  if (state.status === 'filed') throw duplicate('vigilance_report_exists', `report ${reportId} is already filed`);
  if (!command.inCare)
    throw notFound(
      'patient_not_in_care',
      `no patient ${declaration.patientId} among those you dispensed to or prescribed for`,
    );
  if (organisation.status !== 'registered' || organisation.region === undefined)
    throw refuse(
      'organisation_without_region',
      `organisation ${reporter.organisationId} has no region: its reports cannot be routed to a regional centre`,
    );
  if (declaration.onsetOn > command.today)
    throw refuse('onset_after_filing', 'the onset cannot come after the report is filed');
  const batches = new Map(command.dispensed.map((b) => [`${b.gtin}\u0000${b.lot}`, { gtin: b.gtin, lot: b.lot }]));
  return [
    {
      type: 'VigilanceReportFiled',
      data: {
        reportId,
        ...declaration,
        reporter,
        region: organisation.region,
        centre: centreFor(declaration.kind, organisation.region),
        batches: [...batches.values()],
        products: [...new Set(command.dispensed.map((b) => b.gtin))],
        filedOn: command.today,
      },
    },
  ];
}
