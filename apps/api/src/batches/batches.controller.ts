import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CommandOperation, ReadOperation } from '../openapi/operations.js';
import { GtinParam, LotParam } from '../openapi/parameters.js';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';
import { BatchListQueryDto } from '../read-models/list-queries.dto.js';
import type { Principal } from '#auth';
import { ListBatches } from '../read-models/lists.queries.js';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { plain } from '../validation/plain.js';
import {
  assessmentOf,
  LiftBatchHold,
  PutBatchOnHold,
  RecallBatch,
  RecordAnalysis,
  RegisterBatch,
  ReleaseBatch,
  ReportInvestigation,
} from './batch.commands.js';
import {
  ReasonDto,
  RecordAnalysisDto,
  RegisterBatchDto,
  ReleaseBatchDto,
  ReportInvestigationDto,
} from './batch.dto.js';
import { GetBatch } from './batch.queries.js';
import {
  AnalysisRecordedResponse,
  BatchRecalledResponse,
  BatchRegisteredResponse,
  BatchResponse,
  BatchSummaryResponse,
} from './batch.responses.js';
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
  @CommandOperation({
    summary: "Register a batch of one of the supplier's products",
    type: BatchRegisteredResponse,
    description: 'The batch is registered',
  })
  async register(@Body() body: RegisterBatchDto, @CommandMetadata() context: CommandContext) {
    const result = await this.commands.execute(new RegisterBatch(plain(body), context));
    return { ...commandAnswer(result), gtin: body.gtin, lot: body.lot };
  }

  @Post(':gtin/:lot/analyses')
  @Roles('supplier', 'laboratory')
  @GtinParam()
  @LotParam()
  @CommandOperation({
    summary:
      "Record a certificate of analysis; answers its conformity and every failure (the batch's supplier, or a laboratory)",
    type: AnalysisRecordedResponse,
    description: 'The analysis is recorded, conformant or not',
  })
  async recordAnalysis(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: RecordAnalysisDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const result = await this.commands.execute(new RecordAnalysis(gtin, lot, plain(body), context));
    return { ...commandAnswer(result), ...assessmentOf(result.events) };
  }

  @Post(':gtin/:lot/investigations')
  @Roles('supplier')
  @GtinParam()
  @LotParam()
  @CommandOperation({
    summary:
      'Report the investigation of an out-of-specification result, with its conclusion (the batch’s supplier); a laboratory retest must follow before release',
    type: CommandAnswerResponse,
    description: 'The investigation is recorded in the batch’s history',
  })
  async reportInvestigation(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: ReportInvestigationDto,
    @CommandMetadata() context: CommandContext,
  ) {
    return commandAnswer(await this.commands.execute(new ReportInvestigation(gtin, lot, plain(body), context)));
  }

  @Post(':gtin/:lot/release')
  @Roles('supplier')
  @GtinParam()
  @LotParam()
  @CommandOperation({
    summary:
      'Release the batch: only when its latest analysis conforms and, after any out-of-specification result, an investigation and a conforming laboratory retest (its supplier)',
    type: CommandAnswerResponse,
    description: 'The batch is released; its packs enter the supplier’s register',
  })
  async release(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: ReleaseBatchDto,
    @CommandMetadata() context: CommandContext,
  ) {
    return commandAnswer(await this.commands.execute(new ReleaseBatch(gtin, lot, plain(body), context)));
  }

  @Post(':gtin/:lot/hold')
  @Roles('ansm')
  @GtinParam()
  @LotParam()
  @CommandOperation({
    summary: 'Put the batch on hold: no shipment or dispensation until lifted (ANSM)',
    type: CommandAnswerResponse,
    description: 'The batch is on hold',
  })
  async hold(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: ReasonDto,
    @CommandMetadata() context: CommandContext,
  ) {
    return commandAnswer(await this.commands.execute(new PutBatchOnHold(gtin, lot, plain(body), context)));
  }

  @Post(':gtin/:lot/lift-hold')
  @Roles('ansm')
  @GtinParam()
  @LotParam()
  @CommandOperation({ summary: 'Lift the hold (ANSM)', type: CommandAnswerResponse, description: 'The hold is lifted' })
  async liftHold(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: ReasonDto,
    @CommandMetadata() context: CommandContext,
  ) {
    return commandAnswer(await this.commands.execute(new LiftBatchHold(gtin, lot, plain(body), context)));
  }

  @Post(':gtin/:lot/recall')
  @Roles('ansm')
  @GtinParam()
  @LotParam()
  @CommandOperation({
    summary:
      'Recall the batch; a recall is final. Answers its impact: the sites still holding packs and the patients to contact (ANSM)',
    type: BatchRecalledResponse,
    description: 'The batch is recalled',
  })
  async recall(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Body() body: ReasonDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const result = commandAnswer(await this.commands.execute(new RecallBatch(gtin, lot, plain(body), context)));
    return {
      ...result,
      impact: await this.queries.execute<GetRecallImpact, RecallImpact>(new GetRecallImpact(gtin, lot)),
    };
  }

  @Get()
  @Roles('ansm', 'supplier')
  @ApiQuery({
    name: 'supplierId',
    required: false,
    description: 'Only the batches of this supplier (ANSM); a supplier always sees its own',
    example: 'SUP-DEMO',
  })
  @ReadOperation({
    summary: 'Batches with their state, newest first: a supplier its own, ANSM all or one supplier’s (read models)',
    type: [BatchSummaryResponse],
    description: 'The batches',
  })
  list(@Query() query: BatchListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListBatches(principal, query.supplierId));
  }

  @Get(':gtin/:lot')
  @GtinParam()
  @LotParam()
  @ReadOperation({
    summary:
      'The batch with its conformity, release, hold and recall state: all of it (`view: full`) for ANSM, its supplier and exploitant; a holder’s view (`view: holder`: product, lot, expiry, released, held, recalled) for another site that holds or held packs; 404 to anyone with no link to it',
    type: BatchResponse,
    description: 'The batch',
  })
  batch(@Param('gtin') gtin: string, @Param('lot') lot: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetBatch(gtin, lot, principal));
  }
}
