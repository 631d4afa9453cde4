import { ApiProperty } from '@nestjs/swagger';
import { INDICATIONS, type Indication } from '#domain';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';

export class PatientIncludedResponse extends CommandAnswerResponse {
  @ApiProperty({ description: 'The pseudonym cannatrace issued to the patient', example: 'CT-7AFG3H3YAQ90HCBC1' })
  patientId!: string;

  @ApiProperty({ description: 'Number of the inclusion attestation', example: 'ATT-DNR-000001' })
  attestationNumber!: string;
}

export class InclusionCapSetResponse extends CommandAnswerResponse {
  @ApiProperty({ enum: INDICATIONS, description: 'The indication', example: 'EPILEPSY' })
  indication!: Indication;

  @ApiProperty({ description: 'Its new inclusion cap', example: 750 })
  cap!: number;
}

export class IndicationResponse {
  @ApiProperty({ enum: INDICATIONS, description: 'The indication', example: 'NEUROPATHIC_PAIN' })
  indication!: Indication;

  @ApiProperty({ description: 'How many patients may be included for it', example: 750 })
  cap!: number;

  @ApiProperty({ description: 'Patients included so far, stopped ones too', example: 12 })
  included!: number;

  @ApiProperty({ description: 'Patients included and not stopped: what the cap counts', example: 10 })
  active!: number;

  @ApiProperty({ description: 'Patients whose treatment was stopped', example: 2 })
  stopped!: number;
}
