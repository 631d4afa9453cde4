import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class ReportFormatQueryDto {
  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    description: 'csv answers text/csv (as does `Accept: text/csv`); json by default',
    example: 'csv',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class ReportPeriodQueryDto extends ReportFormatQueryDto {
  @ApiPropertyOptional({
    description: 'First month of the period, YYYY-MM (default: 11 months before `to`)',
    example: '2026-01',
  })
  @IsOptional()
  @IsString()
  @Matches(MONTH, { message: 'from must be YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({
    description: 'Last month of the period, YYYY-MM (default: this month in France)',
    example: '2026-12',
  })
  @IsOptional()
  @IsString()
  @Matches(MONTH, { message: 'to must be YYYY-MM' })
  to?: string;
}

export class AnnualSummaryQueryDto extends ReportFormatQueryDto {
  @ApiPropertyOptional({ description: 'The year summed up, YYYY (default: last year in France)', example: '2026' })
  @IsOptional()
  @IsString()
  @Matches(/^20\d{2}$/, { message: 'year must be YYYY, from 2000' })
  year?: string;
}
