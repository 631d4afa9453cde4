import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DatabaseConfig } from '#config';
import { openReadModels, readModelsOptions } from '#read-models';
import { openSqlClient, type SqlClient } from '#sql';

/** Injection token of the SQL connection (PostgreSQL or embedded PGlite) of the event store. */
export const SQL_CLIENT = Symbol('SQL_CLIENT');

/**
 * The api's database: the SQL connection the event store appends through, and TypeORM's data source of the read
 * side (read models, idempotency records, checkpoints) in the same database, its schema migrated at start. On
 * PGlite both go through the one client, whose session serialises them.
 */
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(SQL_CLIENT) private readonly client: SqlClient) {}

  static forRoot(config: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [SQL_CLIENT],
          useFactory: (sql: SqlClient) => ({ ...readModelsOptions(config, sql), retryAttempts: 0 }),
          dataSourceFactory: (options) => openReadModels(options!),
        }),
      ],
      providers: [{ provide: SQL_CLIENT, useFactory: () => openSqlClient(config) }],
      exports: [SQL_CLIENT],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
