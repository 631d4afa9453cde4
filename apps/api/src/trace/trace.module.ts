import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { TraceController } from './trace.controller.js';
import { GetBatchTraceHandler } from './trace.queries.js';

@Module({
  imports: [CommandsModule],
  controllers: [TraceController],
  providers: [GetBatchTraceHandler],
})
export class TraceModule {}
