import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import { TraceController } from './trace.controller.js';
import { GetBatchTraceHandler } from './trace.queries.js';
import {
  ListBatchesHandler,
  ListPrescriptionsHandler,
  ListSiteShipmentsHandler,
} from '../read-models/lists.queries.js';

@Module({
  imports: [StreamsModule],
  controllers: [TraceController],
  providers: [GetBatchTraceHandler, ListSiteShipmentsHandler, ListBatchesHandler, ListPrescriptionsHandler],
})
export class TraceModule {}
