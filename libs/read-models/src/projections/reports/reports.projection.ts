import { REPORT_ENTITIES } from '../../entities/reports/index.js';
import type { Projection } from '../../projection.js';
import { applyDispensations } from './dispensations.js';
import { applyConsultations } from './follow-up.js';
import { applyPatients } from './patients.js';
import { applyReference } from './reference.js';
import { applyVigilance } from './vigilance.js';

export const REPORTS_PROJECTION = 'reports';

/**
 * The regulator's reports: one projection, so that every figure of every report stands at the same event, the
 * one `rm_report_as_of` names. The reference tables go first: a dispensation's region and indication are read
 * from them as it is inserted.
 */
export const reportsProjection: Projection = {
  name: REPORTS_PROJECTION,
  entities: REPORT_ENTITIES,
  async apply(tx, events, batch) {
    await applyReference(tx, events);
    await applyPatients(tx, events);
    await applyDispensations(tx, events);
    await applyConsultations(tx, events);
    await applyVigilance(tx, events);
    await tx.query(
      `INSERT INTO rm_report_as_of (projection, position, recorded_at) VALUES ($1, $2, $3)
       ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position, recorded_at = EXCLUDED.recorded_at`,
      [REPORTS_PROJECTION, batch.position, batch.recordedAt],
    );
  },
};
