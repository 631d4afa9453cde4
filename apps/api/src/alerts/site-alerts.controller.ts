import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReadOperation } from '../openapi/operations.js';
import { SiteParam } from '../openapi/parameters.js';
import { SiteGuard } from '../sites/site.guard.js';
import { AlertListQueryDto } from './alert.dto.js';
import { ListAlerts } from './alert.queries.js';
import { AlertResponse } from './alert.responses.js';

/** A site's own alerts, in its workspace. */
@ApiTags('sites')
@ApiBearerAuth()
@UseGuards(SiteGuard)
@SiteParam()
@Controller('v1/sites/:organisationId')
export class SiteAlertsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('alerts')
  @ReadOperation({
    summary:
      "The alerts about the site, newest first (500 at most), with ANSM's acknowledgement and closure (the site, or ANSM; read models)",
    type: [AlertResponse],
    description: 'The alerts',
  })
  alerts(@Param('organisationId') site: string, @Query() query: AlertListQueryDto) {
    return this.queries.execute(new ListAlerts({ state: query.state, kind: query.kind, site }));
  }
}
