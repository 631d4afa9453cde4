import { ApiProperty } from '@nestjs/swagger';

/** An event as partners receive it: a webhook's body, an event stream message's data. */
export class EventPayloadResponse {
  @ApiProperty({ description: 'The event id', example: '0b8f3c1e-5d2a-5e4f-9a1b-2c3d4e5f6a7b' })
  id!: string;

  @ApiProperty({ description: 'Event type: a stable name', example: 'BatchRecalled' })
  type!: string;

  @ApiProperty({ description: 'Its stream', example: 'batch-03400930000014-L2026-001' })
  stream!: string;

  @ApiProperty({ description: 'Its revision in the stream (0-based)', example: 4 })
  revision!: number;

  @ApiProperty({
    description: "Resume after this event: a webhook's cursor, the event stream's Last-Event-ID",
    example: '1234/5678',
  })
  cursor!: string;

  @ApiProperty({ description: 'When it happened', example: '2026-11-25T10:35:01.315Z' })
  occurredAt!: string;

  @ApiProperty({ description: 'When it was recorded', example: '2026-11-25T10:35:01.317Z' })
  recordedAt!: string;

  @ApiProperty({ description: 'The organisation whose command wrote it', example: 'ANSM' })
  organisation!: string;

  @ApiProperty({
    type: [String],
    description: 'The batches it concerns, `{gtin}-{lot}`',
    example: ['03400930000014-L2026-001'],
  })
  batchKeys!: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the event records (its fields depend on its type)',
    example: { gtin: '03400930000014', lot: 'L2026-001', reason: 'contamination' },
  })
  data!: Record<string, unknown>;
}

/**
 * One message of the event stream (`text/event-stream`), its fields as the lines `id:`, `event:` and `data:` of
 * the message, followed by an empty line.
 */
export class ServerSentEventResponse {
  @ApiProperty({
    description: "The event's cursor: a reconnection sends it back as Last-Event-ID to miss nothing",
    example: '1234/5678',
  })
  id!: string;

  @ApiProperty({ description: 'The event type', example: 'BatchRecalled' })
  event!: string;

  @ApiProperty({ type: EventPayloadResponse, description: 'The event, as one line of JSON' })
  data!: EventPayloadResponse;
}
