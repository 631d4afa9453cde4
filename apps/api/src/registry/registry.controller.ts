import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { RegisterOrganisationDto, RegisterProfessionalDto } from './registry.dto.js';
import { RegisterOrganisation, RegisterProfessional } from './registry.commands.js';
import { GetOrganisation, GetProfessional } from './registry.queries.js';

@ApiTags('registry')
@ApiBearerAuth()
@Roles('ansm')
@Controller('v1')
export class RegistryController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('organisations')
  @ApiOperation({ summary: 'Authorise an organisation (ANSM)' })
  async registerOrganisation(@Body() body: RegisterOrganisationDto, @CommandMetadata() context: CommandContext) {
    const result = await this.commands.execute(new RegisterOrganisation({ ...body }, context));
    return { ...commandAnswer(result), organisationId: body.id };
  }

  @Get('organisations/:id')
  @ApiOperation({ summary: 'An authorised organisation (ANSM)' })
  organisation(@Param('id') id: string) {
    return this.queries.execute(new GetOrganisation(id));
  }

  @Post('professionals')
  @ApiOperation({ summary: 'Register a prescriber or pharmacist, with the date of their training (ANSM)' })
  async registerProfessional(@Body() body: RegisterProfessionalDto, @CommandMetadata() context: CommandContext) {
    const result = await this.commands.execute(
      new RegisterProfessional({ ...body, trainedOn: body.trainedOn ?? null }, context),
    );
    return { ...commandAnswer(result), rpps: body.rpps };
  }

  @Get('professionals/:rpps')
  @ApiOperation({ summary: 'A registered professional (ANSM)' })
  professional(@Param('rpps') rpps: string) {
    return this.queries.execute(new GetProfessional(rpps));
  }
}
