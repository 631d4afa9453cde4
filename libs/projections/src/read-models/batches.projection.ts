import type { BatchEvent } from '#domain';
import type { Projection } from '../projection.js';

/** Every batch with its conformity, release, hold and recall state: the supplier's and the auditor's lists. */
export const batchesProjection: Projection = {
  name: 'batches',
  tables: ['rm_batches'],
  migrations: [
    {
      id: 'projections-003-batches',
      sql: `
CREATE TABLE rm_batches (
  gtin text NOT NULL,
  lot text NOT NULL,
  quantity integer NOT NULL,
  manufactured_on date NOT NULL,
  expires_on date NOT NULL,
  supplier_id text NOT NULL,
  exploitant_id text NOT NULL,
  conformant boolean,
  released boolean NOT NULL DEFAULT false,
  on_hold boolean NOT NULL DEFAULT false,
  recalled boolean NOT NULL DEFAULT false,
  registered_at timestamptz NOT NULL,
  PRIMARY KEY (gtin, lot)
);
CREATE INDEX rm_batches_supplier_idx ON rm_batches (supplier_id);`,
    },
  ],
  async apply(tx, events) {
    for (const event of events) {
      const key = /^batch-(\d{14})-(.+)$/.exec(event.stream);
      if (!key) continue;
      const [, gtin, lot] = key;
      const e = event as unknown as BatchEvent;
      switch (e.type) {
        case 'BatchRegistered':
          await tx.query(
            `INSERT INTO rm_batches (gtin, lot, quantity, manufactured_on, expires_on, supplier_id, exploitant_id, registered_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (gtin, lot) DO NOTHING`,
            [
              gtin,
              lot,
              e.data.quantity,
              e.data.manufacturedOn,
              e.data.expiresOn,
              e.data.supplierId,
              e.data.exploitantId,
              event.metadata.occurredAt,
            ],
          );
          break;
        case 'AnalysisRecorded':
          await tx.query('UPDATE rm_batches SET conformant = $3 WHERE gtin = $1 AND lot = $2', [
            gtin,
            lot,
            e.data.conformant,
          ]);
          break;
        case 'BatchReleased':
          await tx.query('UPDATE rm_batches SET released = true WHERE gtin = $1 AND lot = $2', [gtin, lot]);
          break;
        case 'BatchPutOnHold':
        case 'BatchHoldLifted':
          await tx.query('UPDATE rm_batches SET on_hold = $3 WHERE gtin = $1 AND lot = $2', [
            gtin,
            lot,
            e.type === 'BatchPutOnHold',
          ]);
          break;
        case 'BatchRecalled':
          await tx.query('UPDATE rm_batches SET recalled = true WHERE gtin = $1 AND lot = $2', [gtin, lot]);
          break;
      }
    }
  },
};
