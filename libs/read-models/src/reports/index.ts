export { readReport, reportAsOf, type ReportAsOf } from './as-of.js';
export { annualSummary, reportedProduct, type AnnualSummary } from './annual-summary.js';
export { dispensationsPerMonth, type DispensationsPerMonthRow } from './dispensations-per-month.js';
export { patientsPerIndication, type PatientsPerIndicationRow } from './patients-per-indication.js';
export type { MonthPeriod } from './period.js';
export { ratePerThousand } from './rates.js';
export { vigilanceRates, type VigilanceRateRow } from './vigilance-rates.js';
