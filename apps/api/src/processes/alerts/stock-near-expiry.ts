import { daysBetween } from '#domain';
import type { SweepKind } from './sweep-kind.js';

/** Packs held of a batch that expires within `expiryWindowDays` days (or has expired). */
export const stockNearExpiry: SweepKind = async ({ readModels }, { expiryWindowDays }, today) => {
  const rows: { site: string; gtin: string; lot: string; onHand: number; expiresOn: string }[] = await readModels.query(
    `SELECT s.site_id AS site, s.gtin, s.lot, s.on_hand AS "onHand", b.expires_on::text AS "expiresOn"
       FROM rm_batch_sites s JOIN rm_batches b ON b.gtin = s.gtin AND b.lot = s.lot
      WHERE s.on_hand > 0 AND b.expires_on <= $1::date + $2::integer`,
    [today, expiryWindowDays],
  );
  return rows.map(({ site, gtin, lot, onHand, expiresOn }) => ({
    kind: 'stock_near_expiry' as const,
    subject: { site, gtin, lot, shipmentId: null },
    evidence: [],
    details: { onHand, expiresOn, daysLeft: daysBetween(today, expiresOn), window: expiryWindowDays },
  }));
};
