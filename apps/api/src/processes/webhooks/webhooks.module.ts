import { Module, type DynamicModule } from '@nestjs/common';
import type { WebhookTimings } from '#config';
import { EventsStreamController } from './events-stream.controller.js';
import { SubscriptionsController } from './subscriptions.controller.js';
import { WEBHOOK_ALLOW_PRIVATE, WEBHOOK_TIMINGS, WebhookDelivery } from './webhook-delivery.js';
import { WebhookStore } from './webhook-store.js';

/** Webhook subscriptions, their delivery process, and the server-sent event stream for the web interface. */
@Module({})
export class WebhooksModule {
  static forRoot(timings: WebhookTimings = {}, allowPrivate = false): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [SubscriptionsController, EventsStreamController],
      providers: [
        WebhookStore,
        WebhookDelivery,
        { provide: WEBHOOK_TIMINGS, useValue: timings },
        { provide: WEBHOOK_ALLOW_PRIVATE, useValue: allowPrivate },
      ],
    };
  }
}
