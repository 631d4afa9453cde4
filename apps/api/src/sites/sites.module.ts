import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { CheckpointStore } from '../database/checkpoint-store.js';
import { RecordRegisterOperationHandler } from './register.commands.js';
import { GetMonthlyBalanceHandler, GetRegisterHandler, GetStockHandler } from './register.queries.js';
import { ReleaseEntries } from './release-entries.js';
import { SitesController } from './sites.controller.js';

@Module({
  imports: [CommandsModule],
  controllers: [SitesController],
  providers: [
    RecordRegisterOperationHandler,
    GetStockHandler,
    GetRegisterHandler,
    GetMonthlyBalanceHandler,
    ReleaseEntries,
    CheckpointStore,
  ],
  exports: [ReleaseEntries],
})
export class SitesModule {}
