import type { DataSource } from 'typeorm';
import type { EventStore } from '#event-store';
import { PROJECTIONS, Projector } from '#read-models';

/** Keeps every read model until the process is told to stop; a kill at any moment loses or doubles nothing. */
export async function project(store: EventStore, readModels: DataSource): Promise<void> {
  const projector = new Projector(store, readModels, PROJECTIONS, {
    onError: (name, error) =>
      console.error(`projection ${name} failed, restarting from its checkpoint: ${(error as Error).message}`),
  });
  await projector.register();
  projector.start();
  console.error(`projecting ${PROJECTIONS.map((p) => p.name).join(', ')}; stop with SIGTERM`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await projector.stop();
}
