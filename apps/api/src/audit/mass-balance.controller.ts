import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import { ReadOperation } from '../openapi/operations.js';
import { GtinParam, LotParam } from '../openapi/parameters.js';
import { MassBalanceListQueryDto } from './mass-balance.dto.js';
import { GetMassBalance, ListMassBalances } from './mass-balance.queries.js';
import { MassBalanceResponse, MassBalanceSummaryResponse } from './mass-balance.responses.js';

@ApiTags('trace and audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class MassBalanceController {
  constructor(private readonly queries: QueryBus) {}

  @Get('batches/:gtin/:lot/balance')
  @Roles('ansm', 'supplier', 'exploitant')
  @GtinParam()
  @LotParam()
  @ReadOperation({
    summary:
      "The batch's mass balance: released = awaiting entry + on hand at every site + in transit + missing at receipt + dispensed + lost + destroyed − adjustments, each site's figures, and the sites whose figures disagree (ANSM; the batch's supplier and exploitants; read models)",
    type: MassBalanceResponse,
    description: 'The balance',
  })
  balance(@Param('gtin') gtin: string, @Param('lot') lot: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetMassBalance(gtin, lot, principal));
  }

  @Get('balances')
  @Roles('ansm')
  @ReadOperation({
    summary:
      'Batches’ mass balances by GTIN and lot, 500 at most; imbalanced=true: only those out of balance (ANSM; read models)',
    type: [MassBalanceSummaryResponse],
    description: 'The balances',
  })
  balances(@Query() query: MassBalanceListQueryDto) {
    return this.queries.execute(new ListMassBalances(query.imbalanced === 'true'));
  }
}
