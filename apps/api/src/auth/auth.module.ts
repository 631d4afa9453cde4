import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { developmentSecret } from '#auth';
import type { JwtConfig } from '#config';
import { AuthGuard, JWT_SECRET } from './auth.guard.js';
import { DEMO, DemoController, type DemoOptions } from '../security/demo.controller.js';

@Module({})
export class AuthModule {
  static forRoot(config: JwtConfig, demo: DemoOptions): DynamicModule {
    return {
      module: AuthModule,
      controllers: [DemoController],
      providers: [
        { provide: DEMO, useValue: demo },
        {
          provide: JWT_SECRET,
          useFactory: () => ('secret' in config ? config.secret : developmentSecret(config.secretFile)),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
