import { ApiProperty } from '@nestjs/swagger';

export class ElementResponse {
  @ApiProperty({ description: 'GS1 Application Identifier', example: '17' })
  ai!: string;

  @ApiProperty({ description: 'Its value', example: '311231' })
  value!: string;
}

/** What a pack code says. */
export class ScanReadResponse {
  @ApiProperty({ description: 'GTIN-14 (AI 01)', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ nullable: true, description: 'Lot (AI 10); null when absent', example: 'DEMO-A' })
  lot!: string | null;

  @ApiProperty({ nullable: true, description: 'Serial number (AI 21); null when absent', example: 'SN0001' })
  serial!: string | null;

  @ApiProperty({ nullable: true, description: 'Expiry date (AI 17); null when absent', example: '2031-12-31' })
  expiry!: string | null;

  @ApiProperty({ type: [ElementResponse], description: 'Every element string, in the order scanned' })
  elements!: ElementResponse[];
}
