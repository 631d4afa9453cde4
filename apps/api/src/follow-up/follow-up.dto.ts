import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  ADVERSE_EFFECTS,
  CONSULTATION_DECISIONS,
  CONSULTATION_KINDS,
  INDICATIONS,
  MAX_LONG_CONSULTATIONS_PER_YEAR,
  STOP_REASONS,
  type AdverseEffect,
  type ConsultationDecision,
  type ConsultationKind,
  type Indication,
  type StopReason,
} from '#domain';
import { IsIsoDate } from '../validation/validators.js';

export class RecordConsultationDto {
  @ApiProperty({ description: 'The indication the patient is followed for', example: 'EPILEPSY', enum: INDICATIONS })
  @IsIn(INDICATIONS)
  indication!: Indication;

  @ApiProperty({
    description: 'Day of the consultation: not after today, not before the inclusion',
    example: '2026-03-01',
  })
  @IsIsoDate()
  consultedOn!: string;

  @ApiProperty({
    description:
      'A renewal consultation (any trained prescriber) or a long consultation at the reference structure (a prescriber of a reference centre)',
    example: 'long_consultation',
    enum: CONSULTATION_KINDS,
  })
  @IsIn(CONSULTATION_KINDS)
  kind!: ConsultationKind;

  @ApiProperty({ description: 'Effect on the symptom, 0 (none) to 10 (complete relief)', example: 6 })
  @IsInt()
  @Min(0)
  @Max(10)
  symptomEffect!: number;

  @ApiProperty({
    description: 'Adverse effects seen, codes of the fixed list (no free text; a narrative goes to vigilance)',
    example: ['somnolence'],
    enum: ADVERSE_EFFECTS,
    isArray: true,
  })
  @IsArray()
  @ArrayMaxSize(ADVERSE_EFFECTS.length)
  @IsIn(ADVERSE_EFFECTS, { each: true })
  adverseEffects!: AdverseEffect[];

  @ApiProperty({
    description:
      'Continue, change the product or the dose, or stop (with `stopReason`): a stop frees a place in the cap',
    example: 'continue',
    enum: CONSULTATION_DECISIONS,
  })
  @IsIn(CONSULTATION_DECISIONS)
  decision!: ConsultationDecision;

  @ApiPropertyOptional({
    description: 'Why the treatment stops: required with `decision: stop`, refused otherwise',
    example: 'inefficacy',
    enum: STOP_REASONS,
  })
  @IsOptional()
  @IsIn(STOP_REASONS)
  stopReason?: StopReason;
}

export class LongConsultationScheduleDto {
  @ApiProperty({ description: 'Long consultations in the first year after inclusion (0 to 12)', example: 5 })
  @IsInt()
  @Min(0)
  @Max(MAX_LONG_CONSULTATIONS_PER_YEAR)
  firstYear!: number;

  @ApiProperty({ description: 'Long consultations in each later year (0 to 12)', example: 2 })
  @IsInt()
  @Min(0)
  @Max(MAX_LONG_CONSULTATIONS_PER_YEAR)
  thereafter!: number;
}
