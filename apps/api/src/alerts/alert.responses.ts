import { ApiProperty } from '@nestjs/swagger';
import { ALERT_KINDS, ALERT_STATES } from '#domain';
import { AnalysisFailureResponse } from '../batches/batch.responses.js';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';

export class AlertRecorderResponse {
  @ApiProperty({ description: 'Role of whoever recorded the analysis', example: 'laboratory' })
  role!: string;

  @ApiProperty({ description: 'Their organisation', example: 'LAB-1' })
  organisation!: string;
}

/** ANSM's acknowledgement or closure of an alert. */
export class AlertNoteResponse {
  @ApiProperty({ description: 'When ANSM wrote it', example: '2026-11-26T09:12:00.000Z' })
  at!: string;

  @ApiProperty({ description: 'What ANSM wrote', example: 'Carrier contacted: delivery expected tomorrow.' })
  note!: string;
}

/** An alert: what was found, its evidence, and where ANSM stands on it. */
export class AlertResponse {
  @ApiProperty({
    description: 'The alert’s id: derived from its kind, evidence and subject, so it is raised once',
    example: '5b7f1f0e-3c2a-5d4e-8f6a-1b2c3d4e5f60',
  })
  id!: string;

  @ApiProperty({ description: 'What the alert is about', enum: [...ALERT_KINDS], example: 'out_of_specification' })
  kind!: string;

  @ApiProperty({
    description: 'open; acknowledged (by ANSM, with a note); closed (by ANSM, with a note)',
    enum: [...ALERT_STATES],
    example: 'open',
  })
  state!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The site it concerns (it sees the alert in its workspace); null when none',
    example: 'PH-CENTRE',
  })
  site!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'GTIN-14 of the batch; null when none',
    example: '03400930000014',
  })
  gtin!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Lot of the batch; null when none', example: 'L2026-001' })
  lot!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The shipment it concerns; null when none',
    example: 'EXP-DEMO~2026-11~67d7f2867e36',
  })
  shipmentId!: string | null;

  @ApiProperty({
    type: [String],
    description: 'Ids of the events that show it (empty for an alert the daily sweep found in the read models)',
    example: ['0f6c2b1e-8a55-5d0e-9a2c-1c9a3f7e2b10'],
  })
  evidence!: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the rule measured (its fields depend on the kind: docs/domain.md)',
    example: { quantity: 12, threshold: 5, loss: 'theft' },
  })
  details!: Record<string, unknown>;

  @ApiProperty({ description: 'When the alert was raised', example: '2026-11-25T10:35:01.317Z' })
  raisedAt!: string;

  @ApiProperty({ type: AlertNoteResponse, nullable: true, description: 'ANSM’s acknowledgement; null until then' })
  acknowledgement!: AlertNoteResponse | null;

  @ApiProperty({ type: AlertNoteResponse, nullable: true, description: 'ANSM’s closure; null until then' })
  closure!: AlertNoteResponse | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The first event of the evidence (kept from the first release of this list)',
    example: '0f6c2b1e-8a55-5d0e-9a2c-1c9a3f7e2b10',
  })
  eventId!: string | null;

  @ApiProperty({
    type: AlertRecorderResponse,
    nullable: true,
    description: 'Who recorded the failing analysis (out_of_specification; null for other kinds)',
  })
  recordedBy!: AlertRecorderResponse | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the sample was taken (out_of_specification; null for other kinds)',
    example: '2026-01-12',
  })
  sampledOn!: string | null;

  @ApiProperty({
    type: [AnalysisFailureResponse],
    nullable: true,
    description: 'Every failure against the specification (out_of_specification; null for other kinds)',
  })
  failures!: AnalysisFailureResponse[] | null;
}

export class AlertAnswerResponse extends CommandAnswerResponse {
  @ApiProperty({ description: 'The alert', example: '5b7f1f0e-3c2a-5d4e-8f6a-1b2c3d4e5f60' })
  alertId!: string;
}

export class AlertSettingsResponse {
  @ApiProperty({ description: 'Days a shipment may stay in transit before it is alerted', example: 7 })
  transitDays!: number;

  @ApiProperty({
    description: 'Packs a loss, theft or inventory adjustment may reach before it is alerted',
    example: 5,
  })
  lossPacks!: number;

  @ApiProperty({
    description: 'Days before a batch’s expiry from which dispensing or holding it is alerted',
    example: 30,
  })
  expiryWindowDays!: number;

  @ApiProperty({ description: 'Days a site holding recalled packs has to acknowledge the recall', example: 2 })
  recallAcknowledgementDays!: number;

  @ApiProperty({ description: 'false while ANSM never changed them: the defaults apply', example: true })
  setByAnsm!: boolean;
}

export class AlertSettingsAnswerResponse extends CommandAnswerResponse {
  @ApiProperty({ type: AlertSettingsResponse, description: 'The settings now in force' })
  settings!: AlertSettingsResponse;
}
