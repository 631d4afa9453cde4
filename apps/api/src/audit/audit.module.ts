import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { GetBatchHistoryHandler, VerifyStoreHandler } from './audit.queries.js';

@Module({
  controllers: [AuditController],
  providers: [GetBatchHistoryHandler, VerifyStoreHandler],
})
export class AuditModule {}
