import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { CommandOperation, ReadOperation } from '../openapi/operations.js';
import { INDICATIONS, type Indication } from '#domain';
import { Roles } from '../auth/access.decorators.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { problem, ProblemException } from '../problem/problem.js';
import { ListIndications } from './indication.queries.js';
import { IncludePatient, SetInclusionCap } from './patient.commands.js';
import { IncludePatientDto, InclusionCapDto } from './patient.dto.js';
import { IndicationResponse, InclusionCapSetResponse, PatientIncludedResponse } from './patient.responses.js';

const indicationPipe = new ParseEnumPipe(Object.fromEntries(INDICATIONS.map((i) => [i, i])), {
  exceptionFactory: () =>
    new ProblemException(problem(404, 'indication_unknown', `The indication is one of ${INDICATIONS.join(', ')}.`)),
});

@ApiTags('patients')
@ApiBearerAuth()
@Controller('v1')
export class PatientsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('patients')
  @Roles('prescriber')
  @CommandOperation({
    summary:
      'Include a consenting patient for one indication; answers the pseudonym cannatrace issues (never chosen by the client; the same on a retry with the same Idempotency-Key) and the attestation number (a trained prescriber of a reference centre)',
    type: PatientIncludedResponse,
    description: 'The patient is included',
  })
  async include(@Body() body: IncludePatientDto, @CommandMetadata() context: CommandContext) {
    const { indication, includedOn, consent } = body;
    const result = await this.commands.execute(new IncludePatient({ indication, includedOn, consent }, context));
    return { ...commandAnswer(result), patientId: result.patientId, attestationNumber: result.attestationNumber };
  }

  @Get('indications')
  @ReadOperation({
    summary: 'Each indication with its inclusion cap and the patients included',
    type: [IndicationResponse],
    description: 'Every indication',
  })
  indications() {
    return this.queries.execute(new ListIndications());
  }

  @Put('indications/:indication/cap')
  @HttpCode(200)
  @Roles('ansm')
  @ApiParam({
    name: 'indication',
    description: 'The indication',
    schema: { type: 'string', enum: [...INDICATIONS], example: 'EPILEPSY' },
  })
  @CommandOperation({
    summary: 'Set the inclusion cap of an indication (ANSM)',
    type: InclusionCapSetResponse,
    description: 'The cap is set',
    status: 200,
    idempotencyKey: false,
  })
  async setCap(
    @Param('indication', indicationPipe) indication: Indication,
    @Body() body: InclusionCapDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const result = await this.commands.execute(new SetInclusionCap(indication, body.cap, context));
    return { ...commandAnswer(result), indication, cap: body.cap };
  }
}
