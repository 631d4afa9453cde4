import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { CommandOperation, ReadOperation } from '../openapi/operations.js';
import { RegisterOrganisationDto, RegisterProfessionalDto } from './registry.dto.js';
import {
  OrganisationRegisteredResponse,
  OrganisationResponse,
  ProfessionalRegisteredResponse,
  ProfessionalResponse,
} from './registry.responses.js';
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
  @CommandOperation({
    summary: 'Authorise an organisation (ANSM)',
    type: OrganisationRegisteredResponse,
    description: 'The organisation is authorised',
  })
  async registerOrganisation(@Body() body: RegisterOrganisationDto, @CommandMetadata() context: CommandContext) {
    const result = await this.commands.execute(new RegisterOrganisation({ ...body }, context));
    return { ...commandAnswer(result), organisationId: body.id };
  }

  @Get('organisations/:id')
  @ApiParam({ name: 'id', description: 'Organisation id', example: 'PH-CENTRE' })
  @ReadOperation({
    summary: 'An authorised organisation (ANSM)',
    type: OrganisationResponse,
    description: 'The organisation',
  })
  organisation(@Param('id') id: string) {
    return this.queries.execute(new GetOrganisation(id));
  }

  @Post('professionals')
  @CommandOperation({
    summary: 'Register a prescriber or pharmacist, with the date of their training (ANSM)',
    type: ProfessionalRegisteredResponse,
    description: 'The professional is registered',
  })
  async registerProfessional(@Body() body: RegisterProfessionalDto, @CommandMetadata() context: CommandContext) {
    const result = await this.commands.execute(
      new RegisterProfessional({ ...body, trainedOn: body.trainedOn ?? null }, context),
    );
    return { ...commandAnswer(result), rpps: body.rpps };
  }

  @Get('professionals/:rpps')
  @ApiParam({ name: 'rpps', description: '11-digit RPPS number', example: '10000000002' })
  @ReadOperation({
    summary: 'A registered professional (ANSM)',
    type: ProfessionalResponse,
    description: 'The professional',
  })
  professional(@Param('rpps') rpps: string) {
    return this.queries.execute(new GetProfessional(rpps));
  }
}
