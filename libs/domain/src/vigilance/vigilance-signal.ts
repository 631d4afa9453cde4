import type { Decider } from '../shared/decider.js';
import { daysBetween, type IsoDate } from '../shared/dates.js';
import type { VigilanceThreshold } from './vigilance-thresholds.js';
import type { VigilanceReportEvent } from './vigilance-report.js';

export type SignalSubject = { kind: 'batch'; gtin: string; lot: string } | { kind: 'product'; gtin: string };

export interface VigilanceSignalRaised {
  signalId: string;
  subject: SignalSubject;
  reportIds: string[];
  threshold: VigilanceThreshold;
}

export const vigilanceSignalStream = (signalId: string) => `vigilance-signal-${signalId}`;
const SIGNAL_STREAM = /^vigilance-signal-(.+)$/;
/** The signal id of a signal's stream name; undefined for any other stream. */
export const vigilanceSignalOf = (stream: string) => SIGNAL_STREAM.exec(stream)?.[1];

/**
 * The key under which the store indexes a subject's report events (the events' `batchKeys`): a batch's own key is
 * `{gtin}-{lot}`, so these never mix with a batch's history. A GTIN is 14 digits: the key reads back unambiguously.
 */
export function vigilanceSubjectKey(subject: SignalSubject): string {
  return subject.kind === 'batch'
    ? `vigilance:batch:${subject.gtin}:${subject.lot}`
    : `vigilance:product:${subject.gtin}`;
}

/** Every subject a report counts towards: each batch the patient received, and each product. */
export function subjectsOf(report: { batches: { gtin: string; lot: string }[]; products: string[] }): SignalSubject[] {
  return [
    ...report.batches.map((b): SignalSubject => ({ kind: 'batch', gtin: b.gtin, lot: b.lot })),
    ...report.products.map((gtin): SignalSubject => ({ kind: 'product', gtin })),
  ];
}

export interface SubjectReport {
  reportId: string;
  filedOn: IsoDate;
  serious: boolean;
}

/** A subject's reports, in the order given (the store's), with their seriousness as last corrected. */
export function subjectReports(events: VigilanceReportEvent[]): SubjectReport[] {
  const reports = new Map<string, SubjectReport>();
  for (const event of events) {
    if (event.type === 'VigilanceReportFiled') {
      const { reportId, filedOn, seriousness } = event.data;
      reports.set(reportId, { reportId, filedOn, serious: seriousness === 'serious' });
    } else if (event.type === 'VigilanceReportCorrected' && event.data.changes.seriousness !== undefined) {
      const report = reports.get(event.data.reportId);
      if (report) report.serious = event.data.changes.seriousness === 'serious';
    }
  }
  return [...reports.values()];
}

/**
 * Every crossing of the threshold among a subject's reports, in the order they were filed: a serious report
 * crosses it when, with it, the serious reports filed within `days` days up to its filing date (that day
 * included: 30 days are the day and the 29 before) number exactly `reports`. While more keep coming the count
 * stays over and nothing is crossed again; once enough have aged out, reaching the number again is a new crossing.
 * Each crossing lists its reports, oldest first.
 */
export function thresholdCrossings(reports: SubjectReport[], threshold: VigilanceThreshold): string[][] {
  const crossings: string[][] = [];
  const serious = reports.filter((r) => r.serious);
  let oldest = 0;
  for (let i = 0; i < serious.length; i++) {
    // Filing dates follow the store's order (each report is filed on the day it reaches cannatrace).
    while (daysBetween(serious[oldest].filedOn, serious[i].filedOn) >= threshold.days) oldest++;
    if (i - oldest + 1 === threshold.reports) crossings.push(serious.slice(oldest, i + 1).map((r) => r.reportId));
  }
  return crossings;
}

export type VigilanceSignalCommand = { type: 'RaiseVigilanceSignal'; signal: VigilanceSignalRaised };
export type VigilanceSignalEvent = { type: 'VigilanceSignalRaised'; data: VigilanceSignalRaised };
export type VigilanceSignalState = { status: 'none' } | ({ status: 'raised' } & VigilanceSignalRaised);

/** A signal is raised once: its id names its subject and reports, and raising it again writes nothing. */
export const vigilanceSignalDecider: Decider<VigilanceSignalCommand, VigilanceSignalEvent, VigilanceSignalState> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => ({ status: 'raised', ...event.data }),
  decide: (command, state) =>
    state.status === 'raised' ? [] : [{ type: 'VigilanceSignalRaised', data: command.signal }],
};
