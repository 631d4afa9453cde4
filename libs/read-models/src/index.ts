import { alertsProjection } from './projections/alerts.projection.js';
import { batchesProjection } from './projections/batches.projection.js';
import { followUpProjection } from './projections/follow-up.projection.js';
import { massBalanceProjection } from './projections/mass-balance.projection.js';
import { prescriptionsProjection } from './projections/prescriptions.projection.js';
import { raisedAlertsProjection } from './projections/raised-alerts.projection.js';
import { reportsProjection } from './projections/reports/reports.projection.js';
import { traceProjection } from './projections/trace.projection.js';
import { vigilanceProjection } from './projections/vigilance.projection.js';

export * from './entities/index.js';
export { READ_MODEL_MIGRATIONS } from './migrations/index.js';
export { migrateReadModels, openReadModels, readModelsOptions } from './data-source.js';
export { pgliteDriver } from './pglite-driver.js';
export type { ProjectedBatch, Projection } from './projection.js';
export * from './reports/index.js';
export * from './projector.js';
export {
  alertsProjection,
  batchesProjection,
  followUpProjection,
  massBalanceProjection,
  prescriptionsProjection,
  raisedAlertsProjection,
  reportsProjection,
  traceProjection,
  vigilanceProjection,
};
export * from './mass-balance.queries.js';

/** Every projection of cannatrace. */
export const PROJECTIONS = [
  batchesProjection,
  traceProjection,
  prescriptionsProjection,
  alertsProjection,
  raisedAlertsProjection,
  followUpProjection,
  vigilanceProjection,
  reportsProjection,
  massBalanceProjection,
];
