import { ReportAsOfRow } from './report-as-of.entity.js';
import { ReportCapRow } from './report-cap.entity.js';
import { ReportConsultationRow } from './report-consultation.entity.js';
import { ReportDispensationRow } from './report-dispensation.entity.js';
import { ReportOrganisationRow } from './report-organisation.entity.js';
import { ReportPatientRow } from './report-patient.entity.js';
import { ReportPrescriptionRow } from './report-prescription.entity.js';
import { ReportProductRow } from './report-product.entity.js';
import { ReportVigilanceRow } from './report-vigilance.entity.js';

export {
  ReportAsOfRow,
  ReportCapRow,
  ReportConsultationRow,
  ReportDispensationRow,
  ReportOrganisationRow,
  ReportPatientRow,
  ReportPrescriptionRow,
  ReportProductRow,
  ReportVigilanceRow,
};

/** The tables of the regulator's reports, all kept by the one report projection. */
export const REPORT_ENTITIES = [
  ReportOrganisationRow,
  ReportProductRow,
  ReportCapRow,
  ReportPatientRow,
  ReportPrescriptionRow,
  ReportDispensationRow,
  ReportConsultationRow,
  ReportVigilanceRow,
  ReportAsOfRow,
];
