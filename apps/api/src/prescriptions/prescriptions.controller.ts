import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CommandOperation, ReadOperation } from '../openapi/operations.js';
import { PrescriptionIdParam } from '../openapi/parameters.js';
import { PrescriptionListQueryDto } from '../read-models/list-queries.dto.js';
import { ListPrescriptions } from '../read-models/lists.queries.js';
import type { Principal } from '#auth';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { CancelPrescriptionDto, IssuePrescriptionDto } from './prescription.dto.js';
import { CancelPrescription, IssuePrescription } from './prescription.commands.js';
import { GetPrescription } from './prescription.queries.js';
import {
  PrescriptionAnswerResponse,
  PrescriptionResponse,
  PrescriptionSummaryResponse,
} from './prescription.responses.js';

@ApiTags('prescriptions')
@ApiBearerAuth()
@Controller('v1/prescriptions')
export class PrescriptionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('prescriber')
  @CommandOperation({
    summary:
      'Issue a secure prescription (1 to 28 days): an initial one by a trained prescriber of a reference centre for an included patient, a renewal (renewalOf) by any trained prescriber',
    type: PrescriptionAnswerResponse,
    description: 'The prescription is issued',
  })
  async issue(@Body() body: IssuePrescriptionDto, @CommandMetadata() context: CommandContext) {
    const result = await this.commands.execute(
      new IssuePrescription({ ...body, renewalOf: body.renewalOf ?? null }, context),
    );
    return { ...commandAnswer(result), prescriptionId: body.securePrescriptionNumber };
  }

  @Post(':prescriptionId/cancel')
  @Roles('prescriber')
  @PrescriptionIdParam()
  @CommandOperation({
    summary: 'Cancel a prescription (its prescriber)',
    type: PrescriptionAnswerResponse,
    description: 'The prescription is cancelled',
  })
  async cancel(
    @Param('prescriptionId') prescriptionId: string,
    @Body() body: CancelPrescriptionDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const result = await this.commands.execute(new CancelPrescription(prescriptionId, body.reason, context));
    return { ...commandAnswer(result), prescriptionId };
  }

  @Get()
  @Roles('ansm', 'pharmacist', 'prescriber')
  @ApiQuery({
    name: 'pharmacyId',
    required: false,
    description: 'Only this pharmacy’s (ANSM); a pharmacist always sees its pharmacy’s',
    example: 'PH-CENTRE',
  })
  @ApiQuery({
    name: 'prescriberRpps',
    required: false,
    description: 'Only this prescriber’s (ANSM); a prescriber always sees its own',
    example: '10000000001',
  })
  @ReadOperation({
    summary: 'Prescriptions, newest first: a pharmacist its pharmacy’s, a prescriber its own, ANSM any (read models)',
    type: [PrescriptionSummaryResponse],
    description: 'The prescriptions',
  })
  list(@Query() query: PrescriptionListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListPrescriptions(principal, { ...query }));
  }

  @Get(':prescriptionId')
  @PrescriptionIdParam()
  @ReadOperation({
    summary:
      'A prescription with its dispensations so far and the packs that remain (its prescriber, its pharmacy, or ANSM). Presented after day 3, only the share of the remaining days may be dispensed, rounded down to whole packs.',
    type: PrescriptionResponse,
    description: 'The prescription',
  })
  prescription(@Param('prescriptionId') prescriptionId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetPrescription(prescriptionId, principal));
  }
}
