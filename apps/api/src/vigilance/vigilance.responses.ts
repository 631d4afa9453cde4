import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTCOMES, REGION_CODES, SERIOUSNESS, VIGILANCE_KINDS } from '#domain';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';
import { BatchTraceResponse } from '../trace/trace.responses.js';

export class VigilanceReportFiledResponse extends CommandAnswerResponse {
  @ApiProperty({
    description: 'The report’s id (derived from the command: the same on a retry)',
    example: '3f2a1c9e-7b4d-5e8f-9a0b-1c2d3e4f5a6b',
  })
  reportId!: string;

  @ApiProperty({
    type: [String],
    description: 'Signals raised (or found already raised) with this report among their reports',
    example: ['8d1e2f3a-4b5c-5d6e-8f7a-9b0c1d2e3f4a'],
  })
  signals!: string[];
}

export class VigilanceCentreResponse {
  @ApiProperty({
    enum: ['CRPV', 'CEIP-A'],
    description: 'Pharmacovigilance (CRPV) or addictovigilance (CEIP-A)',
    example: 'CRPV',
  })
  kind!: string;

  @ApiProperty({ description: 'The centre’s id in cannatrace’s reference table', example: 'CRPV-LYON' })
  id!: string;

  @ApiProperty({ description: 'Its name', example: 'CRPV de Lyon' })
  name!: string;
}

export class VigilanceBatchResponse {
  @ApiProperty({ description: 'GTIN-14 of the product', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot of the batch', example: 'L2026-001' })
  lot!: string;
}

export class VigilanceReporterResponse {
  @ApiProperty({ enum: ['prescriber', 'pharmacist'], description: 'Who filed it', example: 'pharmacist' })
  role!: string;

  @ApiProperty({ description: 'The reporter’s RPPS number', example: '10000000002' })
  rpps!: string;

  @ApiProperty({ description: 'The reporter’s organisation', example: 'PH-CENTRE' })
  organisationId!: string;
}

/** What a report and its summary share. */
class VigilanceReportFields {
  @ApiProperty({ description: 'The report’s id', example: '3f2a1c9e-7b4d-5e8f-9a0b-1c2d3e4f5a6b' })
  reportId!: string;

  @ApiProperty({ enum: VIGILANCE_KINDS, description: 'Adverse effect or abuse/dependence', example: 'adverse_effect' })
  kind!: string;

  @ApiProperty({ description: 'The patient’s pseudonym', example: 'CT-7AFG3H3YAQ90HCBC1' })
  patientId!: string;

  @ApiProperty({ enum: SERIOUSNESS, description: 'Seriousness, as last corrected', example: 'serious' })
  seriousness!: string;

  @ApiProperty({ description: 'When the effect began', example: '2026-11-20' })
  onsetOn!: string;

  @ApiProperty({ enum: OUTCOMES, description: 'The outcome, as last corrected or followed up', example: 'recovering' })
  outcome!: string;

  @ApiProperty({ type: VigilanceReporterResponse, description: 'Who filed it' })
  reporter!: VigilanceReporterResponse;

  @ApiProperty({ enum: REGION_CODES, description: 'The reporter organisation’s region (INSEE code)', example: '84' })
  region!: string;

  @ApiProperty({ type: VigilanceCentreResponse, description: 'The centre the report is routed to' })
  centre!: VigilanceCentreResponse;

  @ApiProperty({ type: [VigilanceBatchResponse], description: 'The batches dispensed to the patient when filed' })
  batches!: VigilanceBatchResponse[];

  @ApiProperty({ type: [String], description: 'Their products (GTINs)', example: ['03400930000014'] })
  products!: string[];

  @ApiProperty({ description: 'The day it was filed (Paris)', example: '2026-11-25' })
  filedOn!: string;
}

export class VigilanceReportSummaryResponse extends VigilanceReportFields {
  @ApiProperty({ description: 'Follow-ups added', example: 1 })
  followUps!: number;

  @ApiProperty({ description: 'Corrections made', example: 0 })
  corrections!: number;
}

export class VigilanceCorrectionResponse {
  @ApiProperty({
    type: Object,
    description: 'The fields the correction changed, with their new values (and `centre` when the kind changed)',
    example: { seriousness: 'serious' },
  })
  changes!: Record<string, unknown>;

  @ApiProperty({ description: 'Why', example: 'Seriousness reassessed after hospitalisation' })
  reason!: string;

  @ApiProperty({ description: 'When the correction was made', example: '2026-11-26T09:12:00.000Z' })
  recordedAt!: string;
}

export class VigilanceFollowUpResponse {
  @ApiPropertyOptional({ enum: OUTCOMES, description: 'The outcome then, when it changed', example: 'recovered' })
  outcome?: string;

  @ApiProperty({ description: 'The follow-up’s free text', example: 'Résolution complète après arrêt' })
  narrative!: string;

  @ApiProperty({ description: 'The day it was added', example: '2026-12-02' })
  addedOn!: string;
}

export class VigilanceReportResponse extends VigilanceReportFields {
  @ApiProperty({
    description: 'The reporter’s free text, as last corrected',
    example: 'Somnolence marquée deux heures après la prise',
  })
  narrative!: string;

  @ApiProperty({ type: [VigilanceCorrectionResponse], description: 'Every correction, oldest first' })
  corrections!: VigilanceCorrectionResponse[];

  @ApiProperty({ type: [VigilanceFollowUpResponse], description: 'Every follow-up, oldest first' })
  followUps!: VigilanceFollowUpResponse[];
}

export class VigilanceThresholdResponse {
  @ApiProperty({ description: 'Serious reports on one batch or product that raise a signal', example: 3 })
  reports!: number;

  @ApiProperty({ description: 'Within this many days', example: 30 })
  days!: number;
}

export class VigilanceThresholdSetResponse extends CommandAnswerResponse {
  @ApiProperty({ description: 'Serious reports that raise a signal', example: 3 })
  reports!: number;

  @ApiProperty({ description: 'Within this many days', example: 30 })
  days!: number;
}

export class SignalSubjectResponse {
  @ApiProperty({ enum: ['batch', 'product'], description: 'A batch or a whole product', example: 'batch' })
  kind!: string;

  @ApiProperty({ description: 'GTIN-14 of the product', example: '03400930000014' })
  gtin!: string;

  @ApiPropertyOptional({ description: 'The batch’s lot (a batch’s signal only)', example: 'L2026-001' })
  lot?: string;
}

export class VigilanceSignalSummaryResponse {
  @ApiProperty({
    description: 'The signal’s id (derived from its subject and reports)',
    example: '8d1e2f3a-4b5c-5d6e-8f7a-9b0c1d2e3f4a',
  })
  signalId!: string;

  @ApiProperty({ type: SignalSubjectResponse, description: 'What the reports concern' })
  subject!: SignalSubjectResponse;

  @ApiProperty({
    type: [String],
    description: 'The serious reports that crossed the threshold, oldest first',
    example: ['3f2a1c9e-7b4d-5e8f-9a0b-1c2d3e4f5a6b'],
  })
  reportIds!: string[];

  @ApiProperty({ type: VigilanceThresholdResponse, description: 'The threshold they crossed' })
  threshold!: VigilanceThresholdResponse;

  @ApiProperty({ description: 'When it was raised', example: '2026-11-25T10:40:00.000Z' })
  raisedAt!: string;
}

export class VigilanceSignalResponse extends VigilanceSignalSummaryResponse {
  @ApiProperty({ type: [VigilanceReportResponse], description: 'The reports, as they stand' })
  reports!: VigilanceReportResponse[];

  @ApiProperty({
    type: [BatchTraceResponse],
    description: 'The batch’s trace (a product’s signal: the trace of each of its batches the reports name)',
  })
  traces!: BatchTraceResponse[];
}

export class SignalHeldBatchResponse {
  @ApiProperty({ description: 'GTIN-14 of the batch', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Its lot', example: 'L2026-001' })
  lot!: string;

  @ApiProperty({ description: 'Put on hold by this signal (now or by an earlier click)', example: true })
  held!: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'The hold’s event ids (held only)',
    example: ['0b8f3c1e-5d2a-5e4f-9a1b-2c3d4e5f6a7b'],
  })
  eventIds?: string[];

  @ApiPropertyOptional({ description: 'The batch’s stream (held only)', example: 'batch-03400930000014-L2026-001' })
  stream?: string;

  @ApiPropertyOptional({ description: 'Its revision after the hold (held only)', example: 4 })
  revision?: number;

  @ApiPropertyOptional({
    description:
      'Why it was not held (not held only): `batch_on_hold` (held already, by another decision) or `batch_recalled`',
    example: 'batch_on_hold',
  })
  rule?: string;
}

export class SignalHoldResponse {
  @ApiProperty({ description: 'The signal', example: '8d1e2f3a-4b5c-5d6e-8f7a-9b0c1d2e3f4a' })
  signalId!: string;

  @ApiProperty({ type: [SignalHeldBatchResponse], description: 'Each batch the hold concerns' })
  batches!: SignalHeldBatchResponse[];
}
