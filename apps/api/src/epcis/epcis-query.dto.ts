import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 instant with an offset';
const LIST = 'one or more values separated by |';

/** The query string of the EPCIS 2.0 events resources: the SimpleEventQuery parameters cannatrace answers. */
export class EpcisEventsQueryDto {
  @ApiPropertyOptional({ example: 'ObjectEvent', description: `event types (${LIST})` })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  eventType?: string;

  @ApiPropertyOptional({
    description: 'events that happened at or after this instant',
    example: '2026-03-01T00:00:00+01:00',
  })
  @IsOptional()
  @Matches(INSTANT, { message: `GE_eventTime ${INSTANT_MESSAGE}` })
  GE_eventTime?: string;

  @ApiPropertyOptional({
    description: 'events that happened before this instant',
    example: '2026-04-01T00:00:00+02:00',
  })
  @IsOptional()
  @Matches(INSTANT, { message: `LT_eventTime ${INSTANT_MESSAGE}` })
  LT_eventTime?: string;

  @ApiPropertyOptional({
    description: 'events recorded at or after this instant',
    example: '2026-03-01T00:00:00+01:00',
  })
  @IsOptional()
  @Matches(INSTANT, { message: `GE_recordTime ${INSTANT_MESSAGE}` })
  GE_recordTime?: string;

  @ApiPropertyOptional({ description: 'events recorded before this instant', example: '2026-04-01T00:00:00+02:00' })
  @IsOptional()
  @Matches(INSTANT, { message: `LT_recordTime ${INSTANT_MESSAGE}` })
  LT_recordTime?: string;

  @ApiPropertyOptional({ example: 'OBSERVE', description: `ADD, OBSERVE or DELETE (${LIST})` })
  @IsOptional()
  @Matches(/^(ADD|OBSERVE|DELETE)(\|(ADD|OBSERVE|DELETE))*$/, {
    message: 'EQ_action must be ADD, OBSERVE or DELETE, separated by |',
  })
  EQ_action?: string;

  @ApiPropertyOptional({ example: 'shipping|receiving', description: `CBV business steps, bare or as URIs (${LIST})` })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  EQ_bizStep?: string;

  @ApiPropertyOptional({ example: 'in_transit', description: `CBV dispositions, bare or as URIs (${LIST})` })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  EQ_disposition?: string;

  @ApiPropertyOptional({ example: 'https://id.gs1.org/414/3760000000017', description: `read point ids (${LIST})` })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  EQ_readPoint?: string;

  @ApiPropertyOptional({ example: 'urn:cannatrace:site:PH-1', description: `business location ids (${LIST})` })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  EQ_bizLocation?: string;

  @ApiPropertyOptional({
    example: 'https://id.gs1.org/01/03400930000014/21/SN0001',
    description: `instance identifiers (${LIST})`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  MATCH_epc?: string;

  @ApiPropertyOptional({
    example: 'https://id.gs1.org/01/03400930000014/21/SN0001',
    description: `instance identifiers, in any role (${LIST})`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  MATCH_anyEPC?: string;

  @ApiPropertyOptional({
    example: 'https://id.gs1.org/01/03400930000014/10/L1',
    description: `class identifiers (${LIST})`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  MATCH_epcClass?: string;

  @ApiPropertyOptional({
    example: 'https://id.gs1.org/01/03400930000014/10/L1',
    description: `class identifiers, in any role (${LIST})`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  MATCH_anyEPCClass?: string;

  @ApiPropertyOptional({ example: 'urn:uuid:4f983315-642a-510d-a252-67b01c8dc07f', description: `event ids (${LIST})` })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  EQ_eventID?: string;

  @ApiPropertyOptional({ example: '30', description: 'events per page, 1 to 1000 (default 30)' })
  @IsOptional()
  @Matches(/^([1-9]\d{0,2}|1000)$/, { message: 'perPage must be a whole number from 1 to 1000' })
  perPage?: string;

  @ApiPropertyOptional({
    example: 'eyJvZmZzZXQiOjMwfQ',
    description: 'the token of the next page, from the Link header of the previous one',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'nextPageToken is not a token this server gave' })
  nextPageToken?: string;
}
