import { CONSULTATION_DECISIONS, STOP_REASONS } from '#domain';
import type { AnnualSummary, DispensationsPerMonthRow, PatientsPerIndicationRow, VigilanceRateRow } from '#read-models';
import type { CsvColumn } from './csv.js';

/** The CSV columns of each report: its JSON rows' fields, nested ones named with a dot. */
export const PATIENTS_COLUMNS: CsvColumn<PatientsPerIndicationRow>[] = [
  { name: 'month', value: (r) => r.month },
  { name: 'indication', value: (r) => r.indication },
  { name: 'cap', value: (r) => r.cap },
  { name: 'included', value: (r) => r.included },
  { name: 'active', value: (r) => r.active },
  { name: 'stopped', value: (r) => r.stopped },
  { name: 'includedInMonth', value: (r) => r.includedInMonth },
  { name: 'stoppedInMonth', value: (r) => r.stoppedInMonth },
  ...STOP_REASONS.map((reason) => ({
    name: `stoppedByReason.${reason}`,
    value: (r: PatientsPerIndicationRow) => r.stoppedByReason[reason],
  })),
];

export const DISPENSATIONS_COLUMNS: CsvColumn<DispensationsPerMonthRow>[] = [
  { name: 'month', value: (r) => r.month },
  { name: 'region', value: (r) => r.region },
  { name: 'regionName', value: (r) => r.regionName },
  { name: 'gtin', value: (r) => r.gtin },
  { name: 'productName', value: (r) => r.productName },
  { name: 'dispensations', value: (r) => r.dispensations },
  { name: 'packs', value: (r) => r.packs },
  { name: 'patients', value: (r) => r.patients },
];

export const VIGILANCE_COLUMNS: CsvColumn<VigilanceRateRow>[] = [
  { name: 'gtin', value: (r) => r.gtin },
  { name: 'lot', value: (r) => r.lot },
  { name: 'reports', value: (r) => r.reports },
  { name: 'serious', value: (r) => r.serious },
  { name: 'nonSerious', value: (r) => r.nonSerious },
  { name: 'adverseEffect', value: (r) => r.adverseEffect },
  { name: 'abuseDependence', value: (r) => r.abuseDependence },
  { name: 'patientsExposed', value: (r) => r.patientsExposed },
  { name: 'ratePer1000', value: (r) => r.ratePer1000 },
  { name: 'seriousRatePer1000', value: (r) => r.seriousRatePer1000 },
];

/** The summary is one record: in CSV, a line per figure, named by its JSON path. */
export interface SummaryFigure {
  figure: string;
  value: string | number;
}

export const SUMMARY_COLUMNS: CsvColumn<SummaryFigure>[] = [
  { name: 'figure', value: (r) => r.figure },
  { name: 'value', value: (r) => r.value },
];

export function summaryFigures(s: AnnualSummary): SummaryFigure[] {
  return [
    { figure: 'gtin', value: s.gtin },
    { figure: 'productName', value: s.productName },
    { figure: 'exploitantId', value: s.exploitantId },
    { figure: 'year', value: s.year },
    { figure: 'dispensations', value: s.dispensations },
    { figure: 'packs', value: s.packs },
    { figure: 'patients', value: s.patients },
    ...s.patientsByIndication.map((p) => ({ figure: `patientsByIndication.${p.indication}`, value: p.patients })),
    { figure: 'consultations.total', value: s.consultations.total },
    { figure: 'consultations.renewal', value: s.consultations.renewal },
    { figure: 'consultations.longConsultation', value: s.consultations.longConsultation },
    ...CONSULTATION_DECISIONS.map((d) => ({
      figure: `consultations.byDecision.${d}`,
      value: s.consultations.byDecision[d],
    })),
    { figure: 'stops.total', value: s.stops.total },
    ...STOP_REASONS.map((reason) => ({ figure: `stops.byReason.${reason}`, value: s.stops.byReason[reason] })),
    { figure: 'vigilanceReports.total', value: s.vigilanceReports.total },
    { figure: 'vigilanceReports.serious', value: s.vigilanceReports.serious },
    { figure: 'vigilanceReports.nonSerious', value: s.vigilanceReports.nonSerious },
    { figure: 'vigilanceReports.adverseEffect', value: s.vigilanceReports.adverseEffect },
    { figure: 'vigilanceReports.abuseDependence', value: s.vigilanceReports.abuseDependence },
  ];
}
