import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import { Command, type CommandContext } from '../commands/command-context.js';
import { commandAnswer } from '../commands/streams.js';
import { plain } from '../validation/plain.js';
import {
  DispatchShipment,
  ReceiveShipment,
  type ReceiptResult,
  type RegisterCommandResult,
} from './shipment.commands.js';
import { CreateShipmentDto, ReceiptDto } from './shipment.dto.js';
import { GetShipment } from './shipment.queries.js';

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('v1/shipments')
export class ShipmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('supplier', 'exploitant', 'pharmacist')
  @ApiOperation({
    summary:
      'Dispatch packs from the caller organisation: supplier to exploitant, exploitant to pharmacy, pharmacy to exploitant (returns)',
  })
  async dispatch(@Body() body: CreateShipmentDto, @Command() context: CommandContext) {
    const data = plain(body);
    const result = await this.commands.execute<DispatchShipment, RegisterCommandResult & { shipmentId: string }>(
      new DispatchShipment(
        {
          to: data.to,
          lines: data.lines,
          carrier: data.carrier ?? null,
          importAuthorisation: data.importAuthorisation ?? null,
          return: data.return === true,
        },
        context,
      ),
    );
    return { ...commandAnswer(result), shipmentId: result.shipmentId };
  }

  @Post(':shipmentId/receipt')
  // The supplier receives the exploitant's returns.
  @Roles('supplier', 'exploitant', 'pharmacist')
  @ApiOperation({
    summary:
      'Receive a shipment, once, by counted lines or by one scan a pack; answers what was accepted and every discrepancy',
  })
  async receive(@Param('shipmentId') shipmentId: string, @Body() body: ReceiptDto, @Command() context: CommandContext) {
    const arrival =
      body.scans !== undefined
        ? { kind: 'scans' as const, scans: body.scans }
        : { kind: 'lines' as const, lines: plain(body).lines ?? [] };
    const result = await this.commands.execute<ReceiveShipment, ReceiptResult>(
      new ReceiveShipment(shipmentId, arrival, context),
    );
    return { ...commandAnswer(result), shipmentId, accepted: result.accepted, discrepancies: result.discrepancies };
  }

  @Get(':shipmentId')
  @ApiOperation({ summary: 'A shipment with its receipt (its sender, its receiver, or ANSM)' })
  shipment(@Param('shipmentId') shipmentId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetShipment(shipmentId, principal));
  }
}
