import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandOperation, ReadOperation } from '../openapi/operations.js';
import { SiteParam } from '../openapi/parameters.js';
import { SiteShipmentResponse } from '../shipments/shipment.responses.js';
import { LineDto } from '../validation/line.dto.js';
import { Roles } from '../auth/access.decorators.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import type { RegisterCommandResult } from '../shared/streams/register-books.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { plain } from '../validation/plain.js';
import { CountInventory, DeclareLoss, DestroyStock } from './register.commands.js';
import { DestructionDto, InventoryDto, LossDto, MonthQueryDto, ShipmentsQueryDto } from './register.dto.js';
import { ListSiteShipments } from '../read-models/lists.queries.js';
import { GetMonthlyBalance, GetRegister, GetStock } from './register.queries.js';
import { MonthlyBalanceResponse, RegisterEntryResponse, RegisterOperationResponse } from './register.responses.js';
import { SiteGuard } from './site.guard.js';

@ApiTags('sites')
@ApiBearerAuth()
@UseGuards(SiteGuard)
@SiteParam()
@Controller('v1/sites/:organisationId')
export class SitesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('stock')
  @ReadOperation({
    summary: 'Packs held per batch (the site, or ANSM)',
    type: [LineDto],
    description: 'Packs per batch',
  })
  stock(@Param('organisationId') site: string) {
    return this.queries.execute(new GetStock(site));
  }

  @Get('shipments')
  @ReadOperation({
    summary:
      "The site's shipments, newest first: incoming (default) or outgoing, in transit or received (the site, or ANSM; read models)",
    type: [SiteShipmentResponse],
    description: 'The shipments',
  })
  shipments(@Param('organisationId') site: string, @Query() query: ShipmentsQueryDto) {
    return this.queries.execute(new ListSiteShipments(site, query.direction ?? 'incoming', query.status));
  }

  @Get('register')
  @ReadOperation({
    summary: "The site's narcotics register: every dated entry and exit, with the balance after it (the site, or ANSM)",
    type: [RegisterEntryResponse],
    description: 'Every entry, oldest first',
  })
  register(@Param('organisationId') site: string) {
    return this.queries.execute(new GetRegister(site));
  }

  @Get('register/balance')
  @ReadOperation({
    summary: 'Balance of a month per batch: opening, entries, exits, closing (the site, or ANSM)',
    type: [MonthlyBalanceResponse],
    description: 'The balance of each batch',
  })
  balance(@Param('organisationId') site: string, @Query() query: MonthQueryDto) {
    return this.queries.execute(new GetMonthlyBalance(site, query.month));
  }

  @Post('register/losses')
  @Roles('supplier', 'exploitant', 'pharmacist')
  @CommandOperation({
    summary: 'Record a loss or theft at once, with the references of its declarations to the police, the ARS and ANSM',
    type: RegisterOperationResponse,
    description: 'The loss is in the register',
  })
  async loss(@Param('organisationId') site: string, @Body() body: LossDto, @CommandMetadata() context: CommandContext) {
    return withEvents(await this.commands.execute(new DeclareLoss(site, plain(body), context)));
  }

  @Post('register/destructions')
  @Roles('supplier', 'exploitant', 'pharmacist')
  @CommandOperation({
    summary:
      'Record a destruction done before a witness pharmacist, notified to the ARS a month ahead, with its report',
    type: RegisterOperationResponse,
    description: 'The destruction is in the register',
  })
  async destruction(
    @Param('organisationId') site: string,
    @Body() body: DestructionDto,
    @CommandMetadata() context: CommandContext,
  ) {
    return withEvents(await this.commands.execute(new DestroyStock(site, plain(body), context)));
  }

  @Post('register/inventories')
  @Roles('supplier', 'exploitant', 'pharmacist')
  @CommandOperation({
    summary: 'Record a physical inventory: every batch held is counted; each difference becomes an adjustment',
    type: RegisterOperationResponse,
    description: 'The inventory is in the register',
  })
  async inventory(
    @Param('organisationId') site: string,
    @Body() body: InventoryDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const { countedOn, counts } = plain(body);
    return withEvents(await this.commands.execute(new CountInventory(site, countedOn, counts, context)));
  }
}

/** A register operation answers the events it wrote: the entries and adjustments it made. */
const withEvents = (result: RegisterCommandResult) => ({ ...commandAnswer(result), events: result.events });
