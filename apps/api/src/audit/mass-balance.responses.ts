import { ApiProperty } from '@nestjs/swagger';

/** released = awaitingEntry + onHand + inTransit + missingAtReceipt + dispensed + lost + destroyed − adjusted */
export class MassBalanceTermsResponse {
  @ApiProperty({ description: 'Packs released (the BatchReleased quantity; 0 before release)', example: 100 })
  released!: number;

  @ApiProperty({
    description: "Released packs whose entry into the supplier's register is not written yet",
    example: 0,
  })
  awaitingEntry!: number;

  @ApiProperty({ description: "Packs on hand at every site, from each register's movements", example: 79 })
  onHand!: number;

  @ApiProperty({ description: 'Packs dispatched and not yet received', example: 10 })
  inTransit!: number;

  @ApiProperty({ description: 'Packs declared missing at receipt: they entered no register', example: 2 })
  missingAtReceipt!: number;

  @ApiProperty({ description: 'Packs dispensed to patients', example: 5 })
  dispensed!: number;

  @ApiProperty({ description: 'Packs declared lost or stolen', example: 2 })
  lost!: number;

  @ApiProperty({ description: 'Packs destroyed before a witness', example: 1 })
  destroyed!: number;

  @ApiProperty({ description: 'Net inventory adjustments (positive: packs found), subtracted', example: -1 })
  adjusted!: number;
}

export class MassBalanceDisagreementResponse {
  @ApiProperty({ description: 'The site whose figures disagree', example: 'EXP-1' })
  site!: string;

  @ApiProperty({
    enum: ['negative_stock', 'register_differs', 'release_entry_differs', 'shipment_differs'],
    description:
      'negative_stock: more packs left than entered; register_differs: the register stated another stock than its movements give; release_entry_differs: the release entered in another quantity than released; shipment_differs: a receipt whose accepted and missing packs are not what was dispatched',
    example: 'shipment_differs',
  })
  reason!: string;

  @ApiProperty({ description: 'What the other figures give', example: 10 })
  expected!: number;

  @ApiProperty({ description: 'What was recorded', example: 8 })
  recorded!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The shipment, for shipment_differs',
    example: 'SUP-1~2026-03~0a1b2c3d4e5f',
  })
  shipmentId!: string | null;

  @ApiProperty({
    type: [String],
    description: 'Ids of the events that show it',
    example: ['0f6c2b1e-8a55-5d0e-9a2c-1c9a3f7e2b10'],
  })
  evidence!: string[];
}

export class MassBalanceSiteResponse {
  @ApiProperty({ description: 'The site', example: 'PH-CENTRE' })
  organisationId!: string;

  @ApiProperty({ description: 'Packs entered by the release (also in received)', example: 0 })
  entered!: number;

  @ApiProperty({ description: 'Packs entered: the release entry and packs accepted at receipts', example: 30 })
  received!: number;

  @ApiProperty({ description: 'Packs dispatched, returns included', example: 21 })
  shipped!: number;

  @ApiProperty({ description: 'Packs dispensed', example: 5 })
  dispensed!: number;

  @ApiProperty({ description: 'Packs lost or stolen', example: 2 })
  lost!: number;

  @ApiProperty({ description: 'Packs destroyed', example: 1 })
  destroyed!: number;

  @ApiProperty({ description: 'Net inventory adjustments', example: -1 })
  adjusted!: number;

  @ApiProperty({ description: 'On hand as the movements give it (the expected stock)', example: 0 })
  onHand!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'The stock the register last stated itself (inventory, recall acknowledgement or quarantine, book closing or opening); null if never',
    example: 22,
  })
  stated!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'What the movements gave when the register stated its stock',
    example: 22,
  })
  statedExpected!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The event that stated it',
    example: '0f6c2b1e-8a55-5d0e-9a2c-1c9a3f7e2b10',
  })
  statedEventId!: string | null;

  @ApiProperty({ description: "Whether the site's figures agree", example: true })
  agrees!: boolean;
}

export class MassBalanceSummaryResponse {
  @ApiProperty({ description: 'GTIN-14 of the batch', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot of the batch', example: 'L2026-001' })
  lot!: string;

  @ApiProperty({ type: MassBalanceTermsResponse, description: 'The terms of the equation' })
  terms!: MassBalanceTermsResponse;

  @ApiProperty({ description: 'released minus every other term: 0 when the equation holds', example: 0 })
  difference!: number;

  @ApiProperty({ description: 'The equation holds and no site disagrees', example: true })
  balanced!: boolean;

  @ApiProperty({ type: [String], description: 'The sites whose figures disagree', example: [] })
  sites!: string[];

  @ApiProperty({ type: [String], description: 'Ids of the events that show the disagreements', example: [] })
  evidence!: string[];
}

export class MassBalanceResponse extends MassBalanceSummaryResponse {
  @ApiProperty({ type: [MassBalanceDisagreementResponse], description: 'Each disagreement: expected vs recorded' })
  disagreements!: MassBalanceDisagreementResponse[];

  @ApiProperty({ type: [MassBalanceSiteResponse], description: "Every site's figures for the batch" })
  siteFigures!: MassBalanceSiteResponse[];
}
