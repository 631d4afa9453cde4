import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { CommandOperation, ReadOperation } from '../openapi/operations.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { plain } from '../validation/plain.js';
import { AcknowledgeAlert, ChangeAlertSettings, CloseAlert } from './alert.commands.js';
import { AlertListQueryDto, AlertNoteDto, AlertSettingsDto } from './alert.dto.js';
import { GetAlertSettings, ListAlerts } from './alert.queries.js';
import {
  AlertAnswerResponse,
  AlertResponse,
  AlertSettingsAnswerResponse,
  AlertSettingsResponse,
} from './alert.responses.js';

const AlertIdParam = () =>
  ApiParam({ name: 'alertId', description: 'The alert’s id', example: '5b7f1f0e-3c2a-5d4e-8f6a-1b2c3d4e5f60' });

/** ANSM's alerts: the list, acknowledging and closing them, and the thresholds they are raised at. */
@ApiTags('trace and audit')
@ApiBearerAuth()
@Roles('ansm')
@Controller('v1/audit')
export class AlertsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('alerts')
  @ReadOperation({
    type: [AlertResponse],
    description: 'The alerts, newest first (500 at most)',
    summary:
      'Alerts for ANSM, newest first, each with its kind, subject, evidence and state: out-of-specification results, receipt discrepancies, expiry mismatches, losses and adjustments above the threshold, dispensing or stock near expiry, shipments overdue, recalls not acknowledged (ANSM; read models)',
  })
  alerts(@Query() query: AlertListQueryDto) {
    return this.queries.execute(new ListAlerts({ state: query.state, kind: query.kind }));
  }

  @Post('alerts/:alertId/acknowledgement')
  @AlertIdParam()
  @CommandOperation({
    summary: 'Acknowledge an open alert with a note: ANSM has seen it and says what it does (ANSM)',
    type: AlertAnswerResponse,
    description: 'The alert is acknowledged',
  })
  async acknowledge(
    @Param('alertId') alertId: string,
    @Body() body: AlertNoteDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const result = await this.commands.execute(new AcknowledgeAlert(alertId, body.note, context));
    return { ...commandAnswer(result), alertId: result.alertId };
  }

  @Post('alerts/:alertId/closure')
  @AlertIdParam()
  @CommandOperation({
    summary: 'Close an alert, open or acknowledged, with a note saying why (ANSM)',
    type: AlertAnswerResponse,
    description: 'The alert is closed',
  })
  async close(
    @Param('alertId') alertId: string,
    @Body() body: AlertNoteDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const result = await this.commands.execute(new CloseAlert(alertId, body.note, context));
    return { ...commandAnswer(result), alertId: result.alertId };
  }

  @Get('alert-settings')
  @ReadOperation({
    summary: 'The thresholds alerts are raised at (ANSM)',
    type: AlertSettingsResponse,
    description: 'The settings in force',
  })
  settings() {
    return this.queries.execute(new GetAlertSettings());
  }

  @Put('alert-settings')
  @HttpCode(200)
  @CommandOperation({
    summary:
      'Set every threshold alerts are raised at; they apply to what is found from now on, raised alerts stay (ANSM)',
    type: AlertSettingsAnswerResponse,
    description: 'The settings are in force',
    status: 200,
    idempotencyKey: false,
  })
  async changeSettings(@Body() body: AlertSettingsDto, @CommandMetadata() context: CommandContext) {
    const result = await this.commands.execute(new ChangeAlertSettings(plain(body), context));
    const settings = await this.queries.execute(new GetAlertSettings());
    return { ...commandAnswer(result), settings };
  }
}
