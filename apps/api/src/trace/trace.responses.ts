import { ApiProperty } from '@nestjs/swagger';

export class SiteTraceResponse {
  @ApiProperty({ description: 'The site', example: 'EXP-DEMO' })
  organisationId!: string;

  @ApiProperty({ description: 'Packs that entered: the release (supplier) or accepted receipts', example: 100 })
  received!: number;

  @ApiProperty({ description: 'Packs shipped', example: 3 })
  shipped!: number;

  @ApiProperty({ description: 'Packs dispensed', example: 0 })
  dispensed!: number;

  @ApiProperty({ description: 'Packs lost or stolen', example: 0 })
  lost!: number;

  @ApiProperty({ description: 'Packs destroyed', example: 0 })
  destroyed!: number;

  @ApiProperty({ description: 'Net inventory adjustments', example: 0 })
  adjusted!: number;

  @ApiProperty({ description: 'Packs held now', example: 97 })
  onHand!: number;
}

export class TraceDispensationResponse {
  @ApiProperty({ description: 'Id of the dispensation', example: '2f1d3c4b-5a69-5788-9a0b-1c2d3e4f5a6b' })
  dispensationId!: string;

  @ApiProperty({ description: 'The prescription dispensed', example: 'ORD-2026-000123' })
  prescriptionId!: string;

  @ApiProperty({ description: 'Pseudonym of the patient', example: 'PSN-7F3A9C21' })
  patientId!: string;

  @ApiProperty({ description: 'The pharmacy', example: 'PH-CENTRE' })
  pharmacyId!: string;

  @ApiProperty({ description: 'Packs dispensed', example: 1 })
  quantity!: number;

  @ApiProperty({ description: 'Date of the dispensation', example: '2026-03-02' })
  dispensedOn!: string;
}

/** Where the packs of a batch went. */
export class BatchTraceResponse {
  @ApiProperty({ description: 'GTIN-14 of the batch', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot of the batch', example: 'L2026-001' })
  lot!: string;

  @ApiProperty({ type: [SiteTraceResponse], description: 'Every site the packs went through' })
  sites!: SiteTraceResponse[];

  @ApiProperty({ type: [TraceDispensationResponse], description: 'Every dispensation of its packs' })
  dispensations!: TraceDispensationResponse[];

  @ApiProperty({
    type: [String],
    description: 'Pseudonyms of every patient who received a pack',
    example: ['PSN-7F3A9C21'],
  })
  patients!: string[];
}
