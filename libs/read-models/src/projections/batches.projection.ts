import type { EntityManager } from 'typeorm';
import { BatchRow } from '../entities/batch.entity.js';
import type { Projection } from '../projection.js';

/** Every batch with its conformity, release, hold and recall state: the supplier's and the auditor's lists. */
export const batchesProjection: Projection = {
  name: 'batches',
  entities: [BatchRow],
  async apply(tx, events) {
    for (const decided of events) {
      if (decided.of !== 'batch') continue;
      const { gtin, lot, event } = decided;
      switch (event.type) {
        case 'BatchRegistered':
          await tx
            .createQueryBuilder()
            .insert()
            .into(BatchRow)
            .values({
              gtin,
              lot,
              quantity: event.data.quantity,
              manufacturedOn: event.data.manufacturedOn,
              expiresOn: event.data.expiresOn,
              supplierId: event.data.supplierId,
              exploitantId: event.data.exploitantId,
              registeredAt: new Date(decided.occurredAt),
            })
            .orIgnore()
            .execute();
          break;
        case 'AnalysisRecorded':
          await change(tx, gtin, lot, { conformant: event.data.conformant });
          break;
        case 'BatchReleased':
          await change(tx, gtin, lot, { released: true });
          break;
        case 'BatchPutOnHold':
        case 'BatchHoldLifted':
          await change(tx, gtin, lot, { onHold: event.type === 'BatchPutOnHold' });
          break;
        case 'BatchRecalled':
          await change(tx, gtin, lot, { recalled: true });
          break;
      }
    }
  },
};

function change(tx: EntityManager, gtin: string, lot: string, values: Partial<BatchRow>) {
  return tx.update(BatchRow, { gtin, lot }, values);
}
