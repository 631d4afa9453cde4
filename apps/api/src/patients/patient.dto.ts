import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { INDICATIONS, type Indication } from '#domain';
import { IsIsoDate, NotChosenByClient } from '../validation/validators.js';

export class IncludePatientDto {
  @ApiPropertyOptional({
    deprecated: true,
    description:
      'Leave it out: cannatrace issues the pseudonym and answers it. Sent, it is refused (400, rule `pseudonym_issued_by_cannatrace`): a client-chosen id could be a name, a birth date or a social-security number, kept for ever in events',
  })
  @IsOptional()
  @NotChosenByClient()
  patientId?: unknown;

  @ApiProperty({
    description: 'The indication the patient is treated for',
    example: 'NEUROPATHIC_PAIN',
    enum: INDICATIONS,
  })
  @IsIn(INDICATIONS)
  indication!: Indication;

  @ApiProperty({ description: 'Date of inclusion', example: '2026-02-01' })
  @IsIsoDate()
  includedOn!: string;

  @ApiProperty({ example: true, description: 'The patient consented to inclusion; refused (422) when false' })
  @IsBoolean()
  consent!: boolean;
}

export class InclusionCapDto {
  @ApiProperty({ description: 'How many patients may be included for the indication', example: 750 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  cap!: number;
}
