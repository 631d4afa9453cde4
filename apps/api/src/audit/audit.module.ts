import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { ExportBatchEpcisHandler, GetBatchHistoryHandler, VerifyStoreHandler } from './audit.queries.js';

@Module({
  controllers: [AuditController],
  providers: [GetBatchHistoryHandler, VerifyStoreHandler, ExportBatchEpcisHandler],
})
export class AuditModule {}
