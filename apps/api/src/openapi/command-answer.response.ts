import { ApiProperty } from '@nestjs/swagger';

/** What every command answers: the events it wrote, their stream and the stream's revision after them. */
export class CommandAnswerResponse {
  @ApiProperty({
    type: [String],
    description: 'Ids of the events written, derived from the command: empty when the command changed nothing',
    example: ['0b8f3c1e-5d2a-5e4f-9a1b-2c3d4e5f6a7b'],
  })
  eventIds!: string[];

  @ApiProperty({ description: 'The stream the events were appended to', example: 'batch-03400930000014-L2026-001' })
  stream!: string;

  @ApiProperty({ description: "The stream's revision after the append (0-based)", example: 3 })
  revision!: number;
}
