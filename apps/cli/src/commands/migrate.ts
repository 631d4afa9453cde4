import { createApp } from '../../../api/src/create-app.js';
import type { AppConfig } from '#config';

/**
 * Applies every migration the api would apply at start (event store, checkpoints, idempotency records, read
 * models), by starting the application once without listening, projecting or sealing. Run as the schema's owner:
 * the api's own role may lack the rights (docs/operations.md).
 */
export async function migrateAll(config: AppConfig): Promise<string> {
  const app = await createApp({ ...config, runProjections: false, sealIntervalMs: 0 }, { logger: false });
  await app.init();
  await app.close();
  return `every migration is applied (${config.database.kind}${config.eventStore.kind === 'eventstoredb' ? ', events in EventStoreDB' : ''})`;
}
