import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandOperation, ReadOperation } from '../openapi/operations.js';
import { ShipmentIdParam } from '../openapi/parameters.js';
import type { Principal } from '#auth';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { plain } from '../validation/plain.js';
import { DispatchShipment, ReceiveShipment } from './shipment.commands.js';
import { CreateShipmentDto, ReceiptDto } from './shipment.dto.js';
import { GetShipment } from './shipment.queries.js';
import { ShipmentDispatchedResponse, ShipmentReceivedResponse, ShipmentResponse } from './shipment.responses.js';

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
  @CommandOperation({
    summary:
      'Dispatch packs from the caller organisation: supplier to exploitant, exploitant to pharmacy, pharmacy to exploitant (returns)',
    type: ShipmentDispatchedResponse,
    description: 'The shipment is dispatched: its packs left the sender’s register',
  })
  async dispatch(@Body() body: CreateShipmentDto, @CommandMetadata() context: CommandContext) {
    const data = plain(body);
    const result = await this.commands.execute(
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
  @ShipmentIdParam()
  @CommandOperation({
    summary:
      'Receive a shipment, once, by counted lines or by one scan a pack; answers what was accepted and every discrepancy',
    type: ShipmentReceivedResponse,
    description: 'The shipment is received: what was accepted entered the receiver’s register',
  })
  async receive(
    @Param('shipmentId') shipmentId: string,
    @Body() body: ReceiptDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const arrival =
      body.scans !== undefined
        ? { kind: 'scans' as const, scans: body.scans }
        : { kind: 'lines' as const, lines: plain(body).lines ?? [] };
    const result = await this.commands.execute(new ReceiveShipment(shipmentId, arrival, context));
    return { ...commandAnswer(result), shipmentId, accepted: result.accepted, discrepancies: result.discrepancies };
  }

  @Get(':shipmentId')
  @ShipmentIdParam()
  @ReadOperation({
    summary: 'A shipment with its receipt (its sender, its receiver, or ANSM)',
    type: ShipmentResponse,
    description: 'The shipment',
  })
  shipment(@Param('shipmentId') shipmentId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetShipment(shipmentId, principal));
  }
}
