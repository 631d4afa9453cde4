import {
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '#event-store';
import { PROJECTIONS, Projector } from '#read-models';

const RUN_PROJECTIONS = Symbol('RUN_PROJECTIONS');

/**
 * Keeps the read models, whose schema the data source migrates: each projection gets its checkpoint at start and
 * projects from bootstrap to shutdown (unless another process does: PROJECTIONS=off and `cli project`).
 */
@Module({
  providers: [
    {
      provide: Projector,
      inject: [EVENT_STORE, DataSource],
      useFactory: (store: EventStore, readModels: DataSource) => {
        const logger = new Logger('Projector');
        return new Projector(store, readModels, PROJECTIONS, {
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
    await this.projector.register();
  }

  onApplicationBootstrap(): void {
    if (this.run) this.projector.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}
