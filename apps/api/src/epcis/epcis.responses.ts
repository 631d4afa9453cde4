import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const EPC_CLASS = 'https://id.gs1.org/01/03400930000014/10/L2026-001';
const CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { cannatrace: 'urn:cannatrace:' }];

export class EpcisQuantityResponse {
  @ApiProperty({ description: 'The lot, as a GS1 Digital Link class', example: EPC_CLASS })
  epcClass!: string;

  @ApiPropertyOptional({ description: 'Packs of the lot', example: 100 })
  quantity?: number;
}

export class EpcisPlaceResponse {
  @ApiProperty({ description: 'The site', example: 'urn:cannatrace:site:SUP-DEMO' })
  id!: string;
}

export class EpcisSourceResponse {
  @ApiProperty({ description: 'CBV source type', example: 'owning_party' })
  type!: string;

  @ApiProperty({ description: 'The party the packs come from', example: 'urn:cannatrace:organisation:SUP-DEMO' })
  source!: string;
}

export class EpcisDestinationResponse {
  @ApiProperty({ description: 'CBV destination type', example: 'owning_party' })
  type!: string;

  @ApiProperty({ description: 'The party the packs go to', example: 'urn:cannatrace:organisation:EXP-DEMO' })
  destination!: string;
}

export class EpcisBizTransactionResponse {
  @ApiProperty({ description: 'CBV business transaction type', example: 'desadv' })
  type!: string;

  @ApiProperty({
    description: 'The shipment or prescription',
    example: 'urn:cannatrace:shipment:SUP-DEMO~2026-11~f6d022d9b1ea',
  })
  bizTransaction!: string;
}

/** An EPCIS 2.0 ObjectEvent (GS1 EPCIS 2.0 and CBV 2.0). */
export class EpcisEventResponse {
  @ApiProperty({ enum: ['ObjectEvent'], description: 'EPCIS event type', example: 'ObjectEvent' })
  type!: 'ObjectEvent';

  @ApiProperty({
    description: 'The event id: the stored event’s id',
    example: 'urn:uuid:4f983315-642a-510d-a252-67b01c8dc07f',
  })
  eventID!: string;

  @ApiProperty({ description: 'When it happened', example: '2026-11-25T10:35:01.315Z' })
  eventTime!: string;

  @ApiProperty({ description: 'Offset of the time zone where it happened', example: '+01:00' })
  eventTimeZoneOffset!: string;

  @ApiProperty({ description: 'When it was recorded', example: '2026-11-25T10:35:01.317Z' })
  recordTime!: string;

  @ApiProperty({ enum: ['ADD', 'OBSERVE', 'DELETE'], description: 'EPCIS action', example: 'OBSERVE' })
  action!: 'ADD' | 'OBSERVE' | 'DELETE';

  @ApiProperty({ description: 'CBV business step', example: 'shipping' })
  bizStep!: string;

  @ApiProperty({ description: 'CBV disposition', example: 'in_transit' })
  disposition!: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Serialised packs (GS1 Digital Link)',
    example: ['https://id.gs1.org/01/03400930000014/21/SN0001'],
  })
  epcList?: string[];

  @ApiPropertyOptional({ type: [EpcisQuantityResponse], description: 'Packs counted by lot' })
  quantityList?: EpcisQuantityResponse[];

  @ApiPropertyOptional({ type: EpcisPlaceResponse, description: 'Where it was seen' })
  readPoint?: EpcisPlaceResponse;

  @ApiPropertyOptional({ type: EpcisPlaceResponse, description: 'Where the packs are afterwards' })
  bizLocation?: EpcisPlaceResponse;

  @ApiPropertyOptional({ type: [EpcisSourceResponse], description: 'Where a shipment comes from' })
  sourceList?: EpcisSourceResponse[];

  @ApiPropertyOptional({ type: [EpcisDestinationResponse], description: 'Where a shipment goes' })
  destinationList?: EpcisDestinationResponse[];

  @ApiPropertyOptional({ type: [EpcisBizTransactionResponse], description: 'The shipment or prescription concerned' })
  bizTransactionList?: EpcisBizTransactionResponse[];
}

export class EpcisEventListResponse {
  @ApiProperty({ type: [EpcisEventResponse], description: 'The events, in the order they were recorded' })
  eventList!: EpcisEventResponse[];
}

/** An EPCISDocument: a batch's whole history. */
export class EpcisDocumentResponse {
  @ApiProperty({
    name: '@context',
    type: 'array',
    items: {},
    description: 'JSON-LD context: EPCIS 2.0 and cannatrace’s own prefix',
    example: CONTEXT,
  })
  context!: unknown[];

  @ApiProperty({ enum: ['EPCISDocument'], description: 'Document type', example: 'EPCISDocument' })
  type!: string;

  @ApiProperty({ description: 'EPCIS schema version', example: '2.0' })
  schemaVersion!: string;

  @ApiProperty({ description: 'When the document was made', example: '2026-11-25T10:35:23.645Z' })
  creationDate!: string;

  @ApiProperty({ type: EpcisEventListResponse, description: 'The events' })
  epcisBody!: EpcisEventListResponse;
}

export class EpcisResultsBodyResponse {
  @ApiProperty({ type: [EpcisEventResponse], description: 'The events of this page' })
  eventList!: EpcisEventResponse[];
}

export class EpcisQueryResultsResponse {
  @ApiProperty({ description: 'The query answered', example: 'SimpleEventQuery' })
  queryName!: string;

  @ApiProperty({ type: EpcisResultsBodyResponse, description: 'The results' })
  resultsBody!: EpcisResultsBodyResponse;
}

export class EpcisQueryBodyResponse {
  @ApiProperty({ type: EpcisQueryResultsResponse, description: 'The query and its results' })
  queryResults!: EpcisQueryResultsResponse;
}

/** An EPCISQueryDocument: a page of the events a query selects (next page: the `Link: rel="next"` header). */
export class EpcisQueryDocumentResponse {
  @ApiProperty({
    name: '@context',
    type: 'array',
    items: {},
    description: 'JSON-LD context: EPCIS 2.0 and cannatrace’s own prefix',
    example: CONTEXT,
  })
  context!: unknown[];

  @ApiProperty({ enum: ['EPCISQueryDocument'], description: 'Document type', example: 'EPCISQueryDocument' })
  type!: string;

  @ApiProperty({ description: 'EPCIS schema version', example: '2.0' })
  schemaVersion!: string;

  @ApiProperty({ description: 'When the document was made', example: '2026-11-25T10:35:23.703Z' })
  creationDate!: string;

  @ApiProperty({ type: EpcisQueryBodyResponse, description: 'The query results' })
  epcisBody!: EpcisQueryBodyResponse;
}
