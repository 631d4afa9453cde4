import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { IsGtin, LOT } from './validators.js';

/** A quantity of packs of one batch. */
export class LineDto {
  @ApiProperty({ description: 'GTIN-14 of the product', example: '03400930000014' })
  @IsGtin()
  gtin!: string;

  @ApiProperty({ description: 'Lot of the batch', example: 'L2026-001' })
  @IsString()
  @Matches(LOT, { message: 'lot must be 1 to 20 characters of the GS1 character set' })
  lot!: string;

  @ApiProperty({ example: 10, description: 'Packs' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  quantity!: number;
}

/** A count, where zero is a valid answer. */
export class CountDto extends LineDto {
  @ApiProperty({ example: 10, description: 'Packs found; 0 when none' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  declare quantity: number;
}
