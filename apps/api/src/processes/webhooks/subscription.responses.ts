import { ApiProperty } from '@nestjs/swagger';

/** A subscription as its organisation reads it: never the secret. */
export class SubscriptionResponse {
  @ApiProperty({
    description: 'The subscription id, derived from the command that registered it',
    example: '6f1c2a3b-4d5e-5f60-8a7b-9c0d1e2f3a4b',
  })
  id!: string;

  @ApiProperty({ description: 'The organisation that registered it', example: 'PH-CENTRE' })
  organisation!: string;

  @ApiProperty({
    description: 'The role it registered it with: what its events are filtered by',
    example: 'pharmacist',
  })
  role!: string;

  @ApiProperty({ description: 'Where events are POSTed', example: 'https://erp.example.fr/cannatrace/events' })
  url!: string;

  @ApiProperty({
    type: [String],
    description: 'Event types sent; empty: every type the organisation may see',
    example: ['BatchRecalled', 'RecallSiteNotified'],
  })
  kinds!: string[];

  @ApiProperty({
    description: 'The position of the last event delivered (or skipped as not for it); `start` before any',
    example: '1234/5678',
  })
  cursor!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Id of the last event delivered; null before any',
    example: '0b8f3c1e-5d2a-5e4f-9a1b-2c3d4e5f6a7b',
  })
  lastDeliveredEventId!: string | null;

  @ApiProperty({ description: 'Failed attempts at the event after the cursor; 0 once it is delivered', example: 0 })
  attempts!: number;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the next attempt is due after a failure; null when none is waiting',
    example: '2026-11-25T10:41:00.000Z',
  })
  nextAttemptAt!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why the last attempt failed; null when it did not',
    example: 'HTTP 503',
  })
  lastError!: string | null;

  @ApiProperty({ description: 'When it was registered', example: '2026-11-25T10:35:01.463Z' })
  createdAt!: string;
}

/** The answer to a registration: the only time the secret is given. */
export class SubscriptionCreatedResponse extends SubscriptionResponse {
  @ApiProperty({
    description:
      'The secret the deliveries are signed with (header Cannatrace-Signature: `sha256=` and the hex HMAC-SHA256 of the body): answered once, keep it',
    example: '8c1f5b2e9d4a7c3f6e0b1a2d5c8f9e3b7a4d6c1e2f5b8a9d3c7e0f1a4b6d2c5e',
  })
  secret!: string;
}
