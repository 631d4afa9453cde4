import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStoreKind } from '#config';
import { EVENT_STORE, eventStoreOn, openEventStore, type EventStore } from '#event-store';
import { type SqlClient } from '#sql';
import { SQL_CLIENT } from '../database/database.module.js';

/**
 * Provides the EventStore under the EVENT_STORE token: EventStoreDB when configured, otherwise the events table
 * of the api's database connection (PostgreSQL or PGlite, which allows one connection per data directory).
 */
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: EventStoreKind): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        {
          provide: EVENT_STORE,
          inject: [SQL_CLIENT],
          useFactory: (sql: SqlClient) => (config.kind === 'eventstoredb' ? openEventStore(config) : eventStoreOn(sql)),
        },
      ],
      exports: [EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
