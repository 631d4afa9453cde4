import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'https://erp.example.fr/cannatrace/events', description: 'Where events are POSTed' })
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['BatchRecalled', 'RecallSiteNotified', 'ShipmentDispatched'],
    description: 'Event types to receive; absent or empty: every type the organisation may see',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[A-Z][A-Za-z]{1,80}$/, { each: true, message: 'each kind must be an event type name' })
  kinds?: string[];
}

export class CursorDto {
  @ApiProperty({
    example: 'start',
    description: "`start` to receive everything again, or an event's `cursor` to resume after that event",
  })
  @IsString()
  @Matches(/^(start|[0-9]{1,20}\/[0-9]{1,19}|[0-9]{1,20})$/, { message: 'cursor must be start or an event cursor' })
  cursor!: string;
}
