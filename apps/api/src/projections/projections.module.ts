import {
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import { type SqlClient } from '#sql';
import { PROJECTIONS, Projector } from '#read-models';
import { SQL_CLIENT } from '../database/database.module.js';

const RUN_PROJECTIONS = Symbol('RUN_PROJECTIONS');

/** Keeps the read models: migrated at start, projecting from bootstrap to shutdown (unless another process does). */
@Module({
  providers: [
    {
      provide: Projector,
      inject: [EVENT_STORE, SQL_CLIENT],
      useFactory: (store: EventStore, sql: SqlClient) => {
        const logger = new Logger('Projector');
        return new Projector(store, sql, PROJECTIONS, {
          onError: (name, error) =>
            logger.error(`projection ${name} failed, restarting from its checkpoint: ${(error as Error).message}`),
        });
      },
    },
  ],
  exports: [Projector],
})
export class ProjectionsModule implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(Projector) private readonly projector: Projector,
    @Inject(RUN_PROJECTIONS) private readonly run: boolean,
  ) {}

  static forRoot(options: { run: boolean }): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      providers: [{ provide: RUN_PROJECTIONS, useValue: options.run }],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.projector.migrate();
  }

  onApplicationBootstrap(): void {
    if (this.run) this.projector.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}
