import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestMiddleware,
  type NestModule,
} from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { CLOCK, systemClock, type Clock, type DatedRequest } from './clock.js';

/** Dates each request on arrival with the application's clock (commands read it through their context). */
@Injectable()
class ReceivedAt implements NestMiddleware {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  use(request: DatedRequest, _response: Response, next: NextFunction): void {
    request.receivedAt = this.clock();
    next();
  }
}

@Global()
@Module({})
export class ClockModule implements NestModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }, ReceivedAt], exports: [CLOCK] };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ReceivedAt).forRoutes('*');
  }
}
