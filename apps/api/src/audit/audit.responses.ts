import { ApiProperty } from '@nestjs/swagger';
import { AnalysisFailureResponse, BatchStateResponse } from '../batches/batch.responses.js';

export class EventActorResponse {
  @ApiProperty({ description: 'Who sent the command (token subject)', example: 'qp@sup-demo' })
  id!: string;

  @ApiProperty({ description: 'Their role', example: 'supplier' })
  role!: string;

  @ApiProperty({ description: 'Their organisation', example: 'SUP-DEMO' })
  organisation!: string;
}

/** A stored event as the audit replays it. */
export class HistoryEventResponse {
  @ApiProperty({ description: 'Event type', example: 'BatchRegistered' })
  type!: string;

  @ApiProperty({ description: 'Its stream', example: 'batch-03400930000014-L2026-001' })
  stream!: string;

  @ApiProperty({ description: 'Its revision in the stream', example: 0 })
  revision!: number;

  @ApiProperty({ description: 'When it happened', example: '2026-11-25T10:35:01.315Z' })
  occurredAt!: string;

  @ApiProperty({ description: 'When it was recorded', example: '2026-11-25T10:35:01.317Z' })
  recordedAt!: string;

  @ApiProperty({ type: EventActorResponse, description: 'Who sent the command that wrote it' })
  actor!: EventActorResponse;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the event records (its fields depend on its type)',
    example: { gtin: '03400930000014', lot: 'L2026-001', quantity: 200 },
  })
  data!: Record<string, unknown>;

  @ApiProperty({
    description: 'SHA-256 chaining it to the previous event of its stream',
    example: 'f4421b8a6e107a882305b37a2c2859dbc9e73946a084fe97591cdcb64a1102fc',
  })
  hash!: string;
}

export class BatchHistoryResponse {
  @ApiProperty({ description: 'GTIN-14 of the batch', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot of the batch', example: 'L2026-001' })
  lot!: string;

  @ApiProperty({
    description: 'The instant the history stops at (recording time)',
    example: '2026-03-01T11:00:00.000Z',
  })
  asOf!: string;

  @ApiProperty({
    type: BatchStateResponse,
    nullable: true,
    description: 'The batch as it stood at asOf; null before it existed',
  })
  state!: BatchStateResponse | null;

  @ApiProperty({ type: [HistoryEventResponse], description: 'Every event that concerns the batch, up to asOf' })
  events!: HistoryEventResponse[];
}

export class ChainBreakResponse {
  @ApiProperty({ description: 'The broken stream', example: 'register-PH-CENTRE~2026-11' })
  stream!: string;

  @ApiProperty({ description: 'Revision of its first broken event', example: 4 })
  revision!: number;

  @ApiProperty({ description: 'Id of that event', example: '0b8f3c1e-5d2a-5e4f-9a1b-2c3d4e5f6a7b' })
  eventId!: string;

  @ApiProperty({
    enum: ['hash_mismatch', 'prev_hash_mismatch', 'revision_gap'],
    description: 'What breaks the chain',
    example: 'hash_mismatch',
  })
  reason!: string;
}

export class VerificationResponse {
  @ApiProperty({ description: 'Every chain holds', example: true })
  ok!: boolean;

  @ApiProperty({ description: 'Events whose hash was recomputed', example: 21 })
  checkedEvents!: number;

  @ApiProperty({ description: 'Streams checked', example: 15 })
  checkedStreams!: number;

  @ApiProperty({ type: [ChainBreakResponse], description: 'The first broken event of each broken stream' })
  broken!: ChainBreakResponse[];
}

export class AlertRecorderResponse {
  @ApiProperty({ description: 'Role of whoever recorded the analysis', example: 'laboratory' })
  role!: string;

  @ApiProperty({ description: 'Their organisation', example: 'LAB-1' })
  organisation!: string;
}

/** An alert ANSM reads: an out-of-specification analysis result. */
export class AlertResponse {
  @ApiProperty({ description: 'What the alert is about', example: 'out_of_specification' })
  kind!: string;

  @ApiProperty({ description: 'GTIN-14 of the batch', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot of the batch', example: 'L2026-001' })
  lot!: string;

  @ApiProperty({ type: AlertRecorderResponse, description: 'Who recorded the failing analysis' })
  recordedBy!: AlertRecorderResponse;

  @ApiProperty({ description: 'When the sample was taken', example: '2026-01-12' })
  sampledOn!: string;

  @ApiProperty({ type: [AnalysisFailureResponse], description: 'Every failure against the specification' })
  failures!: AnalysisFailureResponse[];

  @ApiProperty({ description: 'When the alert was raised', example: '2026-11-25T10:35:01.317Z' })
  raisedAt!: string;

  @ApiProperty({ description: 'The event that raised it', example: '0f6c2b1e-8a55-5d0e-9a2c-1c9a3f7e2b10' })
  eventId!: string;
}
