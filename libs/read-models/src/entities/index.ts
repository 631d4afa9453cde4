import { AlertRow } from './alert.entity.js';
import { BatchSiteRow } from './batch-site.entity.js';
import { BatchRow } from './batch.entity.js';
import { ProjectionCheckpointRow, SubscriptionCheckpointRow } from './checkpoint.entities.js';
import { DispensationRow } from './dispensation.entity.js';
import { IdempotencyRequestRow } from './idempotency-request.entity.js';
import { MassBalanceShipmentRow } from './mass-balance-shipment.entity.js';
import { MassBalanceSiteRow } from './mass-balance-site.entity.js';
import { MassBalanceRow } from './mass-balance.entity.js';
import { PrescriptionRow } from './prescription.entity.js';
import { ShipmentRow } from './shipment.entity.js';
import { WebhookSubscriptionRow } from './webhook-subscription.entity.js';

export {
  AlertRow,
  BatchRow,
  BatchSiteRow,
  DispensationRow,
  IdempotencyRequestRow,
  MassBalanceRow,
  MassBalanceShipmentRow,
  MassBalanceSiteRow,
  PrescriptionRow,
  ProjectionCheckpointRow,
  ShipmentRow,
  SubscriptionCheckpointRow,
  WebhookSubscriptionRow,
};

/** Every table of the read side, one entity each. */
export const READ_MODEL_ENTITIES = [
  BatchRow,
  BatchSiteRow,
  DispensationRow,
  ShipmentRow,
  PrescriptionRow,
  AlertRow,
  MassBalanceRow,
  MassBalanceSiteRow,
  MassBalanceShipmentRow,
  IdempotencyRequestRow,
  WebhookSubscriptionRow,
  ProjectionCheckpointRow,
  SubscriptionCheckpointRow,
];
