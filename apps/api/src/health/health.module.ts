import { Module } from '@nestjs/common';
import { HealthCheck } from './health-check.js';
import { HealthController } from './health.controller.js';
import { ProjectionsModule } from '../projections/projections.module.js';

@Module({
  imports: [ProjectionsModule],
  controllers: [HealthController],
  providers: [HealthCheck],
})
export class HealthModule {}
