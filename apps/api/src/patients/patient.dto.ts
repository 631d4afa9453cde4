import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
import { INDICATIONS, type Indication } from '#domain';
import { IsIsoDate, IsPseudonym } from '../validation/validators.js';

export class IncludePatientDto {
  @ApiProperty({
    example: 'PSN-7F3A9C21',
    description: 'Pseudonym of the patient; never a name or social-security number',
  })
  @IsPseudonym()
  patientId!: string;

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
