import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CountDto, LineDto } from '../validation/line.dto.js';
import { IsIsoDate } from '../validation/validators.js';

export class DeclarationsDto {
  @ApiProperty({ example: 'PV-2026-000451', description: 'Police report reference' })
  @IsString()
  @Length(1, 100)
  police!: string;
  @ApiProperty({ example: 'ARS-IDF-2026-0192', description: 'Declaration to the regional health agency (ARS)' })
  @IsString()
  @Length(1, 100)
  ars!: string;
  @ApiProperty({ example: 'ANSM-DECL-2026-0077', description: 'Declaration to ANSM' })
  @IsString()
  @Length(1, 100)
  ansm!: string;
}

export class LossDto extends LineDto {
  @ApiProperty({ description: 'Loss or theft', example: 'theft', enum: ['loss', 'theft'] })
  @IsIn(['loss', 'theft'])
  kind!: 'loss' | 'theft';

  @ApiProperty({ description: 'When it happened (or was found)', example: '2026-03-02' })
  @IsIsoDate()
  occurredOn!: string;

  @ApiProperty({ description: 'References of the declarations made', type: DeclarationsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeclarationsDto)
  declarations!: DeclarationsDto;
}

export class DestructionDto extends LineDto {
  @ApiProperty({ description: 'Date of the destruction', example: '2026-04-15' })
  @IsIsoDate()
  destroyedOn!: string;

  @ApiProperty({ example: '10000000009', description: 'RPPS of the witness pharmacist' })
  @IsString()
  @Matches(/^\d{11}$/, { message: 'witnessRpps must be 11 digits' })
  witnessRpps!: string;

  @ApiProperty({ example: 'PV-2026-04-15-01', description: 'Reference of the destruction report (procès-verbal)' })
  @IsString()
  @Length(1, 100)
  reportReference!: string;

  @ApiProperty({ example: '2026-03-10', description: 'When the ARS was told (at least one month ahead)' })
  @IsIsoDate()
  arsNotifiedOn!: string;
}

export class InventoryDto {
  @ApiProperty({ description: 'Date of the count', example: '2026-12-31' })
  @IsIsoDate()
  countedOn!: string;

  @ApiProperty({ type: [CountDto], description: 'Every batch held, with the packs found (0 when none)' })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => CountDto)
  counts!: CountDto[];
}

export class MonthQueryDto {
  @ApiProperty({ example: '2026-03', description: 'YYYY-MM, by the date in France' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month!: string;
}

export class ShipmentsQueryDto {
  @ApiPropertyOptional({
    description: 'Shipments received (incoming) or sent (outgoing)',
    example: 'incoming',
    enum: ['incoming', 'outgoing'],
    default: 'incoming',
  })
  @IsOptional()
  @IsIn(['incoming', 'outgoing'])
  direction?: 'incoming' | 'outgoing';

  @ApiPropertyOptional({
    description: 'Only those in transit, or only those received',
    example: 'in_transit',
    enum: ['in_transit', 'received'],
  })
  @IsOptional()
  @IsIn(['in_transit', 'received'])
  status?: 'in_transit' | 'received';
}
