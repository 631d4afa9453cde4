import type { BatchEvent } from '#domain';
import type { Projection } from '../projection.js';

/**
 * What ANSM is alerted to: every out-of-specification analysis result, whoever recorded it (a laboratory or the
 * supplier). Whether a case was investigated and cleared by a laboratory retest is in the batch's own view.
 */
export const alertsProjection: Projection = {
  name: 'alerts',
  tables: ['rm_alerts'],
  migrations: [
    {
      id: 'projections-006-alerts',
      sql: `
CREATE TABLE rm_alerts (
  event_id text PRIMARY KEY,
  kind text NOT NULL,
  gtin text NOT NULL,
  lot text NOT NULL,
  recorded_by_role text NOT NULL,
  recorded_by text NOT NULL,
  sampled_on date NOT NULL,
  failures jsonb NOT NULL,
  raised_at timestamptz NOT NULL,
  global_order bigserial
);
CREATE INDEX rm_alerts_order_idx ON rm_alerts (global_order);`,
    },
  ],
  async apply(tx, events) {
    for (const event of events) {
      const key = /^batch-(\d{14})-(.+)$/.exec(event.stream);
      const e = event as unknown as BatchEvent;
      if (!key || e.type !== 'AnalysisRecorded' || e.data.conformant) continue;
      await tx.query(
        `INSERT INTO rm_alerts (event_id, kind, gtin, lot, recorded_by_role, recorded_by, sampled_on, failures, raised_at)
         VALUES ($1, 'out_of_specification', $2, $3, $4, $5, $6, $7::jsonb, $8) ON CONFLICT (event_id) DO NOTHING`,
        [
          event.id,
          key[1],
          key[2],
          event.metadata.role,
          event.metadata.organisation,
          e.data.sampledOn,
          JSON.stringify(e.data.failures),
          event.metadata.recordedAt,
        ],
      );
    }
  },
};
