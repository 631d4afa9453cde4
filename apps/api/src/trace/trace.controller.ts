import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { GetBatchTrace } from './trace.queries.js';

@ApiTags('trace and audit')
@ApiBearerAuth()
@Roles('ansm')
@Controller('v1/trace')
export class TraceController {
  constructor(private readonly queries: QueryBus) {}

  @Get('batches/:gtin/:lot')
  @ApiOperation({
    summary:
      'Where the packs of a batch went: every site with received, shipped, dispensed and on-hand packs, every dispensation and patient pseudonym (ANSM; read models)',
  })
  trace(@Param('gtin') gtin: string, @Param('lot') lot: string) {
    return this.queries.execute(new GetBatchTrace(gtin, lot));
  }
}
