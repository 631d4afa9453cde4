import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import {
  LiftBatchHoldHandler,
  PutBatchOnHoldHandler,
  RecallBatchHandler,
  RecordAnalysisHandler,
  RegisterBatchHandler,
  ReleaseBatchHandler,
} from './batch.commands.js';
import { GetBatchHandler } from './batch.queries.js';
import { GetRecallImpactHandler } from './recall-impact.query.js';
import { BatchesController } from './batches.controller.js';

@Module({
  imports: [StreamsModule],
  controllers: [BatchesController],
  providers: [
    RegisterBatchHandler,
    RecordAnalysisHandler,
    ReleaseBatchHandler,
    PutBatchOnHoldHandler,
    LiftBatchHoldHandler,
    RecallBatchHandler,
    GetBatchHandler,
    GetRecallImpactHandler,
  ],
})
export class BatchesModule {}
