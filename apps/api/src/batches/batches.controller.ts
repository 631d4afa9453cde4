import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BatchListQueryDto } from '../read-models/list-queries.dto.js';
import type { Principal } from '#auth';
import { ListBatches } from '../read-models/lists.queries.js';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import { Command, type CommandContext } from '../commands/command-context.js';
import { commandAnswer } from '../commands/streams.js';
import { plain } from '../validation/plain.js';
import { assessmentOf, ExecuteBatchCommand, type BatchCommandResult, type BatchRequest } from './batch.commands.js';
import {
  ReasonDto,
  RecordAnalysisDto,
  RegisterBatchDto,
  ReleaseBatchDto,
  ReportInvestigationDto,
} from './batch.dto.js';
import { GetBatch } from './batch.queries.js';
import { GetRecallImpact, type RecallImpact } from './recall-impact.query.js';

@ApiTags('batches')
@ApiBearerAuth()
@Controller('v1/batches')
export class BatchesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('supplier')
  @ApiOperation({ summary: "Register a batch of one of the supplier's products" })
  async register(@Body() body: RegisterBatchDto, @Command() context: CommandContext) {
    const result = await this.run(body.gtin, body.lot, { type: 'RegisterBatch', data: plain(body) }, context);
    return { ...commandAnswer(result), gtin: body.gtin, lot: body.lot };
  }

  @Post(':gtin/:lot/analyses')
  @Roles('supplier', 'laboratory')
  @ApiOperation({
    summary:
      "Record a certificate of analysis; answers its conformity and every failure (the batch's supplier, or a laboratory)",
  })
  async recordAnalysis(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: RecordAnalysisDto,
    @Command() context: CommandContext,
  ) {
    const result = await this.run(gtin, lot, { type: 'RecordAnalysis', data: plain(body) }, context);
    return { ...commandAnswer(result), ...assessmentOf(result.events) };
  }

  @Post(':gtin/:lot/investigations')
  @Roles('supplier')
  @ApiOperation({
    summary:
      'Report the investigation of an out-of-specification result, with its conclusion (the batch’s supplier); a laboratory retest must follow before release',
  })
  async reportInvestigation(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: ReportInvestigationDto,
    @Command() context: CommandContext,
  ) {
    return commandAnswer(await this.run(gtin, lot, { type: 'ReportInvestigation', data: plain(body) }, context));
  }

  @Post(':gtin/:lot/release')
  @Roles('supplier')
  @ApiOperation({
    summary:
      'Release the batch: only when its latest analysis conforms and, after any out-of-specification result, an investigation and a conforming laboratory retest (its supplier)',
  })
  async release(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: ReleaseBatchDto,
    @Command() context: CommandContext,
  ) {
    return commandAnswer(await this.run(gtin, lot, { type: 'ReleaseBatch', data: plain(body) }, context));
  }

  @Post(':gtin/:lot/hold')
  @Roles('ansm')
  @ApiOperation({ summary: 'Put the batch on hold: no shipment or dispensation until lifted (ANSM)' })
  async hold(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: ReasonDto,
    @Command() context: CommandContext,
  ) {
    return commandAnswer(await this.run(gtin, lot, { type: 'PutBatchOnHold', data: plain(body) }, context));
  }

  @Post(':gtin/:lot/lift-hold')
  @Roles('ansm')
  @ApiOperation({ summary: 'Lift the hold (ANSM)' })
  async liftHold(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: ReasonDto,
    @Command() context: CommandContext,
  ) {
    return commandAnswer(await this.run(gtin, lot, { type: 'LiftBatchHold', data: plain(body) }, context));
  }

  @Post(':gtin/:lot/recall')
  @Roles('ansm')
  @ApiOperation({
    summary:
      'Recall the batch; a recall is final. Answers its impact: the sites still holding packs and the patients to contact (ANSM)',
  })
  async recall(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: ReasonDto,
    @Command() context: CommandContext,
  ) {
    const result = commandAnswer(await this.run(gtin, lot, { type: 'RecallBatch', data: plain(body) }, context));
    return {
      ...result,
      impact: await this.queries.execute<GetRecallImpact, RecallImpact>(new GetRecallImpact(gtin, lot)),
    };
  }

  @Get()
  @Roles('ansm', 'supplier')
  @ApiOperation({
    summary: 'Batches with their state, newest first: a supplier its own, ANSM all or one supplier’s (read models)',
  })
  list(@Query() query: BatchListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListBatches(principal, query.supplierId));
  }

  @Get(':gtin/:lot')
  @ApiOperation({
    summary:
      'The batch with its conformity, release, hold and recall state: all of it (`view: full`) for ANSM, its supplier and exploitant; a holder’s view (`view: holder`: product, lot, expiry, released, held, recalled) for another site that holds or held packs; 404 to anyone with no link to it',
  })
  batch(@Param('gtin') gtin: string, @Param('lot') lot: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetBatch(gtin, lot, principal));
  }

  private run(gtin: string, lot: string, request: BatchRequest, context: CommandContext) {
    return this.commands.execute<ExecuteBatchCommand, BatchCommandResult>(
      new ExecuteBatchCommand(gtin, lot, request, context),
    );
  }
}
