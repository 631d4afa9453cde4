import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { BatchCommandHandler } from './batch.commands.js';
import { BatchLinksReader } from './batch-links.js';
import { GetBatchHandler } from './batch.queries.js';
import { GetRecallImpactHandler } from './recall-impact.query.js';
import { BatchesController } from './batches.controller.js';

@Module({
  imports: [CommandsModule],
  controllers: [BatchesController],
  providers: [BatchCommandHandler, GetBatchHandler, BatchLinksReader, GetRecallImpactHandler],
})
export class BatchesModule {}
