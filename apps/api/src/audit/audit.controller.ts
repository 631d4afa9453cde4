import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EpcisDocumentResponse } from '../epcis/epcis.responses.js';
import { ReadOperation } from '../openapi/operations.js';
import { GtinParam, LotParam } from '../openapi/parameters.js';
import { Roles } from '../auth/access.decorators.js';
import { ListAlerts } from './alerts.queries.js';
import { AsOfQueryDto, StoreDigestDto } from './audit.dto.js';
import { AlertResponse, BatchHistoryResponse, VerificationResponse } from './audit.responses.js';
import { ExportBatchEpcis, GetBatchHistory, GetStoreDigest, VerifyStore } from './audit.queries.js';

@ApiTags('trace and audit')
@ApiBearerAuth()
@Roles('ansm')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('batches/:gtin/:lot/history')
  @GtinParam()
  @LotParam()
  @ReadOperation({
    summary:
      "Every event that concerns the batch, replayed from the event store, and the batch's state as it stood at asOf (by recording time) (ANSM)",
    type: BatchHistoryResponse,
    description: 'The history',
  })
  history(@Param('gtin') gtin: string, @Param('lot') lot: string, @Query() query: AsOfQueryDto) {
    return this.queries.execute(new GetBatchHistory(gtin, lot, query.asOf ? new Date(query.asOf) : new Date()));
  }

  @Get('batches/:gtin/:lot/epcis')
  @Header('Content-Type', 'application/ld+json')
  @GtinParam()
  @LotParam()
  @ApiProduces('application/ld+json')
  @ReadOperation({
    summary:
      "The batch's history as an EPCIS 2.0 JSON-LD document (ObjectEvents with CBV business steps and dispositions) (ANSM)",
    type: EpcisDocumentResponse,
    description: 'The EPCISDocument',
  })
  epcis(@Param('gtin') gtin: string, @Param('lot') lot: string) {
    return this.queries.execute(new ExportBatchEpcis(gtin, lot));
  }

  @Get('alerts')
  @ReadOperation({
    type: [AlertResponse],
    description: 'The alerts, newest first (500 at most)',
    summary:
      'Alerts for ANSM, newest first: every out-of-specification analysis result (whoever recorded it) with its failures; the batch’s view tells whether it was investigated and cleared by a laboratory retest (ANSM; read models)',
  })
  alerts() {
    return this.queries.execute(new ListAlerts());
  }

  @Get('verify')
  @ReadOperation({
    summary:
      'Recompute every hash chain and the global order against every sealed checkpoint; name the first broken event of each broken stream and every stream or stream tail missing (ANSM)',
    type: VerificationResponse,
    description: 'What the verification found',
  })
  verify() {
    return this.queries.execute(new VerifyStore());
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The same check, and that the store still holds exactly what a digest downloaded earlier certified (ANSM). Run by the service being checked: `cli verify --against` on a copy of the database does not have to trust it.',
  })
  verifyAgainst(@Body() digest: StoreDigestDto) {
    return this.queries.execute(new VerifyStore(digest));
  }

  @Get('digest')
  @ApiOperation({
    summary:
      'Seal every event committed so far and answer the signed checkpoint: keep it, and verify the store against it later (ANSM)',
  })
  digest() {
    return this.queries.execute(new GetStoreDigest());
  }
}
