import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { OUTCOMES, SERIOUSNESS, VIGILANCE_KINDS, type Outcome, type Seriousness, type VigilanceKind } from '#domain';
import { HasPseudonymCheck, IsIsoDate, IsPseudonym } from '../validation/validators.js';

const NARRATIVE =
  'What happened, in the reporter’s words (free text: never logged, never sent to webhooks or event streams of others than ANSM). Never a name or anything that identifies the patient';

export class FileVigilanceReportDto {
  @ApiProperty({
    enum: VIGILANCE_KINDS,
    description: 'An adverse effect (routed to the CRPV) or abuse or dependence (routed to the CEIP-A)',
    example: 'adverse_effect',
  })
  @IsIn(VIGILANCE_KINDS)
  kind!: VigilanceKind;

  @ApiProperty({
    description:
      'The pseudonym cannatrace issued at inclusion: a patient the caller’s pharmacy dispensed to, or the caller prescribed for',
    example: 'CT-7AFG3H3YAQ90HCBC1',
  })
  @IsPseudonym()
  @HasPseudonymCheck()
  patientId!: string;

  @ApiProperty({
    enum: SERIOUSNESS,
    description: 'Serious or not, as pharmacovigilance defines it',
    example: 'serious',
  })
  @IsIn(SERIOUSNESS)
  seriousness!: Seriousness;

  @ApiProperty({ description: 'When the effect began (not after today)', example: '2026-11-20' })
  @IsIsoDate()
  onsetOn!: string;

  @ApiProperty({ enum: OUTCOMES, description: 'Where the patient stands now', example: 'recovering' })
  @IsIn(OUTCOMES)
  outcome!: Outcome;

  @ApiProperty({ description: NARRATIVE, example: 'Somnolence marquée deux heures après la prise du soir' })
  @IsString()
  @Length(1, 10_000)
  narrative!: string;
}

export class CorrectVigilanceReportDto {
  @ApiPropertyOptional({
    enum: VIGILANCE_KINDS,
    description: 'The corrected kind: the report is routed again',
    example: 'abuse_dependence',
  })
  @IsOptional()
  @IsIn(VIGILANCE_KINDS)
  kind?: VigilanceKind;

  @ApiPropertyOptional({ enum: SERIOUSNESS, description: 'The corrected seriousness', example: 'serious' })
  @IsOptional()
  @IsIn(SERIOUSNESS)
  seriousness?: Seriousness;

  @ApiPropertyOptional({ description: 'The corrected onset date', example: '2026-11-19' })
  @IsOptional()
  @IsIsoDate()
  onsetOn?: string;

  @ApiPropertyOptional({ enum: OUTCOMES, description: 'The corrected outcome', example: 'recovered' })
  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: Outcome;

  @ApiPropertyOptional({ description: `The corrected narrative. ${NARRATIVE}`, example: 'Somnolence marquée le matin' })
  @IsOptional()
  @IsString()
  @Length(1, 10_000)
  narrative?: string;

  @ApiProperty({ description: 'Why the report is corrected', example: 'Seriousness reassessed after hospitalisation' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class VigilanceFollowUpDto {
  @ApiPropertyOptional({ enum: OUTCOMES, description: 'The outcome now, when it changed', example: 'recovered' })
  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: Outcome;

  @ApiProperty({ description: NARRATIVE, example: 'Résolution complète après arrêt' })
  @IsString()
  @Length(1, 10_000)
  narrative!: string;
}

export class VigilanceThresholdDto {
  @ApiProperty({ description: 'Serious reports on one batch or product that raise a signal', example: 3 })
  @IsInt()
  @Min(1)
  @Max(1000)
  reports!: number;

  @ApiProperty({ description: 'Within this many days (the day of the last report and the days before)', example: 30 })
  @IsInt()
  @Min(1)
  @Max(366)
  days!: number;
}
