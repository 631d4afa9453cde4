import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { READ_ERRORS, ReadOperation } from '../openapi/operations.js';
import type { Request, Response } from 'express';
import type { Principal } from '#auth';
import { EPCIS_CONTEXT, EPCIS_QUERY_PARAMETERS, type EpcisObjectEvent, type EpcisQuery } from '#domain';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import { problem, ProblemException } from '../problem/problem.js';
import { EpcisEventsQueryDto } from './epcis-query.dto.js';
import { QueryEpcisEvents, type EpcisEventsPage } from './epcis.queries.js';
import { EpcisEventResponse, EpcisQueryDocumentResponse } from './epcis.responses.js';

const VERSION = '2.0.0';
const LIST_PARAMETERS = new Set<string>(EPCIS_QUERY_PARAMETERS.filter((p) => !/^(GE|LT)_/.test(p)));

/** The EPCIS 2.0 query document around a page of events. */
function queryDocument(events: EpcisObjectEvent[]) {
  return {
    '@context': [EPCIS_CONTEXT, { cannatrace: 'urn:cannatrace:' }],
    type: 'EPCISQueryDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList: events } } },
  };
}

const pageToken = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64url');

function offsetOf(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (Number.isSafeInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    // Falls through to the refusal below.
  }
  throw new ProblemException(problem(400, 'invalid_page_token', 'nextPageToken is not a token this server gave'));
}

/**
 * EPCIS 2.0 query interface (REST binding) over the event store: the events resource, its views by event type,
 * business step, disposition, EPC, read point and business location, each with the SimpleEventQuery parameters,
 * paginated by `perPage` and `nextPageToken` with a `Link: rel="next"` header. ANSM reads every event; an
 * organisation the events recorded at its own site.
 */
@ApiTags('EPCIS 2.0 query')
@ApiBearerAuth()
@ApiHeader({
  name: 'GS1-EPCIS-Version',
  required: false,
  description: 'EPCIS version the client expects: 2.0.0',
  example: '2.0.0',
})
@ApiProduces('application/ld+json')
@Roles('ansm', 'supplier', 'exploitant', 'pharmacist')
@Controller('v1/epcis')
export class EpcisController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @ReadOperation({
    summary: 'EPCIS events meeting the query parameters, a page at a time (EPCISQueryDocument)',
    type: EpcisQueryDocumentResponse,
    description: 'A page of events',
    errors: [...READ_ERRORS, 406],
  })
  events(
    @Query() query: EpcisEventsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('gs1-epcis-version') version: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answer(query, {}, principal, version, request, response);
  }

  @Get('events/:eventID')
  @ApiParam({ name: 'eventID', description: 'The eventID', example: 'urn:uuid:4f983315-642a-510d-a252-67b01c8dc07f' })
  @ReadOperation({
    summary: 'One EPCIS event by its eventID (404 when none, or outside the caller’s scope)',
    type: EpcisEventResponse,
    description: 'The event',
    errors: [...READ_ERRORS, 406],
  })
  async event(
    @Param('eventID') eventID: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('gs1-epcis-version') version: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const document = await this.answer({}, { EQ_eventID: [eventID] }, principal, version, request, response);
    const [event] = document.epcisBody.queryResults.resultsBody.eventList;
    if (!event) throw new ProblemException(problem(404, 'epcis_event_unknown', `no EPCIS event ${eventID}`));
    response.removeHeader('Link');
    return event;
  }

  @Get('eventTypes/:eventType/events')
  @ApiParam({ name: 'eventType', description: 'EPCIS event type', example: 'ObjectEvent' })
  @ReadOperation({
    summary: 'EPCIS events of one event type',
    type: EpcisQueryDocumentResponse,
    description: 'A page of events',
    errors: [...READ_ERRORS, 406],
  })
  byType(
    @Param('eventType') eventType: string,
    @Query() query: EpcisEventsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('gs1-epcis-version') version: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answer(query, { eventType: [eventType] }, principal, version, request, response);
  }

  @Get('bizSteps/:bizStep/events')
  @ApiParam({ name: 'bizStep', description: 'CBV business step', example: 'shipping' })
  @ReadOperation({
    summary: 'EPCIS events of one business step',
    type: EpcisQueryDocumentResponse,
    description: 'A page of events',
    errors: [...READ_ERRORS, 406],
  })
  byBizStep(
    @Param('bizStep') bizStep: string,
    @Query() query: EpcisEventsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('gs1-epcis-version') version: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answer(query, { EQ_bizStep: [bizStep] }, principal, version, request, response);
  }

  @Get('dispositions/:disposition/events')
  @ApiParam({ name: 'disposition', description: 'CBV disposition', example: 'in_transit' })
  @ReadOperation({
    summary: 'EPCIS events of one disposition',
    type: EpcisQueryDocumentResponse,
    description: 'A page of events',
    errors: [...READ_ERRORS, 406],
  })
  byDisposition(
    @Param('disposition') disposition: string,
    @Query() query: EpcisEventsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('gs1-epcis-version') version: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answer(query, { EQ_disposition: [disposition] }, principal, version, request, response);
  }

  @Get('epcs/:epc/events')
  @ApiParam({
    name: 'epc',
    description: 'A pack or a lot as a GS1 Digital Link URI, percent-encoded',
    example: 'https%3A%2F%2Fid.gs1.org%2F01%2F03400930000014%2F10%2FDEMO-A',
  })
  @ReadOperation({
    summary: 'EPCIS events of one identifier (percent-encoded): a serialised pack, or a lot as a class',
    type: EpcisQueryDocumentResponse,
    description: 'A page of events',
    errors: [...READ_ERRORS, 406],
  })
  byEpc(
    @Param('epc') epc: string,
    @Query() query: EpcisEventsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('gs1-epcis-version') version: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const anyIdentifier = /\/10\/[^/]+$/.test(epc) ? { MATCH_anyEPCClass: [epc] } : { MATCH_anyEPC: [epc] };
    return this.answer(query, anyIdentifier, principal, version, request, response);
  }

  @Get('bizLocations/:bizLocation/events')
  @ApiParam({
    name: 'bizLocation',
    description: 'A business location, percent-encoded',
    example: 'urn%3Acannatrace%3Asite%3APH-CENTRE',
  })
  @ReadOperation({
    summary: 'EPCIS events at one business location (percent-encoded)',
    type: EpcisQueryDocumentResponse,
    description: 'A page of events',
    errors: [...READ_ERRORS, 406],
  })
  byBizLocation(
    @Param('bizLocation') bizLocation: string,
    @Query() query: EpcisEventsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('gs1-epcis-version') version: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answer(query, { EQ_bizLocation: [bizLocation] }, principal, version, request, response);
  }

  @Get('readPoints/:readPoint/events')
  @ApiParam({
    name: 'readPoint',
    description: 'A read point, percent-encoded',
    example: 'urn%3Acannatrace%3Asite%3APH-CENTRE',
  })
  @ReadOperation({
    summary: 'EPCIS events at one read point (percent-encoded)',
    type: EpcisQueryDocumentResponse,
    description: 'A page of events',
    errors: [...READ_ERRORS, 406],
  })
  byReadPoint(
    @Param('readPoint') readPoint: string,
    @Query() query: EpcisEventsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('gs1-epcis-version') version: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answer(query, { EQ_readPoint: [readPoint] }, principal, version, request, response);
  }

  private async answer(
    dto: EpcisEventsQueryDto,
    fixed: EpcisQuery,
    principal: Principal,
    version: string | undefined,
    request: Request,
    response: Response,
  ) {
    if (version !== undefined && !version.startsWith('2.0')) {
      throw new ProblemException(
        problem(406, 'epcis_version_unsupported', `this repository speaks EPCIS ${VERSION}, not ${version}`),
      );
    }
    const query: EpcisQuery = { ...fixed };
    for (const name of EPCIS_QUERY_PARAMETERS) {
      const value = dto[name];
      if (value === undefined) continue;
      if (fixed[name] !== undefined)
        throw new ProblemException(problem(400, 'validation', `${name} is already fixed by the resource path`));
      (query as Record<string, unknown>)[name] = LIST_PARAMETERS.has(name) ? value.split('|') : value;
    }
    const perPage = dto.perPage === undefined ? 30 : Number(dto.perPage);
    const scope =
      principal.role === 'ansm'
        ? ({ kind: 'all' } as const)
        : ({ kind: 'organisation', organisation: principal.org } as const);
    const page = await this.queries.execute<QueryEpcisEvents, EpcisEventsPage>(
      new QueryEpcisEvents(query, scope, offsetOf(dto.nextPageToken), perPage),
    );
    response.setHeader('GS1-EPCIS-Version', VERSION);
    response.setHeader('GS1-CBV-Version', VERSION);
    response.setHeader('Content-Type', 'application/ld+json');
    if (page.next !== undefined) {
      const url = new URL(request.originalUrl, 'http://local');
      url.searchParams.set('nextPageToken', pageToken(page.next));
      response.setHeader('Link', `<${url.pathname}${url.search}>; rel="next"`);
    }
    return queryDocument(page.events);
  }
}
