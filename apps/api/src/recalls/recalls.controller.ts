import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import type { RecallProgress } from '#domain';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';
import { CommandOperation, ReadOperation } from '../openapi/operations.js';
import { GtinParam, LotParam } from '../openapi/parameters.js';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { AcknowledgeRecall, QuarantineRecalledStock } from './recall.commands.js';
import { QuarantineDto } from './recall.dto.js';
import { GetRecallProgress } from './recall-progress.query.js';
import { RecallProgressResponse } from './recall.responses.js';

/** A recall's follow-through: each site acknowledges and quarantines, then returns its packs (POST /v1/shipments). */
@ApiTags('recalls')
@ApiBearerAuth()
@GtinParam()
@LotParam()
@Controller('v1/batches/:gtin/:lot/recall')
export class RecallsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('acknowledgement')
  @Roles('supplier', 'exploitant', 'pharmacist')
  @CommandOperation({
    summary: "Acknowledge the recall for the caller's site: its packs of the batch are no longer dispensed or shipped",
    type: CommandAnswerResponse,
    description: "The acknowledgement is in the site's register",
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
  @CommandOperation({
    summary: "Record the caller's packs of the recalled batch counted into quarantine (after acknowledging)",
    type: CommandAnswerResponse,
    description: "The quarantine is in the site's register",
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
  @ReadOperation({
    summary:
      'The recall’s progress per site: notified, acknowledged, quarantined, returned, in transit, on hand (ANSM every site; others their own)',
    type: RecallProgressResponse,
    description:
      'The progress; while the batch is not recalled, `recalled: false` and the sites holding packs, none complete',
  })
  progress(@Param('gtin') gtin: string, @Param('lot') lot: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute<GetRecallProgress, RecallProgress>(new GetRecallProgress(gtin, lot, principal));
  }
}
