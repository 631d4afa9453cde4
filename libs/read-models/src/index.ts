import { alertsProjection } from './projections/alerts.projection.js';
import { batchesProjection } from './projections/batches.projection.js';
import { massBalanceProjection } from './projections/mass-balance.projection.js';
import { prescriptionsProjection } from './projections/prescriptions.projection.js';
import { traceProjection } from './projections/trace.projection.js';

export * from './entities/index.js';
export { READ_MODEL_MIGRATIONS } from './migrations/index.js';
export { migrateReadModels, openReadModels, readModelsOptions } from './data-source.js';
export { pgliteDriver } from './pglite-driver.js';
export type { Projection } from './projection.js';
export * from './projector.js';
export { alertsProjection, batchesProjection, massBalanceProjection, prescriptionsProjection, traceProjection };
export * from './mass-balance.queries.js';

/** Every projection of cannatrace. */
export const PROJECTIONS = [
  batchesProjection,
  traceProjection,
  prescriptionsProjection,
  alertsProjection,
  massBalanceProjection,
];
