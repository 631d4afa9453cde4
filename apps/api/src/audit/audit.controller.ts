import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EpcisDocumentResponse } from '../epcis/epcis.responses.js';
import { IdempotencyKeyHeader, ReadOperation } from '../openapi/operations.js';
import { GtinParam, LotParam } from '../openapi/parameters.js';
import { Roles } from '../auth/access.decorators.js';
import { AsOfQueryDto, StoreDigestDto } from './audit.dto.js';
import { BatchHistoryResponse, VerificationResponse } from './audit.responses.js';
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
  @ReadOperation({
    summary:
      'The same check, and that the store still holds exactly what a digest downloaded earlier certified (ANSM). Run by the service being checked: `cli verify --against` on a copy of the database does not have to trust it.',
    type: VerificationResponse,
    description: 'What the verification found, with `digest`: whether the digest holds',
    // A POST: its Idempotency-Key may be reused with another body (409); nothing it names can be missing (404).
    errors: [400, 401, 403, 409, 429],
  })
  @IdempotencyKeyHeader()
  verifyAgainst(@Body() digest: StoreDigestDto) {
    return this.queries.execute(new VerifyStore(digest));
  }

  @Get('digest')
  @ReadOperation({
    summary:
      'Seal every event committed so far and answer the signed checkpoint: keep it, and verify the store against it later (ANSM)',
    type: StoreDigestDto,
    description: 'The signed digest: give it back as is to POST /v1/audit/verify',
  })
  digest() {
    return this.queries.execute(new GetStoreDigest());
  }
}
