import { ReadModels1764028800000 } from './1764028800000-read-models.js';
import { AlertsAndWebhooks1764547200000 } from './1764547200000-alerts-and-webhooks.js';
import { RaisedAlerts1764633600000 } from './1764633600000-raised-alerts.js';
import { FollowUp1764640000000 } from './1764640000000-follow-up.js';
import { Vigilance1764720000000 } from './1764720000000-vigilance.js';
import { MassBalance1764760000000 } from './1764760000000-mass-balance.js';
import { Reports1764806400000 } from './1764806400000-reports.js';

/** The read side's schema, in order. A migration, once shipped, is never edited: a change is a new one. */
export const READ_MODEL_MIGRATIONS = [
  ReadModels1764028800000,
  AlertsAndWebhooks1764547200000,
  RaisedAlerts1764633600000,
  FollowUp1764640000000,
  Vigilance1764720000000,
  MassBalance1764760000000,
  Reports1764806400000,
];
