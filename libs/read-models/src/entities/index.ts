import { AlertRow } from './alert.entity.js';
import { BatchSiteRow } from './batch-site.entity.js';
import { BatchRow } from './batch.entity.js';
import { ProjectionCheckpointRow, SubscriptionCheckpointRow } from './checkpoint.entities.js';
import { DispensationRow } from './dispensation.entity.js';
import { FollowUpRow, FollowUpScheduleRow } from './follow-up.entity.js';
import { IdempotencyRequestRow } from './idempotency-request.entity.js';
import { MassBalanceShipmentRow } from './mass-balance-shipment.entity.js';
import { MassBalanceSiteRow } from './mass-balance-site.entity.js';
import { MassBalanceRow } from './mass-balance.entity.js';
import { PrescriptionRow } from './prescription.entity.js';
import { RaisedAlertRow } from './raised-alert.entity.js';
import { REPORT_ENTITIES } from './reports/index.js';
import { ShipmentRow } from './shipment.entity.js';
import { VigilanceReportRow } from './vigilance-report.entity.js';
import { VigilanceSignalRow } from './vigilance-signal.entity.js';
import { WebhookSubscriptionRow } from './webhook-subscription.entity.js';

export * from './reports/index.js';
export {
  AlertRow,
  BatchRow,
  BatchSiteRow,
  DispensationRow,
  FollowUpRow,
  FollowUpScheduleRow,
  IdempotencyRequestRow,
  MassBalanceRow,
  MassBalanceShipmentRow,
  MassBalanceSiteRow,
  PrescriptionRow,
  ProjectionCheckpointRow,
  RaisedAlertRow,
  ShipmentRow,
  SubscriptionCheckpointRow,
  VigilanceReportRow,
  VigilanceSignalRow,
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
  FollowUpRow,
  FollowUpScheduleRow,
  VigilanceReportRow,
  VigilanceSignalRow,
  RaisedAlertRow,
  MassBalanceRow,
  MassBalanceSiteRow,
  MassBalanceShipmentRow,
  IdempotencyRequestRow,
  WebhookSubscriptionRow,
  ProjectionCheckpointRow,
  SubscriptionCheckpointRow,
  ...REPORT_ENTITIES,
];
