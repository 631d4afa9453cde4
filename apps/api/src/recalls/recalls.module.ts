import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { AcknowledgeRecallHandler, QuarantineRecalledStockHandler } from './recall.commands.js';
import { GetRecallProgressHandler } from './recall-progress.query.js';
import { RecallsController } from './recalls.controller.js';

@Module({
  imports: [CommandsModule],
  controllers: [RecallsController],
  providers: [AcknowledgeRecallHandler, QuarantineRecalledStockHandler, GetRecallProgressHandler],
})
export class RecallsModule {}
