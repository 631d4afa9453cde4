import { Module } from '@nestjs/common';
import { HealthCheck } from './health-check.js';
import { HealthController } from './health.controller.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { SitesModule } from '../sites/sites.module.js';

@Module({
  imports: [ProjectionsModule, SitesModule],
  controllers: [HealthController],
  providers: [HealthCheck],
})
export class HealthModule {}
