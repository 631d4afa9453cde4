import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import { DispatchShipmentHandler, ReceiveShipmentHandler } from './shipment.commands.js';
import { GetShipmentHandler } from './shipment.queries.js';
import { ShipmentRecord } from './shipment-record.js';
import { ShipmentsController } from './shipments.controller.js';

@Module({
  imports: [StreamsModule],
  controllers: [ShipmentsController],
  providers: [DispatchShipmentHandler, ReceiveShipmentHandler, GetShipmentHandler, ShipmentRecord],
  exports: [ShipmentRecord],
})
export class ShipmentsModule {}
