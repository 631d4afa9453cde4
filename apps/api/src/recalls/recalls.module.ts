import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import { AcknowledgeRecallHandler, QuarantineRecalledStockHandler } from './recall.commands.js';
import { GetRecallProgressHandler } from './recall-progress.query.js';
import { RecallsController } from './recalls.controller.js';

@Module({
  imports: [StreamsModule],
  controllers: [RecallsController],
  providers: [AcknowledgeRecallHandler, QuarantineRecalledStockHandler, GetRecallProgressHandler],
})
export class RecallsModule {}
