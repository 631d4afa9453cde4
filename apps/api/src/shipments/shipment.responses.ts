import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';
import { LineDto } from '../validation/line.dto.js';

export class DiscrepancyResponse {
  @ApiProperty({
    enum: ['missing', 'extra', 'wrong_batch', 'duplicate_scan', 'expiry_mismatch', 'unknown_code'],
    description: 'What differs from the dispatch',
    example: 'missing',
  })
  kind!: string;

  @ApiPropertyOptional({ description: 'GTIN-14 of the packs concerned', example: '03400930000014' })
  gtin?: string;

  @ApiPropertyOptional({ nullable: true, description: 'Their lot (null when the scan had none)', example: 'L2026-001' })
  lot?: string | null;

  @ApiPropertyOptional({ description: 'Packs of the batch shipped', example: 10 })
  shipped?: number;

  @ApiPropertyOptional({ description: 'Packs of the batch received', example: 9 })
  received?: number;

  @ApiPropertyOptional({ description: 'The serial scanned more than once', example: 'SN0001' })
  serial?: string;

  @ApiPropertyOptional({ description: "The batch's recorded expiry", example: '2027-01-31' })
  recorded?: string;

  @ApiPropertyOptional({ description: 'The expiry the pack code gives', example: '2027-02-28' })
  scanned?: string;

  @ApiPropertyOptional({ description: 'A scan that is not a readable pack code', example: '01ABC' })
  scan?: string;

  @ApiPropertyOptional({ description: 'Why it cannot be read (a stable code)', example: 'bad_gtin' })
  reason?: string;

  @ApiPropertyOptional({ description: 'Why it cannot be read, in words', example: 'the GTIN check digit is wrong' })
  detail?: string;
}

export class SerialResponse {
  @ApiProperty({ description: 'GTIN-14 of the pack', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot of the pack', example: 'L2026-001' })
  lot!: string;

  @ApiProperty({ description: 'Serial number of the pack', example: 'SN0001' })
  serial!: string;
}

export class ShipmentDispatchedResponse extends CommandAnswerResponse {
  @ApiProperty({
    description: 'The shipment: `{sender}~{YYYY-MM}~{12 hex}`, what its receiver names to receive it',
    example: 'EXP-DEMO~2026-11~67d7f2867e36',
  })
  shipmentId!: string;
}

export class ShipmentReceivedResponse extends ShipmentDispatchedResponse {
  @ApiProperty({ type: [LineDto], description: 'Packs that entered the receiver’s register, per batch' })
  accepted!: LineDto[];

  @ApiProperty({ type: [DiscrepancyResponse], description: 'Every difference between the dispatch and the receipt' })
  discrepancies!: DiscrepancyResponse[];
}

export class ReceiptResponse {
  @ApiProperty({ type: [LineDto], description: 'Packs that entered the receiver’s register, per batch' })
  accepted!: LineDto[];

  @ApiProperty({ type: [DiscrepancyResponse], description: 'Every difference between the dispatch and the receipt' })
  discrepancies!: DiscrepancyResponse[];

  @ApiProperty({ type: [SerialResponse], description: 'Serial numbers of the packs scanned at receipt' })
  serials!: SerialResponse[];

  @ApiProperty({ description: 'Instant of the receipt', example: '2026-11-26T09:00:00.000Z' })
  receivedAt!: string;
}

/** A shipment with its receipt, as the two registers tell it. */
export class ShipmentResponse {
  @ApiProperty({ description: 'The shipment', example: 'EXP-DEMO~2026-11~67d7f2867e36' })
  shipmentId!: string;

  @ApiProperty({ description: 'The sender', example: 'EXP-DEMO' })
  from!: string;

  @ApiProperty({ description: 'The receiver', example: 'PH-CENTRE' })
  to!: string;

  @ApiProperty({ type: [LineDto], description: 'Packs shipped, per batch' })
  lines!: LineDto[];

  @ApiProperty({ nullable: true, description: 'The carrier', example: 'Transports Sécurisés' })
  carrier!: string | null;

  @ApiProperty({ nullable: true, description: 'Import authorisation of a shipment from abroad', example: null })
  importAuthorisation!: string | null;

  @ApiProperty({ description: 'Instant of the dispatch', example: '2026-11-25T10:35:01.497Z' })
  dispatchedAt!: string;

  @ApiProperty({ enum: ['in_transit', 'received'], description: 'Whether it was received', example: 'in_transit' })
  status!: 'in_transit' | 'received';

  @ApiProperty({ type: ReceiptResponse, nullable: true, description: 'The receipt; null while in transit' })
  receipt!: ReceiptResponse | null;
}

/** A shipment as a site's list shows it (read models). */
export class SiteShipmentResponse {
  @ApiProperty({ description: 'The shipment', example: 'EXP-DEMO~2026-11~67d7f2867e36' })
  shipmentId!: string;

  @ApiProperty({ description: 'The sender', example: 'EXP-DEMO' })
  from!: string;

  @ApiProperty({ description: 'The receiver', example: 'PH-CENTRE' })
  to!: string;

  @ApiProperty({ type: [LineDto], description: 'Packs shipped, per batch' })
  lines!: LineDto[];

  @ApiProperty({ nullable: true, description: 'The carrier', example: 'Transports Sécurisés' })
  carrier!: string | null;

  @ApiProperty({ description: 'Instant of the dispatch', example: '2026-11-25 10:35:01.497+00' })
  dispatchedAt!: string;

  @ApiProperty({ enum: ['in_transit', 'received'], description: 'Whether it was received', example: 'received' })
  status!: 'in_transit' | 'received';

  @ApiProperty({ nullable: true, description: 'Instant of the receipt; null in transit', example: null })
  receivedAt!: string | null;

  @ApiProperty({ type: [LineDto], nullable: true, description: 'Packs accepted at receipt; null in transit' })
  accepted!: LineDto[] | null;

  @ApiProperty({ type: [DiscrepancyResponse], nullable: true, description: 'Differences found; null in transit' })
  discrepancies!: DiscrepancyResponse[] | null;
}
