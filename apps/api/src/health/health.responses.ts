import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EventStoreHealthResponse {
  @ApiProperty({ enum: ['up', 'down'], description: 'Whether the event store answers', example: 'up' })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why it is down', example: 'no answer within 2000 ms' })
  detail?: string;

  @ApiProperty({ description: 'The event store adapter', example: 'pglite' })
  adapter!: string;
}

export class ProcessHealthResponse {
  @ApiProperty({ description: 'The read model or process that follows the store', example: 'release-entries' })
  name!: string;

  @ApiProperty({ enum: ['up', 'down'], description: 'Down when it stopped on an error', example: 'up' })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'The error it stopped on', example: 'connection terminated' })
  detail?: string;

  @ApiPropertyOptional({ description: 'Events still to handle, counted up to 1,000', example: 0 })
  behind?: number;

  @ApiPropertyOptional({ description: 'It runs in this process (another, `cli project`, may run it)', example: true })
  running?: boolean;
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'unavailable'], description: 'ok when every dependency answers', example: 'ok' })
  status!: 'ok' | 'unavailable';

  @ApiProperty({ type: EventStoreHealthResponse, description: 'The event store' })
  eventStore!: EventStoreHealthResponse;

  @ApiProperty({
    type: [ProcessHealthResponse],
    description: 'Each read model and each process that follows the store',
  })
  projections!: ProcessHealthResponse[];
}
