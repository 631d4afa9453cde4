import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ALERT_KINDS, ALERT_SETTING_LIMITS, ALERT_STATES, type AlertKind, type AlertStatus } from '#domain';

export class AlertListQueryDto {
  @ApiPropertyOptional({ description: 'Only alerts in this state', enum: [...ALERT_STATES], example: 'open' })
  @IsOptional()
  @IsIn([...ALERT_STATES])
  state?: AlertStatus;

  @ApiPropertyOptional({
    description: 'Only alerts of this kind',
    enum: [...ALERT_KINDS],
    example: 'loss_above_threshold',
  })
  @IsOptional()
  @IsIn([...ALERT_KINDS])
  kind?: AlertKind;
}

export class AlertNoteDto {
  @ApiProperty({
    description: 'What ANSM found or did; kept in the alert’s history, never in logs. Name no patient.',
    example: 'Carrier contacted: the parcel was held at the depot, delivery expected tomorrow.',
  })
  @IsString()
  @Matches(/\S/, { message: 'note must not be blank' })
  @MaxLength(2000)
  note!: string;
}

export class AlertSettingsDto {
  @ApiProperty({
    description: 'A shipment not received more than this many days after its dispatch is alerted (default 7)',
    example: 7,
  })
  @IsInt()
  @Min(0)
  @Max(ALERT_SETTING_LIMITS.transitDays)
  transitDays!: number;

  @ApiProperty({
    description: 'A loss, theft or inventory adjustment of more packs than this is alerted (default 5)',
    example: 5,
  })
  @IsInt()
  @Min(0)
  @Max(ALERT_SETTING_LIMITS.lossPacks)
  lossPacks!: number;

  @ApiProperty({
    description:
      'Dispensing or holding packs this many days or fewer before their batch expires is alerted (default 30)',
    example: 30,
  })
  @IsInt()
  @Min(0)
  @Max(ALERT_SETTING_LIMITS.expiryWindowDays)
  expiryWindowDays!: number;

  @ApiProperty({
    description:
      'A site holding packs of a recalled batch that has not acknowledged the recall more than this many days after it is alerted (default 2)',
    example: 2,
  })
  @IsInt()
  @Min(0)
  @Max(ALERT_SETTING_LIMITS.recallAcknowledgementDays)
  recallAcknowledgementDays!: number;
}
