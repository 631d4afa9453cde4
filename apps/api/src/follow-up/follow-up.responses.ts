import { ApiProperty } from '@nestjs/swagger';
import { INDICATIONS, type Indication } from '#domain';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';

export class ConsultationRecordedResponse extends CommandAnswerResponse {
  @ApiProperty({
    description: 'The consultation’s id, derived from the command (the same on a retry with the same Idempotency-Key)',
    example: '3f1a9c0e-7b2d-5c4e-8a1f-0d9e8c7b6a54',
  })
  consultationId!: string;

  @ApiProperty({ description: 'The patient’s pseudonym', example: 'CT-7AFG3H3YAQ90HCBC1' })
  patientId!: string;
}

export class LongConsultationScheduleResponse {
  @ApiProperty({ description: 'Long consultations in the first year after inclusion', example: 5 })
  firstYear!: number;

  @ApiProperty({ description: 'Long consultations in each later year', example: 2 })
  thereafter!: number;
}

export class LongConsultationScheduleSetResponse extends CommandAnswerResponse {
  @ApiProperty({ description: 'Long consultations in the first year after inclusion', example: 5 })
  firstYear!: number;

  @ApiProperty({ description: 'Long consultations in each later year', example: 2 })
  thereafter!: number;
}

export class OverdueLongConsultationResponse {
  @ApiProperty({ description: 'The patient’s pseudonym', example: 'CT-7AFG3H3YAQ90HCBC1' })
  patientId!: string;

  @ApiProperty({ enum: INDICATIONS, description: 'The indication followed', example: 'EPILEPSY' })
  indication!: Indication;

  @ApiProperty({ description: 'Day of inclusion', example: '2026-02-01' })
  includedOn!: string;

  @ApiProperty({ description: 'RPPS of the prescriber who included the patient', example: '10000000001' })
  includedBy!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'RPPS of the prescriber of the latest consultation; null before any',
    example: '10000000003',
  })
  lastSeenBy!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Day of the latest consultation; null before any',
    example: '2026-03-01',
  })
  lastConsultedOn!: string | null;

  @ApiProperty({ description: 'Long consultations recorded since inclusion', example: 1 })
  longConsultations!: number;

  @ApiProperty({ description: 'The day the next long consultation was due (before today)', example: '2026-05-28' })
  dueOn!: string;
}
