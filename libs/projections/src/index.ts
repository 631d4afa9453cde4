export * from './projection.js';
export * from './projector.js';
export { traceProjection } from './read-models/trace.projection.js';
export { batchesProjection } from './read-models/batches.projection.js';
export { prescriptionsProjection } from './read-models/prescriptions.projection.js';
export { alertsProjection } from './read-models/alerts.projection.js';
import { alertsProjection } from './read-models/alerts.projection.js';
import { batchesProjection } from './read-models/batches.projection.js';
import { prescriptionsProjection } from './read-models/prescriptions.projection.js';
import { traceProjection } from './read-models/trace.projection.js';

/** Every read model of cannatrace. */
export const PROJECTIONS = [batchesProjection, traceProjection, prescriptionsProjection, alertsProjection];
