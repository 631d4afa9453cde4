import { ApiProperty } from '@nestjs/swagger';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';

export class RegisterEventResponse {
  @ApiProperty({ description: 'Event type', example: 'LossDeclared' })
  type!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the event records (its fields depend on its type)',
    example: { gtin: '03400930000014', lot: 'L2026-001', quantity: 1, kind: 'loss', occurredOn: '2026-03-02' },
  })
  data!: Record<string, unknown>;
}

export class RegisterOperationResponse extends CommandAnswerResponse {
  @ApiProperty({ type: [RegisterEventResponse], description: 'The register events written: entries and adjustments' })
  events!: RegisterEventResponse[];
}

/** One line of the narcotics register. */
export class RegisterEntryResponse {
  @ApiProperty({ description: 'Revision of the event in its book', example: 4 })
  revision!: number;

  @ApiProperty({ description: 'When the movement happened', example: '2026-11-25T10:35:01.463Z' })
  occurredAt!: string;

  @ApiProperty({ description: 'When it was recorded', example: '2026-11-25T10:35:01.470Z' })
  recordedAt!: string;

  @ApiProperty({ description: 'Who recorded it', example: 'logistique@exp-demo' })
  actor!: string;

  @ApiProperty({
    enum: ['release', 'dispatch', 'receipt', 'dispensation', 'loss', 'theft', 'destruction', 'inventory'],
    description: 'The kind of movement',
    example: 'receipt',
  })
  movement!: string;

  @ApiProperty({ enum: ['entry', 'exit'], description: 'Packs in or out', example: 'entry' })
  direction!: 'entry' | 'exit';

  @ApiProperty({ description: 'GTIN-14 of the batch', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot of the batch', example: 'L2026-001' })
  lot!: string;

  @ApiProperty({ description: 'Packs moved', example: 100 })
  quantity!: number;

  @ApiProperty({ description: 'Packs of this batch held after the movement', example: 100 })
  balance!: number;

  @ApiProperty({
    nullable: true,
    description: 'Shipment id, report or declaration reference',
    example: 'SUP-DEMO~2026-11~f6d022d9b1ea',
  })
  reference!: string | null;

  @ApiProperty({ nullable: true, description: 'The other site of a shipment', example: 'SUP-DEMO' })
  counterparty!: string | null;
}

/** A month's balance of one batch. */
export class MonthlyBalanceResponse {
  @ApiProperty({ description: 'GTIN-14 of the batch', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot of the batch', example: 'L2026-001' })
  lot!: string;

  @ApiProperty({ description: 'Packs held when the month opened', example: 0 })
  opening!: number;

  @ApiProperty({ description: 'Packs that entered during the month', example: 100 })
  entries!: number;

  @ApiProperty({ description: 'Packs that left during the month', example: 3 })
  exits!: number;

  @ApiProperty({ description: 'Packs held when the month closed', example: 97 })
  closing!: number;
}
