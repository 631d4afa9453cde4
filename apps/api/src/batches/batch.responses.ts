import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

export class InvestigationResponse {
  @ApiProperty({
    description: 'SHA-256 of the investigation report',
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  })
  reportSha256!: string;

  @ApiProperty({ description: 'Its conclusion', example: 'Sample contaminated by the laboratory’s grinder' })
  conclusion!: string;
}

export class AnalysisRecorderResponse {
  @ApiProperty({ description: 'Role of whoever recorded the analysis', example: 'laboratory' })
  role!: string;

  @ApiProperty({ description: 'Their organisation', example: 'LAB-1' })
  organisation!: string;
}

/** The latest out-of-specification case of a batch, open or cleared. */
export class OutOfSpecificationResponse {
  @ApiProperty({ type: [AnalysisFailureResponse], description: 'The failures that opened the case' })
  failures!: AnalysisFailureResponse[];

  @ApiProperty({
    type: AnalysisRecorderResponse,
    nullable: true,
    description: 'Who recorded the failing analysis; null for analyses recorded before this was kept',
  })
  recordedBy!: AnalysisRecorderResponse | null;

  @ApiProperty({ description: 'When the failing sample was taken', example: '2026-01-12' })
  sampledOn!: string;

  @ApiProperty({
    type: InvestigationResponse,
    nullable: true,
    description: 'The supplier’s investigation; null until reported',
  })
  investigation!: InvestigationResponse | null;

  @ApiProperty({
    nullable: true,
    description: 'The laboratory whose conforming retest after the investigation cleared the case; null until then',
    example: 'LAB-1',
  })
  retestedBy!: string | null;
}

/**
 * A batch as its reader may see it: everything (`view: full`) for ANSM, its supplier and exploitant; what a pack's
 * holder needs (`view: holder`) for another site that holds or held packs.
 */
export class BatchResponse {
  @ApiProperty({ enum: ['full', 'holder'], description: 'Which view of the batch this is', example: 'full' })
  view!: 'full' | 'holder';

  @ApiProperty({ description: 'GTIN-14 of the product', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot number', example: 'L2026-001' })
  lot!: string;

  @ApiProperty({ description: 'Expiry date', example: '2027-01-31' })
  expiresOn!: string;

  @ApiProperty({ description: 'Released by its supplier', example: true })
  released!: boolean;

  @ApiProperty({ description: 'On hold by ANSM: no shipment or dispensation', example: false })
  onHold!: boolean;

  @ApiProperty({ description: 'Recalled by ANSM (final)', example: false })
  recalled!: boolean;

  @ApiPropertyOptional({ description: 'Packs made (full view)', example: 200 })
  quantity?: number;

  @ApiPropertyOptional({ description: 'Date of manufacture (full view)', example: '2026-01-10' })
  manufacturedOn?: string;

  @ApiPropertyOptional({ description: 'The supplier that registered it (full view)', example: 'SUP-DEMO' })
  supplierId?: string;

  @ApiPropertyOptional({ description: 'The exploitant of its product (full view)', example: 'EXP-DEMO' })
  exploitantId?: string;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Whether its latest analysis conforms; null before any analysis (full view)',
    example: true,
  })
  conformant?: boolean | null;

  @ApiPropertyOptional({ type: [AnalysisFailureResponse], description: 'Failures of its latest analysis (full view)' })
  failures?: AnalysisFailureResponse[];

  @ApiPropertyOptional({
    type: OutOfSpecificationResponse,
    nullable: true,
    description: 'The latest out-of-specification case, open or cleared; null when no analysis ever failed (full view)',
  })
  outOfSpecification?: OutOfSpecificationResponse | null;
}

/** A batch's whole state, as the audit replays it at an instant. */
export class BatchStateResponse extends BatchSummaryResponse {
  @ApiProperty({ type: [AnalysisFailureResponse], description: 'Failures of its latest analysis' })
  failures!: AnalysisFailureResponse[];

  @ApiProperty({
    type: OutOfSpecificationResponse,
    nullable: true,
    description: 'The latest out-of-specification case, open or cleared; null when no analysis ever failed',
  })
  outOfSpecification!: OutOfSpecificationResponse | null;

  @ApiProperty({
    type: [String],
    example: ['PH-1'],
    description: 'Sites notified of its recall (each may acknowledge it); empty before the recall',
  })
  notifiedSites!: string[];
}
