import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BatchStateResponse } from '../batches/batch.responses.js';

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
    enum: [
      'hash_mismatch',
      'prev_hash_mismatch',
      'revision_gap',
      'stream_missing',
      'events_missing',
      'head_rewritten',
      'inserted_after_sealing',
    ],
    description:
      'What breaks the chain; the last four against a sealed checkpoint: the stream or its last events are gone, the event at the sealed revision is another, the stream grew inside the sealed history',
    example: 'hash_mismatch',
  })
  reason!: string;

  @ApiPropertyOptional({ description: 'The checkpoint that sealed what is missing or different', example: 3 })
  checkpoint?: number;

  @ApiPropertyOptional({
    description: 'What was found, for a person to read',
    example: 'the checkpoint 3 sealed revision 4 of this stream; the store holds revision 2',
  })
  detail?: string;
}

/** A problem of the store as a whole rather than of one stream. */
export class StoreProblemResponse {
  @ApiProperty({
    enum: ['checkpoint_mismatch', 'checkpoint_altered', 'digest_invalid', 'digest_mismatch', 'digest_not_stored'],
    description:
      'What is wrong: the events up to a checkpoint are not those it sealed; a stored checkpoint was edited or the checkpoints do not chain; the digest’s format, key or signature does not hold; the events up to the digest are not those it certified; the store no longer holds the checkpoint the digest signed',
    example: 'checkpoint_mismatch',
  })
  reason!: string;

  @ApiPropertyOptional({ description: 'The checkpoint concerned', example: 3 })
  checkpoint?: number;

  @ApiProperty({
    description: 'What was found, for a person to read',
    example: 'the events up to checkpoint 3 are not those it sealed',
  })
  detail!: string;
}

/** How far the sealed checkpoints reach. */
export class SealingResponse {
  @ApiProperty({ description: 'Sealed checkpoints checked', example: 4 })
  checkpoints!: number;

  @ApiProperty({ description: 'Events covered by the last checkpoint', example: 18 })
  sealedEvents!: number;

  @ApiProperty({ description: 'Events recorded after the last checkpoint, not sealed yet', example: 3 })
  unsealedEvents!: number;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the last checkpoint was sealed; null when none is',
    example: '2026-11-25T10:00:00.000Z',
  })
  lastSealedAt!: string | null;
}

/** The verification against the digest given. */
export class DigestCheckResponse {
  @ApiProperty({ description: 'Number of the checkpoint the digest certifies', example: 4 })
  seq!: number;

  @ApiProperty({ description: 'Events the digest certifies', example: 18 })
  eventCount!: number;

  @ApiProperty({
    description: 'SHA-256 of the public key that signed the digest, hex',
    example: 'e7b9d1f3a5c7e9b1d34b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9ac3e5b7d9f1a3c5',
  })
  keyId!: string;

  @ApiProperty({
    description: 'The digest is valid and the store still holds exactly the events it certified',
    example: true,
  })
  holds!: boolean;
}

export class VerificationResponse {
  @ApiProperty({ description: 'Every chain holds', example: true })
  ok!: boolean;

  @ApiProperty({ description: 'Events whose hash was recomputed', example: 21 })
  checkedEvents!: number;

  @ApiProperty({ description: 'Streams checked', example: 15 })
  checkedStreams!: number;

  @ApiProperty({
    type: [ChainBreakResponse],
    description:
      'The first broken event of each broken stream, and streams or stream tails missing from a sealed checkpoint',
  })
  broken!: ChainBreakResponse[];

  @ApiProperty({ type: [StoreProblemResponse], description: 'Problems of the store as a whole' })
  problems!: StoreProblemResponse[];

  @ApiProperty({
    type: SealingResponse,
    nullable: true,
    description: 'How far the sealed checkpoints reach; null when verified without them',
  })
  sealing!: SealingResponse | null;

  @ApiPropertyOptional({
    type: DigestCheckResponse,
    description: 'The result against the digest given (POST /v1/audit/verify only)',
  })
  digest?: DigestCheckResponse;
}
