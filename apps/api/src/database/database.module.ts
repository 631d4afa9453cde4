import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { DatabaseConfig } from '#config';
import { openSqlClient, type SqlClient } from '#sql';

/** Injection token of the SQL connection (PostgreSQL or embedded PGlite) shared by the api's stores. */
export const SQL_CLIENT = Symbol('SQL_CLIENT');

@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(SQL_CLIENT) private readonly client: SqlClient) {}

  static forRoot(config: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [{ provide: SQL_CLIENT, useFactory: () => openSqlClient(config) }],
      exports: [SQL_CLIENT],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
