import { ApiProperty } from '@nestjs/swagger';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';

export class DispensedResponse extends CommandAnswerResponse {
  @ApiProperty({
    description: 'Id of the dispensation, derived from the command',
    example: '2f1d3c4b-5a69-5788-9a0b-1c2d3e4f5a6b',
  })
  dispensationId!: string;
}
