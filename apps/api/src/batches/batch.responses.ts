import { ApiProperty } from '@nestjs/swagger';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';

export class BatchRegisteredResponse extends CommandAnswerResponse {
  @ApiProperty({ description: 'GTIN-14 of the product', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot number of the batch', example: 'L2026-001' })
  lot!: string;
}

export class AnalysisFailureResponse {
  @ApiProperty({ description: 'The cannabinoid or contaminant at fault', example: 'lead' })
  analyte!: string;

  @ApiProperty({ nullable: true, description: 'The value measured; null when required and not measured', example: 7.2 })
  value!: number | null;

  @ApiProperty({ description: 'The bound that was crossed, or the limit a missing result had to meet', example: 5 })
  limit!: number;

  @ApiProperty({
    enum: ['below_declared_tolerance', 'above_declared_tolerance', 'above_contaminant_limit', 'missing_result'],
    description: 'Which rule the result breaks',
    example: 'above_contaminant_limit',
  })
  rule!: string;
}

export class AnalysisRecordedResponse extends CommandAnswerResponse {
  @ApiProperty({ description: 'The certificate conforms to the product’s specification', example: false })
  conformant!: boolean;

  @ApiProperty({ type: [AnalysisFailureResponse], description: 'Every failure against the specification' })
  failures!: AnalysisFailureResponse[];
}

export class SiteHoldingResponse {
  @ApiProperty({ description: 'A site still holding packs of the batch', example: 'PH-CENTRE' })
  organisationId!: string;

  @ApiProperty({ description: 'Packs it holds', example: 3 })
  onHand!: number;
}

export class RecallImpactResponse {
  @ApiProperty({ type: [SiteHoldingResponse], description: 'Sites still holding packs: each returns or destroys them' })
  sitesHolding!: SiteHoldingResponse[];

  @ApiProperty({
    type: [String],
    description: 'Pseudonyms of the patients who received packs, for their prescribers to contact',
    example: ['PSN-7F3A9C21'],
  })
  patients!: string[];
}

export class BatchRecalledResponse extends CommandAnswerResponse {
  @ApiProperty({ type: RecallImpactResponse, description: 'Who holds packs and who received them, at the recall' })
  impact!: RecallImpactResponse;
}

/** A batch as lists show it (read models). */
export class BatchSummaryResponse {
  @ApiProperty({ description: 'GTIN-14 of the product', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot number', example: 'L2026-001' })
  lot!: string;

  @ApiProperty({ description: 'Packs made', example: 200 })
  quantity!: number;

  @ApiProperty({ description: 'Date of manufacture', example: '2026-01-10' })
  manufacturedOn!: string;

  @ApiProperty({ description: 'Expiry date', example: '2027-01-31' })
  expiresOn!: string;

  @ApiProperty({ description: 'The supplier that registered it', example: 'SUP-DEMO' })
  supplierId!: string;

  @ApiProperty({ description: 'The exploitant of its product', example: 'EXP-DEMO' })
  exploitantId!: string;

  @ApiProperty({
    nullable: true,
    description: 'Whether its latest analysis conforms; null before any analysis',
    example: true,
  })
  conformant!: boolean | null;

  @ApiProperty({ description: 'Released by its supplier', example: true })
  released!: boolean;

  @ApiProperty({ description: 'On hold by ANSM: no shipment or dispensation', example: false })
  onHold!: boolean;

  @ApiProperty({ description: 'Recalled by ANSM (final)', example: false })
  recalled!: boolean;
}

/** A batch with the failures of its latest analysis. */
export class BatchResponse extends BatchSummaryResponse {
  @ApiProperty({ type: [AnalysisFailureResponse], description: 'Failures of its latest analysis' })
  failures!: AnalysisFailureResponse[];
}
