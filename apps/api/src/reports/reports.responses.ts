import { ApiProperty } from '@nestjs/swagger';
import { INDICATIONS } from '#domain';

export class ReportAsOfResponse {
  @ApiProperty({
    description: 'Global position of the last event the report read models had applied (`start`: none yet)',
    example: '1042/1043',
  })
  position!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the store recorded that event (null: none yet)',
    example: '2026-03-02T10:00:00.000Z',
  })
  recordedAt!: string | null;
}

export class StopReasonCountsResponse {
  @ApiProperty({ description: 'Stopped for inefficacy', example: 1 })
  inefficacy!: number;

  @ApiProperty({ description: 'Stopped for an adverse effect', example: 0 })
  adverse_effect!: number;

  @ApiProperty({ description: "Stopped by the patient's choice", example: 0 })
  patient_choice!: number;

  @ApiProperty({ description: 'Stopped on recovery', example: 0 })
  recovery!: number;

  @ApiProperty({ description: 'Stopped by death', example: 0 })
  death!: number;

  @ApiProperty({ description: 'Stopped for another reason', example: 0 })
  other!: number;
}

export class PatientsPerIndicationRowResponse {
  @ApiProperty({ description: 'The month, YYYY-MM; every figure stands at its last day', example: '2026-03' })
  month!: string;

  @ApiProperty({ enum: INDICATIONS, description: 'The indication', example: 'EPILEPSY' })
  indication!: string;

  @ApiProperty({ description: 'The cap in force at the month’s end', example: 500 })
  cap!: number;

  @ApiProperty({ description: 'Patients included by the month’s end (includedOn), stopped or not', example: 12 })
  included!: number;

  @ApiProperty({ description: 'Included and not stopped by the month’s end: what the cap counts', example: 11 })
  active!: number;

  @ApiProperty({ description: 'Stopped by the month’s end (stoppedOn)', example: 1 })
  stopped!: number;

  @ApiProperty({ description: 'Included during the month', example: 3 })
  includedInMonth!: number;

  @ApiProperty({ description: 'Stopped during the month', example: 1 })
  stoppedInMonth!: number;

  @ApiProperty({ type: StopReasonCountsResponse, description: '`stopped`, by reason' })
  stoppedByReason!: StopReasonCountsResponse;
}

export class PatientsPerIndicationResponse {
  @ApiProperty({ type: ReportAsOfResponse, description: 'The event the figures stand at' })
  asOf!: ReportAsOfResponse;

  @ApiProperty({ description: 'First month', example: '2026-01' })
  from!: string;

  @ApiProperty({ description: 'Last month', example: '2026-03' })
  to!: string;

  @ApiProperty({ type: [PatientsPerIndicationRowResponse], description: 'One row per month and indication' })
  rows!: PatientsPerIndicationRowResponse[];
}

export class DispensationsPerMonthRowResponse {
  @ApiProperty({ description: 'The month of the dispensations (dispensedOn), YYYY-MM', example: '2026-03' })
  month!: string;

  @ApiProperty({ description: "INSEE code of the pharmacy's region, or `unknown`", example: '11' })
  region!: string;

  @ApiProperty({ nullable: true, type: String, description: 'Its name (null when unknown)', example: 'Île-de-France' })
  regionName!: string | null;

  @ApiProperty({ description: 'The product', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ nullable: true, type: String, description: 'Its name', example: 'Huile THC/CBD 10/10' })
  productName!: string | null;

  @ApiProperty({ description: 'Dispensations', example: 42 })
  dispensations!: number;

  @ApiProperty({ description: 'Packs dispensed', example: 51 })
  packs!: number;

  @ApiProperty({ description: 'Distinct patients dispensed', example: 30 })
  patients!: number;
}

export class DispensationsPerMonthResponse {
  @ApiProperty({ type: ReportAsOfResponse, description: 'The event the figures stand at' })
  asOf!: ReportAsOfResponse;

  @ApiProperty({ description: 'First month', example: '2026-01' })
  from!: string;

  @ApiProperty({ description: 'Last month', example: '2026-03' })
  to!: string;

  @ApiProperty({
    type: [DispensationsPerMonthRowResponse],
    description: 'One row per month, region and product with any dispensation',
  })
  rows!: DispensationsPerMonthRowResponse[];
}

export class VigilanceRateRowResponse {
  @ApiProperty({ description: 'The product', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The batch; null on the product’s own row', example: 'L1' })
  lot!: string | null;

  @ApiProperty({ description: 'Reports filed in the period (filedOn) naming it, as last corrected', example: 2 })
  reports!: number;

  @ApiProperty({ description: 'Of which serious', example: 1 })
  serious!: number;

  @ApiProperty({ description: 'Of which non serious', example: 1 })
  nonSerious!: number;

  @ApiProperty({ description: 'Adverse-effect reports (pharmacovigilance)', example: 2 })
  adverseEffect!: number;

  @ApiProperty({ description: 'Abuse or dependence reports (addictovigilance)', example: 0 })
  abuseDependence!: number;

  @ApiProperty({ description: 'Denominator: distinct patients dispensed it in the period (dispensedOn)', example: 3 })
  patientsExposed!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'reports x 1000 / patientsExposed, two decimals; null when no patient was exposed',
    example: 666.67,
  })
  ratePer1000!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'The same for serious reports', example: 333.33 })
  seriousRatePer1000!: number | null;
}

export class VigilanceRatesResponse {
  @ApiProperty({ type: ReportAsOfResponse, description: 'The event the figures stand at' })
  asOf!: ReportAsOfResponse;

  @ApiProperty({ description: 'First month', example: '2026-01' })
  from!: string;

  @ApiProperty({ description: 'Last month', example: '2026-03' })
  to!: string;

  @ApiProperty({ type: [VigilanceRateRowResponse], description: 'A row per product, then one per batch of it' })
  rows!: VigilanceRateRowResponse[];
}

export class IndicationPatientsResponse {
  @ApiProperty({ description: 'The indication (`unknown` for a prescription not found)', example: 'EPILEPSY' })
  indication!: string;

  @ApiProperty({ description: 'Patients dispensed the product in the year for it', example: 3 })
  patients!: number;
}

export class DecisionCountsResponse {
  @ApiProperty({ description: 'Treatment continued', example: 4 })
  continue!: number;

  @ApiProperty({ description: 'Product changed', example: 0 })
  change_product!: number;

  @ApiProperty({ description: 'Dose changed', example: 1 })
  change_dose!: number;

  @ApiProperty({ description: 'Treatment stopped', example: 1 })
  stop!: number;
}

export class SummaryConsultationsResponse {
  @ApiProperty({ description: 'Consultations in the year of the patients', example: 6 })
  total!: number;

  @ApiProperty({ description: 'Renewal consultations', example: 5 })
  renewal!: number;

  @ApiProperty({ description: 'Long consultations at the reference structure', example: 1 })
  longConsultation!: number;

  @ApiProperty({ type: DecisionCountsResponse, description: 'By decision' })
  byDecision!: DecisionCountsResponse;
}

export class SummaryStopsResponse {
  @ApiProperty({ description: 'Treatments of the patients stopped in the year', example: 1 })
  total!: number;

  @ApiProperty({ type: StopReasonCountsResponse, description: 'By reason' })
  byReason!: StopReasonCountsResponse;
}

export class SummaryVigilanceResponse {
  @ApiProperty({ description: 'Reports filed in the year naming the product', example: 2 })
  total!: number;

  @ApiProperty({ description: 'Serious', example: 1 })
  serious!: number;

  @ApiProperty({ description: 'Non serious', example: 1 })
  nonSerious!: number;

  @ApiProperty({ description: 'Adverse effect', example: 2 })
  adverseEffect!: number;

  @ApiProperty({ description: 'Abuse or dependence', example: 0 })
  abuseDependence!: number;
}

export class AnnualSummaryResponse {
  @ApiProperty({ type: ReportAsOfResponse, description: 'The event the figures stand at' })
  asOf!: ReportAsOfResponse;

  @ApiProperty({ description: 'The product', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Its name', example: 'Huile THC/CBD 10/10' })
  productName!: string;

  @ApiProperty({ description: 'The exploitant holding it', example: 'EXP-1' })
  exploitantId!: string;

  @ApiProperty({ description: 'The year', example: 2026 })
  year!: number;

  @ApiProperty({ description: 'Dispensations of the product in the year', example: 40 })
  dispensations!: number;

  @ApiProperty({ description: 'Packs dispensed in the year', example: 52 })
  packs!: number;

  @ApiProperty({ description: 'Distinct patients dispensed it in the year: the summary’s patients', example: 7 })
  patients!: number;

  @ApiProperty({ type: [IndicationPatientsResponse], description: 'Those patients by indication' })
  patientsByIndication!: IndicationPatientsResponse[];

  @ApiProperty({ type: SummaryConsultationsResponse, description: 'Their consultations in the year' })
  consultations!: SummaryConsultationsResponse;

  @ApiProperty({ type: SummaryStopsResponse, description: 'Their treatments stopped in the year' })
  stops!: SummaryStopsResponse;

  @ApiProperty({
    type: SummaryVigilanceResponse,
    description: 'Vigilance reports filed in the year naming the product',
  })
  vigilanceReports!: SummaryVigilanceResponse;
}
