import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import {
  LiftBatchHoldHandler,
  PutBatchOnHoldHandler,
  RecallBatchHandler,
  RecordAnalysisHandler,
  RegisterBatchHandler,
  ReleaseBatchHandler,
  ReportInvestigationHandler,
} from './batch.commands.js';
import { BatchLinksReader } from './batch-links.js';
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
    ReportInvestigationHandler,
    PutBatchOnHoldHandler,
    LiftBatchHoldHandler,
    RecallBatchHandler,
    GetBatchHandler,
    BatchLinksReader,
    GetRecallImpactHandler,
  ],
})
export class BatchesModule {}
