import { Module } from '@nestjs/common';
import { HealthCheck } from './health-check.js';
import { HealthController } from './health.controller.js';
import { AlertsProcessModule } from '../processes/alerts/alerts-process.module.js';
import { ReleaseEntriesModule } from '../processes/release-entries/release-entries.module.js';

@Module({
  imports: [ReleaseEntriesModule, AlertsProcessModule],
  controllers: [HealthController],
  providers: [HealthCheck],
})
export class HealthModule {}
