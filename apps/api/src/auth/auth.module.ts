import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { hs256Secret, TokenVerifier } from '#auth';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, type JwtConfig } from '#config';
import { AuthGuard, JWT_CLAIMS, JWT_SECRET } from './auth.guard.js';
import { Registrations } from './registrations.js';
import { DEMO, DemoController, type DemoOptions } from '../security/demo.controller.js';

@Module({})
export class AuthModule {
  static forRoot(config: JwtConfig, demo: DemoOptions): DynamicModule {
    return {
      module: AuthModule,
      controllers: [DemoController],
      providers: [
        { provide: DEMO, useValue: demo },
        // The HS256 secret signs demo tokens; absent when only an OpenID Connect provider's JWKS is configured.
        { provide: JWT_SECRET, useFactory: () => hs256Secret(config) ?? '' },
        { provide: JWT_CLAIMS, useValue: { iss: config.issuer, aud: config.audience } },
        {
          provide: TokenVerifier,
          inject: [JWT_SECRET],
          useFactory: (secret: string) =>
            new TokenVerifier({
              secret: secret || undefined,
              jwksUrl: config.jwksUrl,
              issuer: config.issuer,
              audience: config.audience,
              maxLifetimeSeconds: config.maxLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
            }),
        },
        Registrations,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
