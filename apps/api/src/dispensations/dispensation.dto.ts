import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsGtin, LOT, OnlyOneOf, PRESCRIPTION_NUMBER } from '../validation/validators.js';

export class DispenseDto {
  @ApiProperty({ description: 'The prescription dispensed against', example: 'ORD-2026-000123' })
  @IsString()
  @Matches(PRESCRIPTION_NUMBER, { message: 'prescriptionId must be a prescription id' })
  prescriptionId!: string;

  @ApiProperty({ example: 1, description: 'Packs; 1 when the scan carries a serial number' })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;

  @ApiPropertyOptional({
    example: 'https://id.gs1.org/01/03400930000014/10/DEMO-A/21/SN0001?17=311231',
    description: 'The code of the pack: its DataMatrix content or its GS1 Digital Link URI (or give gtin and lot)',
  })
  @ValidateIf((o: DispenseDto) => o.gtin === undefined && o.lot === undefined)
  @OnlyOneOf('gtin')
  @IsString()
  @MaxLength(200)
  scan?: string;

  @ApiPropertyOptional({ description: 'GTIN-14 of the pack, when not scanned', example: '03400930000014' })
  @ValidateIf((o: DispenseDto) => o.scan === undefined || o.gtin !== undefined)
  @OnlyOneOf('scan')
  @IsGtin()
  gtin?: string;

  @ApiPropertyOptional({ description: 'Lot of the pack, when not scanned', example: 'L2026-001' })
  @ValidateIf((o: DispenseDto) => o.scan === undefined || o.lot !== undefined)
  @OnlyOneOf('scan')
  @IsString()
  @Matches(LOT, { message: 'lot must be 1 to 20 characters of the GS1 character set' })
  lot?: string;
}
