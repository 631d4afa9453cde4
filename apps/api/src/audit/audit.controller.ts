import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { ListAlerts } from './alerts.queries.js';
import { AsOfQueryDto } from './audit.dto.js';
import { ExportBatchEpcis, GetBatchHistory, VerifyStore } from './audit.queries.js';

@ApiTags('trace and audit')
@ApiBearerAuth()
@Roles('ansm')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('batches/:gtin/:lot/history')
  @ApiOperation({
    summary:
      "Every event that concerns the batch, replayed from the event store, and the batch's state as it stood at asOf (by recording time) (ANSM)",
  })
  history(@Param('gtin') gtin: string, @Param('lot') lot: string, @Query() query: AsOfQueryDto) {
    return this.queries.execute(new GetBatchHistory(gtin, lot, query.asOf ? new Date(query.asOf) : new Date()));
  }

  @Get('batches/:gtin/:lot/epcis')
  @Header('Content-Type', 'application/ld+json')
  @ApiOperation({
    summary:
      "The batch's history as an EPCIS 2.0 JSON-LD document (ObjectEvents with CBV business steps and dispositions) (ANSM)",
  })
  epcis(@Param('gtin') gtin: string, @Param('lot') lot: string) {
    return this.queries.execute(new ExportBatchEpcis(gtin, lot));
  }

  @Get('alerts')
  @ApiOperation({
    summary:
      'Alerts for ANSM, newest first: every out-of-specification analysis result (whoever recorded it) with its failures; the batch’s view tells whether it was investigated and cleared by a laboratory retest (ANSM; read models)',
  })
  alerts() {
    return this.queries.execute(new ListAlerts());
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute every hash chain; name the first broken event of each broken stream (ANSM)' })
  verify() {
    return this.queries.execute(new VerifyStore());
  }
}
