import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { BatchCommandHandler } from './batch.commands.js';
import { GetBatchHandler } from './batch.queries.js';
import { BatchesController } from './batches.controller.js';

@Module({
  imports: [CommandsModule],
  controllers: [BatchesController],
  providers: [BatchCommandHandler, GetBatchHandler],
})
export class BatchesModule {}
