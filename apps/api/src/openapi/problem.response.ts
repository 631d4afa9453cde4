import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorResponse {
  @ApiProperty({ description: 'The field at fault, as a path into the body or the query', example: 'lines.0.quantity' })
  field!: string;

  @ApiProperty({ description: 'What is wrong with it', example: 'quantity must not be less than 1' })
  message!: string;
}

/** RFC 9457 problem details: the body of every error answer (`application/problem+json`). */
export class ProblemResponse {
  @ApiProperty({
    description: 'The kind of problem: `urn:cannatrace:problem:{code}`, or `about:blank` for a plain HTTP error',
    example: 'urn:cannatrace:problem:batch_not_conformant',
  })
  type!: string;

  @ApiProperty({ description: 'The HTTP status in words', example: 'Unprocessable Content' })
  title!: string;

  @ApiProperty({ description: 'The HTTP status', example: 422 })
  status!: number;

  @ApiProperty({
    description: 'What happened, for a person to read',
    example: 'the latest analysis of the batch does not conform',
  })
  detail!: string;

  @ApiPropertyOptional({
    description: 'The path of the request',
    example: '/v1/batches/03400930000014/L2026-001/release',
  })
  instance?: string;

  @ApiPropertyOptional({
    description: 'The rule that refused a command: a stable code clients can test',
    example: 'batch_not_conformant',
  })
  rule?: string;

  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'Each invalid field of a 400 answer' })
  errors?: FieldErrorResponse[];
}
