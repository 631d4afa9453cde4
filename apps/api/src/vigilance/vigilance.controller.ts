import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import { CommandOperation, ReadOperation } from '../openapi/operations.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import {
  AddVigilanceFollowUp,
  CorrectVigilanceReport,
  FileVigilanceReport,
  HoldSignalledBatches,
  SetVigilanceThreshold,
} from './vigilance.commands.js';
import {
  CorrectVigilanceReportDto,
  FileVigilanceReportDto,
  VigilanceFollowUpDto,
  VigilanceThresholdDto,
} from './vigilance.dto.js';
import {
  GetVigilanceReport,
  GetVigilanceSignal,
  GetVigilanceThreshold,
  ListVigilanceReports,
  ListVigilanceSignals,
} from './vigilance.queries.js';
import {
  SignalHoldResponse,
  VigilanceReportFiledResponse,
  VigilanceReportResponse,
  VigilanceReportSummaryResponse,
  VigilanceSignalResponse,
  VigilanceSignalSummaryResponse,
  VigilanceThresholdResponse,
  VigilanceThresholdSetResponse,
} from './vigilance.responses.js';

const ReportIdParam = () =>
  ApiParam({ name: 'reportId', description: 'The report’s id', example: '3f2a1c9e-7b4d-5e8f-9a0b-1c2d3e4f5a6b' });
const SignalIdParam = () =>
  ApiParam({ name: 'signalId', description: 'The signal’s id', example: '8d1e2f3a-4b5c-5d6e-8f7a-9b0c1d2e3f4a' });

/** Pharmacovigilance and addictovigilance: reports routed to the regional centres, and ANSM's signals. */
@ApiTags('vigilance')
@ApiBearerAuth()
@Controller('v1/vigilance')
export class VigilanceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('reports')
  @Roles('pharmacist', 'prescriber')
  @CommandOperation({
    summary:
      'File an adverse-effect or abuse/dependence report about a patient the caller cares for: the batches dispensed to the patient are attached, and the report is routed to the CRPV or CEIP-A of the caller organisation’s region',
    type: VigilanceReportFiledResponse,
    description: 'The report is filed; `signals` names any signal it raised',
  })
  async file(@Body() body: FileVigilanceReportDto, @CommandMetadata() context: CommandContext) {
    const { kind, patientId, seriousness, onsetOn, outcome, narrative } = body;
    const result = await this.commands.execute(
      new FileVigilanceReport({ kind, patientId, seriousness, onsetOn, outcome, narrative }, context),
    );
    return { ...commandAnswer(result), reportId: result.reportId, signals: result.signals };
  }

  @Get('reports')
  @Roles('pharmacist', 'prescriber', 'ansm')
  @ReadOperation({
    summary:
      'The newest 500 reports the caller may read, without their free text: ANSM all, a pharmacist those it filed, a prescriber those it filed and those about patients it prescribed for (read model)',
    type: [VigilanceReportSummaryResponse],
    description: 'The reports, newest first',
  })
  reports(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListVigilanceReports(principal));
  }

  @Get('reports/:reportId')
  @Roles('pharmacist', 'prescriber', 'ansm')
  @ReportIdParam()
  @ReadOperation({
    summary:
      'One report with its narrative, corrections and follow-ups (from its stream); 404 to whoever may not read it',
    type: VigilanceReportResponse,
    description: 'The report as it stands',
  })
  report(@Param('reportId') reportId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetVigilanceReport(reportId, principal));
  }

  @Post('reports/:reportId/corrections')
  @Roles('pharmacist', 'prescriber')
  @ReportIdParam()
  @CommandOperation({
    summary: 'Correct a report the caller filed: a new event on the report (a change of kind routes it again)',
    type: VigilanceReportFiledResponse,
    description: 'The correction is recorded; `signals` names any signal the report now takes part in',
  })
  async correct(
    @Param('reportId') reportId: string,
    @Body() body: CorrectVigilanceReportDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const { reason, ...changes } = body;
    const result = await this.commands.execute(new CorrectVigilanceReport(reportId, changes, reason, context));
    return { ...commandAnswer(result), reportId, signals: result.signals };
  }

  @Post('reports/:reportId/follow-ups')
  @Roles('pharmacist', 'prescriber')
  @ReportIdParam()
  @CommandOperation({
    summary: 'Add a follow-up to a report the caller filed (free text, and the outcome when it changed)',
    type: VigilanceReportFiledResponse,
    description: 'The follow-up is recorded',
  })
  async followUp(
    @Param('reportId') reportId: string,
    @Body() body: VigilanceFollowUpDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const { outcome, narrative } = body;
    const followUp = { narrative, ...(outcome !== undefined ? { outcome } : {}) };
    const result = await this.commands.execute(new AddVigilanceFollowUp(reportId, followUp, context));
    return { ...commandAnswer(result), reportId, signals: result.signals };
  }

  @Get('signals')
  @Roles('ansm')
  @ReadOperation({
    summary: 'The newest 500 signals: batches or products whose serious reports crossed the threshold (read model)',
    type: [VigilanceSignalSummaryResponse],
    description: 'The signals, newest first',
  })
  signals() {
    return this.queries.execute(new ListVigilanceSignals());
  }

  @Get('signals/:signalId')
  @Roles('ansm')
  @SignalIdParam()
  @ReadOperation({
    summary: 'A signal with its reports and the trace of its batch (or of its product’s batches the reports name)',
    type: VigilanceSignalResponse,
    description: 'The signal',
  })
  signal(@Param('signalId') signalId: string) {
    return this.queries.execute(new GetVigilanceSignal(signalId));
  }

  @Post('signals/:signalId/hold')
  @Roles('ansm')
  @SignalIdParam()
  @CommandOperation({
    summary:
      'Put the signal’s batch (or every released batch of its product) on hold, with a reason naming the signal; once per batch and signal, however often it is clicked',
    type: SignalHoldResponse,
    description: 'Each batch, held or why not',
  })
  hold(@Param('signalId') signalId: string, @CommandMetadata() context: CommandContext) {
    return this.commands.execute(new HoldSignalledBatches(signalId, context));
  }

  @Put('thresholds')
  @HttpCode(200)
  @Roles('ansm')
  @CommandOperation({
    summary: 'Set how many serious reports on one batch or product, within how many days, raise a signal (ANSM)',
    type: VigilanceThresholdSetResponse,
    description: 'The threshold is set; it applies to reports filed or corrected from now',
    status: 200,
    idempotencyKey: false,
  })
  async setThreshold(@Body() body: VigilanceThresholdDto, @CommandMetadata() context: CommandContext) {
    const threshold = { reports: body.reports, days: body.days };
    const result = await this.commands.execute(new SetVigilanceThreshold(threshold, context));
    return { ...commandAnswer(result), ...threshold };
  }

  @Get('thresholds')
  @Roles('ansm')
  @ReadOperation({
    summary: 'The threshold that raises a signal (3 serious reports in 30 days unless ANSM set another)',
    type: VigilanceThresholdResponse,
    description: 'The threshold',
  })
  threshold() {
    return this.queries.execute(new GetVigilanceThreshold());
  }
}
