import { AlertRow } from '../entities/alert.entity.js';
import type { Projection } from '../projection.js';

/**
 * What ANSM is alerted to: every out-of-specification analysis result, whoever recorded it (a laboratory or the
 * supplier). Whether a case was investigated and cleared by a laboratory retest is in the batch's own view.
 */
export const alertsProjection: Projection = {
  name: 'alerts',
  entities: [AlertRow],
  async apply(tx, events) {
    const alerts = [];
    for (const decided of events) {
      if (decided.of !== 'batch') continue;
      const { gtin, lot, event, recorded } = decided;
      if (event.type !== 'AnalysisRecorded' || event.data.conformant) continue;
      // Every event the store hands the projector carries its id and who recorded it.
      if (!recorded) throw new Error(`AnalysisRecorded of batch ${gtin} ${lot} without its id and recorder`);
      alerts.push({
        eventId: recorded.eventId,
        kind: 'out_of_specification' as const,
        gtin,
        lot,
        recordedByRole: recorded.role,
        recordedBy: recorded.organisation,
        sampledOn: event.data.sampledOn,
        failures: event.data.failures,
        raisedAt: new Date(recorded.recordedAt),
      });
    }
    // In the order of the events: global_order, taken at insert, keeps the store's order.
    if (alerts.length > 0) await tx.createQueryBuilder().insert().into(AlertRow).values(alerts).orIgnore().execute();
  },
};
