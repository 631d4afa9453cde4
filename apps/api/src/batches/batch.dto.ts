import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
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
import { IsGtin, IsIsoDate, LOT } from '../validation/validators.js';

const FINITE = { allowNaN: false, allowInfinity: false };

export class RegisterBatchDto {
  @ApiProperty({ description: 'GTIN-14 of one of the supplier’s products', example: '03400930000014' })
  @IsGtin()
  gtin!: string;

  @ApiProperty({ example: 'L2026-001', description: 'Lot number: up to 20 characters of the GS1 set (AI 10)' })
  @IsString()
  @Matches(LOT, { message: 'lot must be 1 to 20 characters of the GS1 character set' })
  lot!: string;

  @ApiProperty({ example: 500, description: 'Packs' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  quantity!: number;

  @ApiProperty({ description: 'Date of manufacture', example: '2026-01-10' })
  @IsIsoDate()
  manufacturedOn!: string;

  @ApiProperty({ description: 'Expiry date', example: '2027-01-31' })
  @IsIsoDate()
  expiresOn!: string;
}

export class AnalysisResultsDto {
  @ApiProperty({ example: 20.1, description: 'Measured THC, in the product content unit' })
  @IsNumber(FINITE)
  @Min(0)
  thc!: number;
  @ApiProperty({ example: 1, description: 'Measured CBD, in the product content unit' })
  @IsNumber(FINITE)
  @Min(0)
  cbd!: number;
  @ApiPropertyOptional({ example: 0.4, description: '%' }) @IsOptional() @IsNumber(FINITE) @Min(0) cbn?: number;
  @ApiPropertyOptional({ example: 9, description: '%' }) @IsOptional() @IsNumber(FINITE) @Min(0) lossOnDrying?: number;
  @ApiPropertyOptional({ example: 0.5, description: '%' })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  foreignMatter?: number;
  @ApiPropertyOptional({ example: 0.05, description: 'ppm' }) @IsOptional() @IsNumber(FINITE) @Min(0) arsenic?: number;
  @ApiPropertyOptional({ example: 0.2, description: 'ppm' }) @IsOptional() @IsNumber(FINITE) @Min(0) cadmium?: number;
  @ApiPropertyOptional({ example: 0.8, description: 'ppm' }) @IsOptional() @IsNumber(FINITE) @Min(0) lead?: number;
  @ApiPropertyOptional({ example: 0.02, description: 'ppm' }) @IsOptional() @IsNumber(FINITE) @Min(0) mercury?: number;
  @ApiPropertyOptional({ example: 0.5, description: 'µg/kg' })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  aflatoxinB1?: number;
  @ApiPropertyOptional({ example: 1, description: 'µg/kg, B1+B2+G1+G2' })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  aflatoxinsTotal?: number;
  @ApiPropertyOptional({ example: 800, description: 'CFU/g' }) @IsOptional() @IsNumber(FINITE) @Min(0) tamc?: number;
  @ApiPropertyOptional({ example: 90, description: 'CFU/g' }) @IsOptional() @IsNumber(FINITE) @Min(0) tymc?: number;
}

export class RecordAnalysisDto {
  @ApiProperty({ description: 'The laboratory that made the analysis', example: 'Laboratoire Central' })
  @IsString()
  @Length(1, 200)
  laboratory!: string;

  @ApiProperty({ description: 'Date of sampling', example: '2026-01-12' })
  @IsIsoDate()
  sampledOn!: string;

  @ApiProperty({
    description: 'SHA-256 of the certificate PDF, which stays outside the system',
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'certificateSha256 must be 64 lower-case hexadecimal digits' })
  certificateSha256!: string;

  @ApiProperty({ description: 'Results measured, each in its unit', type: AnalysisResultsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AnalysisResultsDto)
  results!: AnalysisResultsDto;
}

export class ReleaseBatchDto {
  @ApiProperty({ example: 'Dr Jeanne Martin', description: 'Qualified person who certifies the release' })
  @IsString()
  @Length(1, 200)
  qualifiedPerson!: string;
}

export class ReasonDto {
  @ApiProperty({ description: 'Why, for the record', example: 'Suspected contamination reported by the exploitant' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class ReportInvestigationDto {
  @ApiProperty({
    description: 'SHA-256 of the investigation report, which stays outside the system',
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'reportSha256 must be 64 lower-case hexadecimal digits' })
  reportSha256!: string;

  @ApiProperty({
    example: 'Sample contaminated by the laboratory’s grinder; the batch is not in question',
    description: 'The conclusion of the investigation of the out-of-specification result',
  })
  @IsString()
  @Length(1, 2000)
  conclusion!: string;
}
