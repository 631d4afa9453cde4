import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CONTENT_UNITS, FORMS, RATIOS, type ContentUnit, type Form, type Ratio } from '#domain';
import { IsGtin, ORGANISATION_ID } from '../validation/validators.js';

const FINITE = { allowNaN: false, allowInfinity: false };

export class DeclaredContentDto {
  @ApiProperty({ example: 20, description: 'THC per unit of contentUnit' })
  @IsNumber(FINITE)
  @Min(0)
  @Max(1000)
  thc!: number;

  @ApiProperty({ example: 1, description: 'CBD per unit of contentUnit' })
  @IsNumber(FINITE)
  @Min(0)
  @Max(1000)
  cbd!: number;
}

/** Upper limits per contaminant, in the units of domain.md (% for CBN, loss on drying and foreign matter; ppm; µg/kg; CFU/g). */
export class ContaminantLimitsDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) @Min(0) cbn?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) @Min(0) lossOnDrying?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) @Min(0) foreignMatter?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) @Min(0) arsenic?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) @Min(0) cadmium?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) @Min(0) lead?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) @Min(0) mercury?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) @Min(0) aflatoxinB1?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) @Min(0) aflatoxinsTotal?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) @Min(0) tamc?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) @Min(0) tymc?: number;
}

export class AuthoriseProductDto {
  @ApiProperty({ example: '03400930000014', description: 'GTIN-14 with a valid check digit (a CIP13 prefixed with 0)' })
  @IsGtin()
  gtin!: string;

  @ApiProperty({ example: 'Fleurs séchées THC 20 %' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'SUP-1' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'supplierId must be an organisation id' })
  supplierId!: string;

  @ApiProperty({ example: 'EXP-1' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'exploitantId must be an organisation id' })
  exploitantId!: string;

  @ApiProperty({ enum: FORMS })
  @IsIn(FORMS)
  form!: Form;

  @ApiProperty({ enum: RATIOS })
  @IsIn(RATIOS)
  ratio!: Ratio;

  @ApiProperty({ type: DeclaredContentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeclaredContentDto)
  declared!: DeclaredContentDto;

  @ApiProperty({ enum: CONTENT_UNITS })
  @IsIn(CONTENT_UNITS)
  contentUnit!: ContentUnit;

  @ApiPropertyOptional({ default: 10, description: 'Accepted deviation of measured from declared content, in %' })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(100)
  tolerancePercent?: number;

  @ApiPropertyOptional({
    type: ContaminantLimitsDto,
    description: "Replaces the form's default contaminant limits (flowers: Ph. Eur. 3028; oils and capsules: none)",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContaminantLimitsDto)
  limits?: ContaminantLimitsDto;

  @ApiPropertyOptional({
    description: 'Narcotic (stupéfiant) status; presumed from THC when absent (over 0.30 %; capsules: narcotic)',
  })
  @IsOptional()
  @IsBoolean()
  narcotic?: boolean;
}

export class ChangeSpecificationDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) @Min(0) @Max(100) tolerancePercent?: number;

  @ApiPropertyOptional({ type: ContaminantLimitsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContaminantLimitsDto)
  limits?: ContaminantLimitsDto;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() narcotic?: boolean;
}
