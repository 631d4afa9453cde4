import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReadOperation } from '../openapi/operations.js';
import { GtinParam, LotParam } from '../openapi/parameters.js';
import { Roles } from '../auth/access.decorators.js';
import { GetBatchTrace } from './trace.queries.js';
import { BatchTraceResponse } from './trace.responses.js';

@ApiTags('trace and audit')
@ApiBearerAuth()
@Roles('ansm')
@Controller('v1/trace')
export class TraceController {
  constructor(private readonly queries: QueryBus) {}

  @Get('batches/:gtin/:lot')
  @GtinParam()
  @LotParam()
  @ReadOperation({
    summary:
      'Where the packs of a batch went: every site with received, shipped, dispensed and on-hand packs, every dispensation and patient pseudonym (ANSM; read models)',
    type: BatchTraceResponse,
    description: 'Where the packs went',
  })
  trace(@Param('gtin') gtin: string, @Param('lot') lot: string) {
    return this.queries.execute(new GetBatchTrace(gtin, lot));
  }
}
