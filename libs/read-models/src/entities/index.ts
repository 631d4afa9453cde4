import { BatchSiteRow } from './batch-site.entity.js';
import { BatchRow } from './batch.entity.js';
import { ProjectionCheckpointRow, SubscriptionCheckpointRow } from './checkpoint.entities.js';
import { DispensationRow } from './dispensation.entity.js';
import { IdempotencyRequestRow } from './idempotency-request.entity.js';
import { PrescriptionRow } from './prescription.entity.js';
import { ShipmentRow } from './shipment.entity.js';

export {
  BatchRow,
  BatchSiteRow,
  DispensationRow,
  IdempotencyRequestRow,
  PrescriptionRow,
  ProjectionCheckpointRow,
  ShipmentRow,
  SubscriptionCheckpointRow,
};

/** Every table of the read side, one entity each. */
export const READ_MODEL_ENTITIES = [
  BatchRow,
  BatchSiteRow,
  DispensationRow,
  ShipmentRow,
  PrescriptionRow,
  IdempotencyRequestRow,
  ProjectionCheckpointRow,
  SubscriptionCheckpointRow,
];
