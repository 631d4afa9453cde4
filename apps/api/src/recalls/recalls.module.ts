import { Module } from '@nestjs/common';
import { BatchLinksReader } from '../batches/batch-links.js';
import { StreamsModule } from '../shared/streams/streams.module.js';
import { AcknowledgeRecallHandler, QuarantineRecalledStockHandler } from './recall.commands.js';
import { GetRecallProgressHandler } from './recall-progress.query.js';
import { RecallsController } from './recalls.controller.js';

@Module({
  imports: [StreamsModule],
  controllers: [RecallsController],
  providers: [AcknowledgeRecallHandler, QuarantineRecalledStockHandler, GetRecallProgressHandler, BatchLinksReader],
})
export class RecallsModule {}
