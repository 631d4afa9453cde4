import { Module } from '@nestjs/common';
import { ListAlertsHandler } from './alerts.queries.js';
import { AuditController } from './audit.controller.js';
import { ExportBatchEpcisHandler, GetBatchHistoryHandler, VerifyStoreHandler } from './audit.queries.js';

@Module({
  controllers: [AuditController],
  providers: [GetBatchHistoryHandler, VerifyStoreHandler, ExportBatchEpcisHandler, ListAlertsHandler],
})
export class AuditModule {}
