import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RateLimitGuard, REQUESTS_PER_MINUTE } from './rate-limit.guard.js';

@Module({})
export class SecurityModule {
  static forRoot(options: { requestsPerMinute: number }): DynamicModule {
    return {
      module: SecurityModule,
      providers: [
        { provide: REQUESTS_PER_MINUTE, useValue: options.requestsPerMinute },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
