import { Module, type DynamicModule } from '@nestjs/common';
import { HealthCheck } from './health-check.js';
import { HealthController } from './health.controller.js';
import { HEALTH_PORT_OPTIONS, HealthPort, type HealthPortOptions } from './health-port.js';
import { ReleaseEntriesModule } from '../processes/release-entries/release-entries.module.js';

@Module({})
export class HealthModule {
  static forRoot(options: HealthPortOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [ReleaseEntriesModule],
      controllers: [HealthController],
      providers: [HealthCheck, HealthPort, { provide: HEALTH_PORT_OPTIONS, useValue: options }],
    };
  }
}
