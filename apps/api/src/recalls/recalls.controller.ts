import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import type { RecallProgress } from '#domain';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { AcknowledgeRecall, QuarantineRecalledStock } from './recall.commands.js';
import { QuarantineDto } from './recall.dto.js';
import { GetRecallProgress } from './recall-progress.query.js';

/** A recall's follow-through: each site acknowledges and quarantines, then returns its packs (POST /v1/shipments). */
@ApiTags('recalls')
@ApiBearerAuth()
@Controller('v1/batches/:gtin/:lot/recall')
export class RecallsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('acknowledgement')
  @Roles('supplier', 'exploitant', 'pharmacist')
  @ApiOperation({
    summary: "Acknowledge the recall for the caller's site: its packs of the batch are no longer dispensed or shipped",
  })
  async acknowledge(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @CommandMetadata() context: CommandContext,
  ) {
    const result = await this.commands.execute(new AcknowledgeRecall(gtin, lot, context));
    return commandAnswer(result);
  }

  @Post('quarantine')
  @Roles('supplier', 'exploitant', 'pharmacist')
  @ApiOperation({
    summary: "Record the caller's packs of the recalled batch counted into quarantine (after acknowledging)",
  })
  async quarantine(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: QuarantineDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const result = await this.commands.execute(new QuarantineRecalledStock(gtin, lot, body.quantity, context));
    return commandAnswer(result);
  }

  @Get()
  @ApiOperation({
    summary:
      'The recall’s progress per site: notified, acknowledged, quarantined, returned, in transit, on hand (ANSM every site; others their own)',
  })
  progress(@Param('gtin') gtin: string, @Param('lot') lot: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute<GetRecallProgress, RecallProgress>(new GetRecallProgress(gtin, lot, principal));
  }
}
