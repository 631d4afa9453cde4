import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import { DeclareLossHandler, DestroyStockHandler, CountInventoryHandler } from './register.commands.js';
import { GetMonthlyBalanceHandler, GetRegisterHandler, GetStockHandler } from './register.queries.js';
import { SitesController } from './sites.controller.js';

@Module({
  imports: [StreamsModule],
  controllers: [SitesController],
  providers: [
    DeclareLossHandler,
    DestroyStockHandler,
    CountInventoryHandler,
    GetStockHandler,
    GetRegisterHandler,
    GetMonthlyBalanceHandler,
  ],
})
export class SitesModule {}
