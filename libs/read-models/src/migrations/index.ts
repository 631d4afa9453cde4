import { ReadModels1764028800000 } from './1764028800000-read-models.js';
import { AlertsAndWebhooks1764547200000 } from './1764547200000-alerts-and-webhooks.js';
import { MassBalance1764720000000 } from './1764720000000-mass-balance.js';

/** The read side's schema, in order. A migration, once shipped, is never edited: a change is a new one. */
export const READ_MODEL_MIGRATIONS = [
  ReadModels1764028800000,
  AlertsAndWebhooks1764547200000,
  MassBalance1764720000000,
];
