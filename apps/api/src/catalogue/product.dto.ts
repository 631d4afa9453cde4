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
  @ApiPropertyOptional({ description: 'Upper limit: CBN, %', example: 1 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  cbn?: number;
  @ApiPropertyOptional({ description: 'Upper limit: Loss on drying, %', example: 12 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  lossOnDrying?: number;
  @ApiPropertyOptional({ description: 'Upper limit: Foreign matter, %', example: 2 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  foreignMatter?: number;
  @ApiPropertyOptional({ description: 'Upper limit: Arsenic, ppm', example: 0.2 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  arsenic?: number;
  @ApiPropertyOptional({ description: 'Upper limit: Cadmium, ppm', example: 1 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  cadmium?: number;
  @ApiPropertyOptional({ description: 'Upper limit: Lead, ppm', example: 5 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  lead?: number;
  @ApiPropertyOptional({ description: 'Upper limit: Mercury, ppm', example: 0.1 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  mercury?: number;
  @ApiPropertyOptional({ description: 'Upper limit: Aflatoxin B1, µg/kg', example: 2 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  aflatoxinB1?: number;
  @ApiPropertyOptional({ description: 'Upper limit: Aflatoxins B1+B2+G1+G2, µg/kg', example: 4 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  aflatoxinsTotal?: number;
  @ApiPropertyOptional({ description: 'Upper limit: Total aerobic microbial count, CFU/g', example: 100000 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  tamc?: number;
  @ApiPropertyOptional({ description: 'Upper limit: Total yeast and mould count, CFU/g', example: 10000 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  tymc?: number;
}

export class AuthoriseProductDto {
  @ApiProperty({ example: '03400930000014', description: 'GTIN-14 with a valid check digit (a CIP13 prefixed with 0)' })
  @IsGtin()
  gtin!: string;

  @ApiProperty({ description: 'Name of the product', example: 'Fleurs séchées THC 20 %' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'The supplier that makes it', example: 'SUP-1' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'supplierId must be an organisation id' })
  supplierId!: string;

  @ApiProperty({ description: 'The exploitant that distributes it in France', example: 'EXP-1' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'exploitantId must be an organisation id' })
  exploitantId!: string;

  @ApiProperty({ description: 'Pharmaceutical form', example: 'dried_flower', enum: FORMS })
  @IsIn(FORMS)
  form!: Form;

  @ApiProperty({ description: 'THC/CBD balance', example: 'THC_DOMINANT', enum: RATIOS })
  @IsIn(RATIOS)
  ratio!: Ratio;

  @ApiProperty({ description: 'Declared THC and CBD content', type: DeclaredContentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeclaredContentDto)
  declared!: DeclaredContentDto;

  @ApiProperty({ description: 'Unit of the declared content', example: 'percent', enum: CONTENT_UNITS })
  @IsIn(CONTENT_UNITS)
  contentUnit!: ContentUnit;

  @ApiPropertyOptional({
    example: 10,
    default: 10,
    description: 'Accepted deviation of measured from declared content, in %',
  })
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
    example: true,
    description: 'Narcotic (stupéfiant) status; presumed from THC when absent (over 0.30 %; capsules: narcotic)',
  })
  @IsOptional()
  @IsBoolean()
  narcotic?: boolean;
}

export class ChangeSpecificationDto {
  @ApiPropertyOptional({ description: 'Accepted deviation of measured from declared content, in %', example: 15 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(100)
  tolerancePercent?: number;

  @ApiPropertyOptional({ description: "Replaces the product's contaminant limits", type: ContaminantLimitsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContaminantLimitsDto)
  limits?: ContaminantLimitsDto;

  @ApiPropertyOptional({ description: 'Narcotic (stupéfiant) status', example: true })
  @IsOptional()
  @IsBoolean()
  narcotic?: boolean;
}
