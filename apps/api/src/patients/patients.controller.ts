import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { INDICATIONS, type Indication } from '#domain';
import { Roles } from '../auth/access.decorators.js';
import { Command, type CommandContext } from '../commands/command-context.js';
import { commandAnswer, type CommandResult } from '../commands/streams.js';
import { problem, ProblemException } from '../problem/problem.js';
import { IncludePatient, ListIndications, SetInclusionCap, type InclusionResult } from './patient.handlers.js';
import { IncludePatientDto, InclusionCapDto } from './patient.dto.js';

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
  @ApiOperation({
    summary:
      'Include a consenting patient for one indication; answers the pseudonym cannatrace issues (never chosen by the client; the same on a retry with the same Idempotency-Key) and the attestation number (a trained prescriber of a reference centre)',
  })
  async include(@Body() body: IncludePatientDto, @Command() context: CommandContext) {
    const { indication, includedOn, consent } = body;
    const result = await this.commands.execute<IncludePatient, InclusionResult>(
      new IncludePatient({ indication, includedOn, consent }, context),
    );
    return { ...commandAnswer(result), patientId: result.patientId, attestationNumber: result.attestationNumber };
  }

  @Get('indications')
  @ApiOperation({ summary: 'Each indication with its inclusion cap and the patients included' })
  indications() {
    return this.queries.execute(new ListIndications());
  }

  @Put('indications/:indication/cap')
  @HttpCode(200)
  @Roles('ansm')
  @ApiParam({ name: 'indication', enum: INDICATIONS })
  @ApiOperation({ summary: 'Set the inclusion cap of an indication (ANSM)' })
  async setCap(
    @Param('indication', indicationPipe) indication: Indication,
    @Body() body: InclusionCapDto,
    @Command() context: CommandContext,
  ) {
    const result = await this.commands.execute<SetInclusionCap, CommandResult>(
      new SetInclusionCap(indication, body.cap, context),
    );
    return { ...commandAnswer(result), indication, cap: body.cap };
  }
}
