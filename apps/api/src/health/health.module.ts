import { Module } from '@nestjs/common';
import { HealthCheck } from './health-check.js';
import { HealthController } from './health.controller.js';
import { SitesModule } from '../sites/sites.module.js';

@Module({
  imports: [SitesModule],
  controllers: [HealthController],
  providers: [HealthCheck],
})
export class HealthModule {}
