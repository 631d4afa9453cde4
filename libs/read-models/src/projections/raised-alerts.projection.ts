import type { QueryDeepPartialEntity } from 'typeorm';
import { RaisedAlertRow } from '../entities/raised-alert.entity.js';
import type { Projection } from '../projection.js';

/**
 * Every alert raised, and where ANSM stands on it: raised (open), acknowledged with a note, closed with a note.
 * An alert's events are in its own stream, so its acknowledgement or closure always comes after its raising.
 */
export const raisedAlertsProjection: Projection = {
  name: 'raised-alerts',
  entities: [RaisedAlertRow],
  async apply(tx, events) {
    const raised: QueryDeepPartialEntity<RaisedAlertRow>[] = [];
    const flush = async () => {
      // In the order of the events: global_order, taken at insert, keeps the store's order.
      if (raised.length > 0)
        await tx.createQueryBuilder().insert().into(RaisedAlertRow).values(raised.splice(0)).orIgnore().execute();
    };
    for (const decided of events) {
      if (decided.of !== 'alert') continue;
      const { alertId, event, occurredAt } = decided;
      const at = new Date(occurredAt);
      if (event.type === 'AlertRaised') {
        const { kind, subject, evidence, details } = event.data;
        raised.push({
          alertId,
          kind,
          state: 'open',
          ...subject,
          evidence, // A JSON document: TypeORM's deep-partial type does not model unknown values.
          details: details as QueryDeepPartialEntity<RaisedAlertRow>['details'],
          raisedAt: at,
        });
        continue;
      }
      // Acknowledgements and closures are rare: one statement each, after the raisings before them.
      await flush();
      const change =
        event.type === 'AlertAcknowledged'
          ? { state: 'acknowledged', acknowledgedAt: at, acknowledgementNote: event.data.note }
          : { state: 'closed', closedAt: at, closureNote: event.data.note };
      await tx
        .createQueryBuilder()
        .update(RaisedAlertRow)
        .set(change)
        .where('alert_id = :alertId', { alertId })
        .execute();
    }
    await flush();
  },
};
