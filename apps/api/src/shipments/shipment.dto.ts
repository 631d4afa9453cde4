import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LineDto } from '../validation/line.dto.js';
import { ORGANISATION_ID, OnlyOneOf } from '../validation/validators.js';

export class CreateShipmentDto {
  @ApiProperty({ example: 'EXP-1', description: 'The receiving organisation' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'to must be an organisation id' })
  to!: string;

  @ApiProperty({ description: 'Packs shipped, per batch', type: [LineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  // An array inside the array would pass ValidateNested unchecked.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines!: LineDto[];

  @ApiPropertyOptional({ description: 'The carrier', example: 'Transports Sécurisés SA' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  carrier?: string;

  @ApiPropertyOptional({
    example: 'AI-2026-0042',
    description: 'ANSM import authorisation number; required when the sender is outside the EU',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  importAuthorisation?: string;

  @ApiPropertyOptional({
    example: false,
    description:
      'A return to whoever supplied the packs (a pharmacy to the batch’s exploitant, the exploitant to its supplier): allowed for any batch the sender holds (recalled, on hold, expired, or none of these), and written in the register as a return',
  })
  @IsOptional()
  @IsBoolean()
  return?: boolean;
}

export class ReceiptDto {
  @ApiPropertyOptional({ type: [LineDto], description: 'Packs counted per batch (or give scans)' })
  @ValidateIf((o: ReceiptDto) => o.scans === undefined || o.lines !== undefined)
  @OnlyOneOf('scans')
  @IsArray()
  @ArrayMaxSize(500)
  // An array inside the array would pass ValidateNested unchecked.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines?: LineDto[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'One scan a pack: its DataMatrix content (GS as \\u001d; a "]d2" prefix is accepted) or its GS1 Digital Link URI',
    example: [']d2010340093000001417270131' + '10L2026-001\u001d21SN0001'],
  })
  @ValidateIf((o: ReceiptDto) => o.lines === undefined || o.scans !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  scans?: string[];
}
