import { Module } from '@nestjs/common';
import { EpcisController } from './epcis.controller.js';
import { QueryEpcisEventsHandler } from './epcis.queries.js';

@Module({
  controllers: [EpcisController],
  providers: [QueryEpcisEventsHandler],
})
export class EpcisModule {}
